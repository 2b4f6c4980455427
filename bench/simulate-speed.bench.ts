/**
 * Simulation speed against the code before the speed work (`node bin/run-ts.mjs
 * bench/simulate-speed.bench.ts [--rounds 5] [--base d4cf1c7]`): one 30-day, one-target
 * simulation of scaling.yml on the NASA trace (x25, 1,000 requests per instance-minute),
 *
 * 1. in process: `runSimulation` alone, both trees compiled the same way (esbuild), each child
 *    warming up on 2 days and then timing three 30-day runs;
 * 2. as a whole command: `scaler simulate ... --json`, start-up included (the base runs its
 *    TypeScript through tsx, as it did; this tree runs the compiled CLI).
 *
 * The two sides alternate round by round on this shared machine; the figures are medians (wall
 * time, and CPU time over every thread, which the load moves less) and the
 * ratio is base / this tree. Both sides must produce the same result (a hash of the in-process
 * result: timelines, summaries and every outcome's decision, though not its activity id, status and
 * text, which fa0b21c and cad5f57 changed on purpose; and the command's JSON byte for byte),
 * or the benchmark fails.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledCli } from '../bin/compiled-cli.mjs';
import { buildCli } from '../scripts/build-cli.mjs';
import { renderTable } from '../shared/cli/table.ts';
import {
  alternate,
  DEFAULT_BASE,
  extractTree,
  flag,
  median,
  ROOT,
  scratch,
  whole,
} from './support/baseline-tree.ts';

const rounds = Number(flag('rounds', '5'));
const base = flag('base', DEFAULT_BASE);
const work = scratch('scaler-simulate-speed-');
const baseTree = extractTree(base, join(work, 'base'));
if (!compiledCli().entry) await buildCli({ quiet: true });

const FROM = '1995-07-01T04:00:00Z';
const TO = '1995-07-31T04:00:00Z';

/** A script that times `runSimulation` of the tree at `root`, bundled as the CLI would be. */
async function inProcessRunner(name: string, root: string): Promise<string> {
  const source = join(work, `${name}.ts`);
  writeFileSync(
    source,
    `import { createHash } from 'node:crypto';
import { loadConfigFile } from '${root}/shared/config/index.ts';
import { runSimulation } from '${root}/shared/sim/run-simulation.ts';
import { readTraceFile } from '${root}/shared/sim/trace/trace.ts';
const config = loadConfigFile('${root}/scaling.yml');
const trace = readTraceFile('${root}/traces/nasa_http_1995_1min.csv', { scale: 25 });
const options = (days: number) => ({ capacityPerInstance: 1000, from: Date.parse('${FROM}'), to: Date.parse('${FROM}') + days * 86_400_000 });
await runSimulation(config, trace, options(2));
const wall: number[] = [];
const cpu: number[] = [];
let hash = '';
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await runSimulation(config, trace, options(30));
  wall.push(performance.now() - started);
  const used = process.cpuUsage(cpuBefore);
  cpu.push((used.user + used.system) / 1000);
  hash = createHash('sha256').update(JSON.stringify(comparable(result))).digest('hex');
}
console.log(JSON.stringify({ wall, cpu, hash }));
/**
 * The result as both trees must give it: every target (timelines, summary, firings) and every
 * outcome's decision. An outcome's activity id, status and text are left out: since fa0b21c a
 * deferral repeated while the endpoint is busy keeps the first one's activity and says since when,
 * and since cad5f57 a scheduled action that set the bounds reads Successful, not NotScaled.
 */
function comparable(result: Awaited<ReturnType<typeof runSimulation>>) {
  return {
    ...result,
    outcomes: result.outcomes.map((o) => [o.time, o.eventKey, o.targetKey, o.action, o.fromCapacity, o.toCapacity, o.reasonCode]),
    targets: result.targets.map((t) => ({ ...t, outcomes: t.outcomes.length })),
  };
}
`,
  );
  const { build } = await import('esbuild');
  const outfile = join(work, `${name}.mjs`);
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    nodePaths: [join(ROOT, 'node_modules')],
    banner: {
      js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);",
    },
  });
  return outfile;
}

console.log(
  `simulation speed: ${base} (base) vs this tree; NASA x25, scaling.yml, 30 days from ${FROM}; ${rounds} rounds, alternating`,
);

const runners = {
  base: await inProcessRunner('base', baseTree),
  current: await inProcessRunner('current', ROOT),
};
const inProcess = alternate(rounds, {
  base: { command: process.execPath, args: [runners.base], cwd: work },
  current: { command: process.execPath, args: [runners.current], cwd: work },
});
/** Each child's three 30-day runs and the hash of its last result. */
function runsOf(outputs: readonly string[]) {
  return outputs.map((line) => JSON.parse(line) as { wall: number[]; cpu: number[]; hash: string });
}
const inProcessRuns = { base: runsOf(inProcess.base.outputs), current: runsOf(inProcess.current.outputs) };
const hashes = new Set([...inProcessRuns.base, ...inProcessRuns.current].map((run) => run.hash));
if (hashes.size !== 1) throw new Error(`in-process results differ: ${[...hashes].join(', ')}`);
const inProcessTimes = {
  base: inProcessRuns.base.flatMap((run) => run.wall),
  current: inProcessRuns.current.flatMap((run) => run.wall),
};
/** CPU time (user + system, every thread of the process): steadier than wall time on a shared machine. */
const inProcessCpu = {
  base: inProcessRuns.base.flatMap((run) => run.cpu),
  current: inProcessRuns.current.flatMap((run) => run.cpu),
};

const command = [
  'simulate',
  '--trace',
  'traces/nasa_http_1995_1min.csv',
  '--capacity-per-instance',
  '1000',
  '--scale',
  '25',
  '--from',
  FROM,
  '--to',
  TO,
  '--json',
];
const wholeCommand = alternate(rounds, {
  base: { command: process.execPath, args: [join(baseTree, 'bin/scaler.mjs'), ...command], cwd: baseTree },
  current: { command: process.execPath, args: [join(ROOT, 'bin/scaler.mjs'), ...command], cwd: ROOT },
});
const outputs = new Set([...wholeCommand.base.outputs, ...wholeCommand.current.outputs]);
if (outputs.size !== 1) throw new Error(`scaler simulate --json differs:\n${[...outputs].join('')}`);

function row(label: string, base: readonly number[], current: readonly number[]): string[] {
  const [b, c] = [median(base), median(current)];
  return [label, whole(b), whole(c), `${(b / c).toFixed(2)}x`, `${base.length} / ${current.length}`];
}

console.log(
  renderTable(
    ['30 days, 1 target', 'base ms', 'now ms', 'ratio', 'runs'],
    [
      row('in process (runSimulation), wall', inProcessTimes.base, inProcessTimes.current),
      row('in process (runSimulation), CPU', inProcessCpu.base, inProcessCpu.current),
      row('whole command (scaler simulate), wall', wholeCommand.base.ms, wholeCommand.current.ms),
      row('whole command (scaler simulate), CPU', wholeCommand.base.cpuMs, wholeCommand.current.cpuMs),
    ],
  ),
);
console.log(
  `results identical on both sides: the in-process timelines, summaries and decisions (sha256 ${[...hashes][0]?.slice(0, 16)}), and --json byte for byte`,
);
