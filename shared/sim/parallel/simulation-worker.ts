/**
 * A worker thread of the simulation pool: plays a task's configuration on the pool's trace through
 * `runSimulation`, the same production decision path `scaler simulate` runs, and returns the
 * targets' summaries. The trace comes with every task, over shared memory: only the views are
 * cloned, never the minutes.
 */
import { runPolicyFigures, runSimulation, type TargetPolicyFigures } from '../run-simulation.ts';
import type { SimulatedTrace } from '../trace/trace.ts';
import { type SimulationTask, type TargetSummary, taskConfig } from './simulation-task.ts';

/** What the pool sends a worker: the task and the shared trace. */
export interface WorkerMessage {
  task: SimulationTask;
  trace: SimulatedTrace;
}

/** Runs one task (the pool library calls a worker module's default export). */
export default async function simulate({ task, trace }: WorkerMessage): Promise<TargetSummary[]> {
  const result = await runSimulation(taskConfig(task.config), trace, task.options);
  return result.targets.map((target) => ({ targetKey: target.targetKey, summary: target.summary }));
}

/**
 * Runs one task without references (`runPolicyFigures`): the policy's own figures, for a tuner's
 * candidates (the pool calls it by name).
 */
export async function policyFigures({ task, trace }: WorkerMessage): Promise<TargetPolicyFigures[]> {
  return runPolicyFigures(taskConfig(task.config), trace, task.options);
}
