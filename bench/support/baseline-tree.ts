/**
 * What speed benchmarks compare against: the tree of an earlier commit (by default the one before
 * the simulation speed work) extracted with `git archive` into a temporary directory beside this
 * checkout's node_modules, and timing helpers that alternate both sides round by round, so that a
 * shared, noisy machine slows both alike and the ratio of medians stays meaningful.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The last commit before the simulation speed work (main on 2026-12-05). */
export const DEFAULT_BASE = 'd4cf1c7';

/** This checkout's root. */
export const ROOT = resolve(new URL('../..', import.meta.url).pathname);

/** A command-line flag's value, e.g. `--rounds 7`. */
export function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined ? (process.argv[index + 1] as string) : fallback;
}

/** A scratch directory, removed when the process exits. */
export function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `commit`'s tree in `dir`, sharing this checkout's node_modules. */
export function extractTree(commit: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['-C', ROOT, 'archive', '--format=tar', commit], {
    maxBuffer: 1 << 30,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** GNU time, which reports a child's CPU time (user + system, every thread), when installed. */
const GNU_TIME = '/usr/bin/time';
/** Where GNU time writes it, one file for the whole benchmark (runs are one after the other). */
const cpuFile = join(tmpdir(), `scaler-bench-cpu-${process.pid}.txt`);
process.on('exit', () => rmSync(cpuFile, { force: true }));

/**
 * One timed run of a command: wall milliseconds, CPU milliseconds (NaN without GNU time) and its
 * output. On a shared machine the CPU time moves much less with the load than the wall time.
 */
export function timedRun(command: string, args: readonly string[], cwd: string) {
  const timed = existsSync(GNU_TIME);
  const started = performance.now();
  const run = timed
    ? spawnSync(GNU_TIME, ['-f', '%U %S', '-o', cpuFile, command, ...args], {
        cwd,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
    : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  if (run.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
  }
  const [user, system] = timed ? readFileSync(cpuFile, 'utf8').trim().split(/\s+/).map(Number) : [];
  const cpuMs = user === undefined || system === undefined ? Number.NaN : (user + system) * 1000;
  return { ms, cpuMs, stdout: run.stdout };
}

/** A command to time. */
export interface Side {
  command: string;
  args: readonly string[];
  cwd: string;
}

/** Every round's wall time, CPU time and output of one side. */
export interface SideRuns {
  ms: number[];
  cpuMs: number[];
  outputs: string[];
}

/**
 * Runs each side once per round, in turn (the order alternating between rounds), and returns every
 * side's wall times, CPU times and outputs.
 */
export function alternate<K extends string>(rounds: number, sides: Record<K, Side>): Record<K, SideRuns> {
  const names = Object.keys(sides) as K[];
  const results = {} as Record<K, SideRuns>;
  for (const name of names) results[name] = { ms: [], cpuMs: [], outputs: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const side = sides[name];
      const run = timedRun(side.command, side.args, side.cwd);
      results[name].ms.push(run.ms);
      results[name].cpuMs.push(run.cpuMs);
      results[name].outputs.push(run.stdout);
    }
  }
  return results;
}

/** `12,345` */
export function whole(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
