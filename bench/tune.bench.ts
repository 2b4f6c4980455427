/**
 * A whole `scaler tune` (`node bin/run-ts.mjs bench/tune.bench.ts [--candidates 240]
 * [--base afc6f6d] [--base-candidates N]`): four weeks of the NASA trace (1995-08-04 .. 09-01,
 * requests x25, 1,000 a minute per instance, 300 s start-up, SLO 0.5 % under-provisioned minutes;
 * three weeks of training, the last held out), as a user runs it: the compiled CLI, candidates on
 * worker threads, report and scaling.yml written. Beside it, in the same run and on the same
 * machine load:
 *
 * 1. one 30-day `scaler simulate` of this tree (the unit the issue counts in);
 * 2. the same tune on the tree before the tuner's speed work (`--base`, default afc6f6d: main before
 *    the branch tune-speed), compiled the same way, on `--base-candidates` (default the same budget).
 *    At the same budget both must print the same --json (the same candidates, choice and held-out
 *    figures; not target tracking's candidate count and best, see `comparable`), or the benchmark
 *    fails.
 *
 * Each command's wall time and CPU time (user + system, every thread: `/usr/bin/time`) are shown:
 * on this shared 2-core machine the wall time depends on what else runs, the CPU time much less;
 * CPU / 2 is what the run would take on two idle cores.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { compiledCli } from '../bin/compiled-cli.mjs';
import { buildCli } from '../scripts/build-cli.mjs';
import { renderTable } from '../shared/cli/table.ts';
import { extractTree, flag, ROOT, scratch, timedRun } from './support/baseline-tree.ts';

const candidates = Number(flag('candidates', '240'));
const base = flag('base', 'afc6f6d');
const baseCandidates = Number(flag('base-candidates', String(candidates)));
const work = scratch('scaler-tune-bench-');
if (!compiledCli().entry) await buildCli({ quiet: true });
const baseTree = extractTree(base, join(work, 'base'));
const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: baseTree, encoding: 'utf8' });
if (built.status !== 0) throw new Error(`building ${base}'s CLI failed: ${built.stderr}`);

const trace = join(ROOT, 'traces/nasa_http_1995_1min.csv');
const tuneArgs = (budget: number, out: string) => [
  'tune',
  ...['--config', join(ROOT, 'scaling.yml'), '--trace', trace, '--scale', '25'],
  ...['--from', '1995-08-04T00:00:00Z', '--to', '1995-09-01T00:00:00Z'],
  ...['--capacity-per-instance', '1000', '--startup-seconds', '300', '--max-under-provisioned', '0.5'],
  ...['--candidates', String(budget), '--out', out, '--json'],
];
const simulateArgs = [
  'simulate',
  ...['--config', join(ROOT, 'scaling.yml'), '--trace', trace, '--scale', '25'],
  ...['--from', '1995-07-01T04:00:00Z', '--to', '1995-07-31T04:00:00Z', '--capacity-per-instance', '1000'],
  '--json',
];

interface Timed {
  wallMs: number;
  cpuMs: number;
  stdout: string;
}

/** One run of `scaler` in `tree`, its wall time, and its CPU time over every thread (`timedRun`). */
function scaler(tree: string, args: readonly string[]): Timed {
  const run = timedRun(process.execPath, [join(tree, 'bin/scaler.mjs'), ...args], tree);
  return { wallMs: run.ms, cpuMs: run.cpuMs, stdout: run.stdout };
}

/** Candidates the tune simulated on the training days, from its --json (the reference's bisection apart). */
function familyCandidates(stdout: string): number {
  const json = JSON.parse(stdout) as { families: { candidates: number }[] };
  return json.families.reduce((sum, family) => sum + family.candidates, 0);
}

console.log(
  `scaler tune speed: NASA x25, 1995-08-04 .. 09-01 (3 weeks training, 1 held out), SLO 0.5 %, --candidates ${candidates}; base ${base} at --candidates ${baseCandidates}`,
);
const simulate = scaler(ROOT, simulateArgs);
const now = scaler(ROOT, tuneArgs(candidates, join(work, 'now')));
const before = scaler(baseTree, tuneArgs(baseCandidates, join(work, 'base-out')));
const nowAtBaseBudget =
  baseCandidates === candidates ? now : scaler(ROOT, tuneArgs(baseCandidates, join(work, 'now-small')));
/**
 * A tune's --json as both trees must print it: every choice, held-out summary and family, except
 * the target tracking family's candidate count and best, since 696f207 makes the target tracking
 * reference (a candidate the search simulated) one of that family's candidates, so it can be the
 * family's best (at 30 candidates, the reference at 660 beats the family's own 640).
 */
function comparable(stdout: string): string {
  const json = JSON.parse(stdout) as { families: { family: string; candidates?: number; best?: unknown }[] };
  for (const family of json.families) {
    if (family.family !== 'target-tracking') continue;
    family.candidates = undefined;
    family.best = undefined;
  }
  return JSON.stringify(json);
}
if (comparable(nowAtBaseBudget.stdout) !== comparable(before.stdout)) {
  throw new Error(
    `scaler tune --json differs from ${base}'s at the same budget:\n${before.stdout}\n${nowAtBaseBudget.stdout}`,
  );
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const row = (label: string, run: Timed, count?: number) => [
  label,
  count === undefined ? '-' : String(count),
  seconds(run.wallMs),
  seconds(run.cpuMs),
  seconds(run.cpuMs / 2),
  count === undefined ? '-' : (run.wallMs / 1000 / count).toFixed(2),
  `${(run.wallMs / simulate.wallMs).toFixed(1)}x`,
];
const rows = [
  row('one 30-day scaler simulate (this tree)', simulate),
  row(`scaler tune, this tree, --candidates ${candidates}`, now, familyCandidates(now.stdout)),
];
if (nowAtBaseBudget !== now) {
  rows.push(
    row(
      `scaler tune, this tree, --candidates ${baseCandidates}`,
      nowAtBaseBudget,
      familyCandidates(nowAtBaseBudget.stdout),
    ),
  );
}
rows.push(
  row(`scaler tune, ${base}, --candidates ${baseCandidates}`, before, familyCandidates(before.stdout)),
);
console.log(
  renderTable(
    ['run', 'candidates', 'wall s', 'CPU s', 'CPU / 2 cores s', 'wall s / candidate', 'wall vs simulate'],
    rows,
  ),
);
console.log(
  `at --candidates ${baseCandidates}: ${base} ${seconds(before.wallMs)} s wall, ${seconds(before.cpuMs)} s CPU; this tree ${seconds(nowAtBaseBudget.wallMs)} s wall, ${seconds(nowAtBaseBudget.cpuMs)} s CPU: ${(before.wallMs / nowAtBaseBudget.wallMs).toFixed(2)}x wall, ${(before.cpuMs / nowAtBaseBudget.cpuMs).toFixed(2)}x CPU; the same --json on both (target tracking's count and best apart)`,
);
console.log(
  'candidates: those of the families; the reference (target tracking at its best single target value) adds its bisection, at most 10. Goal: the whole tune under 60 s wall on this 2-core machine.',
);
