/**
 * Keeps a child process from outliving its owner: tracked children are killed on the Node
 * process's exit, SIGINT or SIGTERM (a SIGKILL of Node is the one case nothing can catch), and
 * {@link killAndWait} stops one, escalating to SIGKILL if it ignores SIGTERM.
 *
 * Started by npm (`npm start`, `npx scaler local`), the CLI runs under `sh -c`, under npm: a
 * SIGTERM sent to npm ends npm and the shell but never reaches Node, which would run on, orphaned,
 * with DynamoDB Local. So while a child is tracked and npm started us, the parent is watched: when
 * it is gone, Node takes it as the SIGTERM it was meant to get.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

const STOP_TIMEOUT_MS = 5_000;

/**
 * Stops `child`: SIGTERM, then SIGKILL if it has not exited within 5 s. Resolves once it has exited,
 * at once if it never started or already exited.
 */
export async function killAndWait(child: ChildProcess): Promise<void> {
  // No pid: spawning failed, there is nothing to kill (and no 'exit' to wait for).
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  // Unreferenced: once Java has exited, a pending timer must not keep a stopping CLI alive for 5 s.
  const timedOut = await Promise.race([
    exited.then(() => false),
    sleep(STOP_TIMEOUT_MS, true, { ref: false }),
  ]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}

// One set of process handlers for all running instances: registered with the first, removed
// with the last, so many instances never pile up listeners.
const running = new Set<ChildProcess>();
/** How often the parent is looked at: an orphaned stack lingers at most this long. */
const PARENT_CHECK_MS = 500;
let parentWatch: NodeJS.Timeout | undefined;

/** npm sets `npm_command` (`exec` for npx, `run-script` for npm start) in what it runs. */
function startedByNpm(): boolean {
  return process.env.npm_command !== undefined;
}

function watchParent(): void {
  if (!startedByNpm()) return;
  const parent = process.ppid;
  parentWatch = setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
  }, PARENT_CHECK_MS);
  // Never the reason the process stays alive.
  parentWatch.unref();
}

function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  running.clear();
  removeHandlers();
  // A listener replaces Node's default of exiting; restore it when no one else is listening.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function removeHandlers(): void {
  if (parentWatch) clearInterval(parentWatch);
  parentWatch = undefined;
  process.off('exit', killAll);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

/** Kills `child` if the Node process exits or is interrupted before {@link untrack}. */
export function track(child: ChildProcess): void {
  if (running.size === 0) {
    process.on('exit', killAll);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    watchParent();
  }
  running.add(child);
}

/** Stops watching over `child` (its owner is stopping it); the last one out removes the handlers. */
export function untrack(child: ChildProcess): void {
  if (running.delete(child) && running.size === 0) removeHandlers();
}
