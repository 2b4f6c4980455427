/**
 * Worker pools for the tuner, piscina against tinypool (`node bin/run-ts.mjs
 * bench/simulation-pool.bench.ts [--tasks 12] [--days 7] [--rounds 2]`), on this machine's cores:
 *
 * - start-up: a new pool until each thread has answered one message (threads started, worker
 *   module loaded);
 * - per-task overhead: 2,000 messages through an echo worker, one at a time and all at once;
 * - throughput: `--tasks` simulations of `--days` days (scaling.yml, NASA x25) through the
 *   compiled simulation worker (the one `scaler` uses), against the same runs one after the other
 *   in this process;
 * - memory: the process's resident set after the throughput run (workers are threads of it).
 *
 * The libraries alternate round by round; figures are medians over rounds.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import Tinypool from 'tinypool';
import { compiledCli, DIST } from '../bin/compiled-cli.mjs';
import { buildCli } from '../scripts/build-cli.mjs';
import { renderTable } from '../shared/cli/table.ts';
import { loadConfigFile } from '../shared/config/index.ts';
import { shareTrace } from '../shared/sim/parallel/simulation-task.ts';
import type { WorkerMessage } from '../shared/sim/parallel/simulation-worker.ts';
import { runSimulation } from '../shared/sim/run-simulation.ts';
import { readTraceFile } from '../shared/sim/trace/trace.ts';
import { flag, median, whole } from './support/baseline-tree.ts';

const tasks = Number(flag('tasks', '12'));
const days = Number(flag('days', '7'));
const rounds = Number(flag('rounds', '2'));
const threads = availableParallelism();
if (!compiledCli().entry) await buildCli({ quiet: true });
const ECHO = fileURLToPath(new URL('./support/echo-worker.mjs', import.meta.url));
const SIMULATION = join(DIST, 'simulation-worker.mjs');

/** The little both libraries share: run a message, stop. */
interface Pool {
  run(message: unknown): Promise<unknown>;
  destroy(): Promise<void>;
}
const libraries: Record<string, (filename: string) => Pool> = {
  piscina: (filename) => new Piscina({ filename, minThreads: threads, maxThreads: threads }),
  tinypool: (filename) => new Tinypool({ filename, minThreads: threads, maxThreads: threads }),
};

const config = loadConfigFile('scaling.yml');
const trace = shareTrace(readTraceFile('traces/nasa_http_1995_1min.csv', { scale: 25 }));
const messages: WorkerMessage[] = Array.from({ length: tasks }, (_, index) => ({
  trace,
  task: {
    config,
    options: {
      capacityPerInstance: 1000,
      // Each task its own week-long window, so no two are alike.
      from: trace.start + index * 86_400_000,
      to: trace.start + (index + days) * 86_400_000,
    },
  },
}));

async function measure(name: string) {
  const create = libraries[name] as (filename: string) => Pool;
  let started = performance.now();
  const echo = create(ECHO);
  await Promise.all(Array.from({ length: threads }, (_, i) => echo.run(i)));
  const startup = performance.now() - started;
  started = performance.now();
  for (let i = 0; i < 2000; i++) await echo.run(i);
  const sequential = ((performance.now() - started) * 1000) / 2000;
  started = performance.now();
  await Promise.all(Array.from({ length: 2000 }, (_, i) => echo.run(i)));
  const concurrent = ((performance.now() - started) * 1000) / 2000;
  await echo.destroy();

  const pool = create(SIMULATION);
  started = performance.now();
  const results = await Promise.all(messages.map((message) => pool.run(message)));
  const throughput = performance.now() - started;
  const rss = process.memoryUsage().rss / 2 ** 20;
  await pool.destroy();
  return { startup, sequential, concurrent, throughput, rss, results };
}

// The same simulations one after the other here: what the pool is measured against.
const started = performance.now();
const inProcess = [];
for (const { task } of messages) {
  const result = await runSimulation(config, trace, task.options);
  inProcess.push(result.targets.map((target) => ({ targetKey: target.targetKey, summary: target.summary })));
}
const sequentialMs = performance.now() - started;

const figures: Record<string, Awaited<ReturnType<typeof measure>>[]> = { piscina: [], tinypool: [] };
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? ['piscina', 'tinypool'] : ['tinypool', 'piscina'];
  for (const name of order) figures[name]?.push(await measure(name));
}
for (const [name, runs] of Object.entries(figures)) {
  for (const run of runs) {
    if (JSON.stringify(run.results) !== JSON.stringify(inProcess)) {
      throw new Error(`${name}: the workers' summaries differ from the same simulations run in process`);
    }
  }
}

const row = (name: string) => {
  const runs = figures[name] ?? [];
  const m = (pick: (run: (typeof runs)[number]) => number) => median(runs.map(pick));
  return [
    name,
    whole(m((run) => run.startup)),
    m((run) => run.sequential).toFixed(0),
    m((run) => run.concurrent).toFixed(1),
    whole(m((run) => run.throughput)),
    `${(sequentialMs / m((run) => run.throughput)).toFixed(2)}x`,
    whole(m((run) => run.rss)),
  ];
};
console.log(
  `worker pools on ${threads} threads: ${tasks} simulations of ${days} days (scaling.yml, NASA x25); ${rounds} rounds, alternating`,
);
console.log(`the same simulations one after the other in this process: ${whole(sequentialMs)} ms`);
console.log(
  renderTable(
    [
      'library',
      'start-up ms',
      'µs/task (one by one)',
      'µs/task (all at once)',
      'simulations ms',
      'speed-up',
      'RSS MB',
    ],
    [row('piscina'), row('tinypool')],
  ),
);
console.log('every pool returned the same summaries as the in-process runs');
