/**
 * Red-team findings on the local tools under faults (issue 15, item 5): DynamoDB Local dying or
 * hanging under `npm start` / `scaler demo` and `scaler local`, and a signal to the `npx` wrapper.
 * Each ends with one paragraph and exit 3 (or stops the whole stack), never a stack trace or an
 * orphaned Java process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'scaler-faults-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The DynamoDB Local (Java) processes anywhere below `root` (Linux /proc). */
function javaBelow(root: number): number[] {
  return processesBelow(root, /DynamoDBLocal/);
}

/** The processes anywhere below `root` whose command line (NUL-separated) matches. */
function processesBelow(root: number, match: RegExp): number[] {
  const pids = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
  const below = (pid: number): boolean => {
    for (let p = parentOf(pid); p !== undefined && p > 1; p = parentOf(p)) if (p === root) return true;
    return false;
  };
  return pids.filter((pid) => {
    try {
      return match.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8')) && below(pid);
    } catch {
      return false;
    }
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Output of a child, collected as it comes. */
function collect(child: ChildProcess) {
  const text = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    text.stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    text.stderr += chunk;
  });
  return text;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  const result = await Promise.race([exited, sleep(timeoutMs, 'timeout')]);
  if (result === 'timeout') {
    child.kill('SIGKILL');
    throw new Error('the process did not end');
  }
  return (result as [number | null])[0];
}

function scaler(args: string[]): { child: ChildProcess; text: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [join(ROOT, 'bin/scaler.mjs'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { child, text: collect(child) };
}

const NO_STACK = /\n\s+at .*:\d+:\d+/;

describe('red-team: the local tools under faults', () => {
  it('red-team 5.1: npm start (scaler demo) whose DynamoDB Local dies ends with one paragraph and exit 3', {
    timeout: 120_000,
  }, async () => {
    const { child, text } = scaler(['demo', '--out', join(work, 'died')]);
    await until(() => text.stdout.includes('time (UTC)'), 90_000, 'the run to start');
    const [java] = javaBelow(child.pid as number);

    process.kill(java as number, 'SIGKILL');
    const code = await exitOf(child, 60_000);

    expect(code).toBe(3);
    expect(text.stderr).toMatch(
      /^DynamoDB Local \(the local stack's state store: Java, pid \d+, http:\/\/127\.0\.0\.1:\d+\) died \(signal SIGKILL\) during the run, at simulated .* minutes played\)\. The run stopped there and the local stack with it; no report was written\./,
    );
    expect(text.stderr.trim().split('\n')).toHaveLength(1);
    expect(text.stderr).not.toMatch(NO_STACK);
  });

  it('red-team 5.2: npm start (scaler demo) whose DynamoDB Local hangs ends the same way, and leaves no Java behind', {
    timeout: 150_000,
  }, async () => {
    const { child, text } = scaler(['demo', '--out', join(work, 'hung')]);
    await until(() => text.stdout.includes('time (UTC)'), 90_000, 'the run to start');
    const [java] = javaBelow(child.pid as number);

    process.kill(java as number, 'SIGSTOP');
    const code = await exitOf(child, 100_000);

    expect(code).toBe(3);
    expect(text.stderr).toMatch(/stopped answering: the process is alive but gave no answer within 2 s/);
    expect(text.stderr).not.toMatch(NO_STACK);
    await until(() => !isRunning(java as number), 10_000, 'the stopped Java process to be killed');
  });

  it('red-team 5.4: scaler local notices its DynamoDB Local died, says so and exits 3', {
    timeout: 90_000,
  }, async () => {
    const { child, text } = scaler(['local', '--quiet']);
    await until(() => text.stdout.includes('Running until Ctrl-C.'), 60_000, 'scaler local to run');
    const [java] = javaBelow(child.pid as number);

    process.kill(java as number, 'SIGKILL');
    const code = await exitOf(child, 30_000);

    expect(code).toBe(3);
    expect(text.stderr).toMatch(
      /^DynamoDB Local .* died \(signal SIGKILL\) while `scaler local` was running: the functions' state store is gone/,
    );
    expect(text.stderr).not.toMatch(NO_STACK);
  });

  it('red-team 5.6: SIGTERM to the npx wrapper alone, or Ctrl-C to its process group, stops scaler local and its DynamoDB Local', {
    timeout: 120_000,
  }, async () => {
    for (const how of ['SIGTERM to npx', 'Ctrl-C'] as const) {
      // Its own process group, as a terminal gives a foreground job.
      const child = spawn('npx', ['scaler', 'local', '--quiet'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const text = collect(child);
      await until(
        () => text.stdout.includes('Running until Ctrl-C.'),
        60_000,
        `scaler local under npx (${how})`,
      );
      const javas = javaBelow(child.pid as number);
      // The CLI itself: node running the package's bin (npx links it as .bin/scaler).
      const clis = processesBelow(child.pid as number, /node\0[^\0]*scaler(\.mjs)?\0local/);
      expect(javas).toHaveLength(1);
      expect(clis).toHaveLength(1);

      if (how === 'Ctrl-C') process.kill(-(child.pid as number), 'SIGINT');
      else process.kill(child.pid as number, 'SIGTERM');

      await until(
        () => [...javas, ...clis].every((pid) => !isRunning(pid)),
        15_000,
        `scaler local and DynamoDB Local to stop (${how})`,
      );
    }
  });
});
