/**
 * Runs many simulations on worker threads (tinypool; README "Stack notes" has the measurement
 * that chose it over piscina). Each worker runs `runSimulation`, the production decision path
 * behind in-memory ports, on one trace the pool shares with every worker in shared memory; a task
 * brings only its configuration and options, and gets back each target's summary.
 *
 * ```ts
 * const pool = createSimulationPool(trace);
 * try {
 *   const results = await pool.runAll(tasks, { onProgress: (done, total) => bar.update(done) });
 * } finally {
 *   await pool.close();
 * }
 * ```
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { TargetPolicyFigures } from '../run-simulation.ts';
import type { SimulatedTrace } from '../trace/trace.ts';
import { type SimulationTask, shareTrace, type TargetSummary } from './simulation-task.ts';
import type { WorkerMessage } from './simulation-worker.ts';

export type { PoolSimulationOptions, SimulationTask, TargetSummary } from './simulation-task.ts';

/** How the pool is set up. */
export interface SimulationPoolOptions {
  /** Worker threads; default: the cores Node may use (`os.availableParallelism()`). */
  threads?: number;
  /** The worker module; default {@link workerModule} (tests pick the compiled one to check it). */
  worker?: string;
}

/** A pool of simulation workers over one trace. */
export interface SimulationPool {
  /** Worker threads it runs. */
  readonly threads: number;
  /** One simulation. */
  run(task: SimulationTask): Promise<TargetSummary[]>;
  /**
   * Every task's policy figures alone (`runPolicyFigures`: no baseline, no oracle), in task order:
   * what a tuner's candidates are judged on.
   */
  runFigures(tasks: readonly SimulationTask[]): Promise<TargetPolicyFigures[][]>;
  /**
   * Every task, results in task order; `onProgress` is told each time one finishes (in finishing
   * order). The first failure rejects it (the other tasks still finish or fail on their own).
   */
  runAll(
    tasks: readonly SimulationTask[],
    options?: { onProgress?: (done: number, total: number) => void },
  ): Promise<TargetSummary[][]>;
  /** Stops the workers; the pool takes no task after it. */
  close(): Promise<void>;
}

/**
 * Where the worker module is: the compiled CLI's `simulation-worker.mjs` at the root of dist/cli
 * (scripts/build-cli.mjs builds it as an entry point; this module may sit in a chunk below it), or,
 * when this runs as TypeScript (tests, tools), `typescript-worker.mjs` beside it, which loads the
 * TypeScript worker through tsx.
 */
export function workerModule(moduleUrl: string = import.meta.url): string {
  if (moduleUrl.endsWith('.ts')) return fileURLToPath(new URL('./typescript-worker.mjs', moduleUrl));
  const relative = moduleUrl.includes('/chunks/') ? '../simulation-worker.mjs' : './simulation-worker.mjs';
  return fileURLToPath(new URL(relative, moduleUrl));
}

/** Starts `threads` workers sharing `trace`. */
export function createSimulationPool(
  trace: SimulatedTrace,
  options: SimulationPoolOptions = {},
): SimulationPool {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const pool = new Tinypool({
    filename: options.worker ?? workerModule(),
    minThreads: threads,
    maxThreads: threads,
  });
  const shared = shareTrace(trace);
  const run = (task: SimulationTask): Promise<TargetSummary[]> => {
    const message: WorkerMessage = { task, trace: shared };
    return pool.run(message);
  };
  return {
    threads,
    run,
    runFigures: (tasks) =>
      Promise.all(
        tasks.map(
          (task): Promise<TargetPolicyFigures[]> =>
            pool.run({ task, trace: shared } satisfies WorkerMessage, { name: 'policyFigures' }),
        ),
      ),
    async runAll(tasks, { onProgress } = {}) {
      let done = 0;
      return Promise.all(
        tasks.map(async (task) => {
          const result = await run(task);
          done++;
          onProgress?.(done, tasks.length);
          return result;
        }),
      );
    },
    close: () => pool.destroy(),
  };
}
