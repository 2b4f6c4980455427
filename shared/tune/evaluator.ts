/**
 * How the tuner gets a candidate's figures: the candidate's target, with its policies, simulated
 * on the training window through the production decision path (`runPolicyFigures`: the policy's
 * own fleet, without the baseline and the oracle a report shows beside it). Nothing is
 * estimated by a second model of the rules. The window is played out of the whole trace, so a
 * predictive policy's forecasts learn from what lies before it, as in `scaler simulate --from`.
 */
import type { TargetConfig } from '../domain/model.ts';
import { createSimulationPool, type SimulationPool } from '../sim/parallel/simulation-pool.ts';
import { runPolicyFigures, type SimulationOptions } from '../sim/run-simulation.ts';
import type { PolicyFigures } from '../sim/timeline.ts';
import type { SimulatedTrace } from '../sim/trace/trace.ts';
import type { CandidateFigures } from './objective.ts';

/** The simulation settings every candidate shares. */
export type CandidateSimulation = Pick<
  SimulationOptions,
  'capacityPerInstance' | 'instanceStartupSeconds' | 'initialCapacity'
>;

/** A span of the trace, epoch ms: [from, to). */
export interface Window {
  from: number;
  to: number;
}

/** Scores candidates: one target each, simulated on one window of one trace. */
export interface Evaluator {
  evaluate(targets: readonly TargetConfig[]): Promise<CandidateFigures[]>;
  /** Frees what it holds (worker threads). */
  close(): Promise<void>;
}

function figuresOf(summary: PolicyFigures | undefined, target: TargetConfig): CandidateFigures {
  if (summary === undefined) throw new Error(`no result for ${target.endpointName}/${target.variantName}`);
  return {
    instanceHours: summary.instanceHours,
    underProvisionedPercent: summary.underProvisionedPercent,
    unservedPercent: summary.unservedPercent,
  };
}

/** The figures of one target simulated on `window` of `history`. */
export async function simulateCandidate(
  target: TargetConfig,
  history: SimulatedTrace,
  window: Window,
  simulation: CandidateSimulation,
): Promise<CandidateFigures> {
  const [result] = await runPolicyFigures({ targets: [target] }, history, { ...simulation, ...window });
  return figuresOf(result?.figures, target);
}

/** Candidates one after the other in this thread. */
export function inProcessEvaluator(
  history: SimulatedTrace,
  window: Window,
  simulation: CandidateSimulation,
): Evaluator {
  return {
    async evaluate(targets) {
      const figures: CandidateFigures[] = [];
      for (const target of targets)
        figures.push(await simulateCandidate(target, history, window, simulation));
      return figures;
    },
    async close() {},
  };
}

/**
 * Candidates on worker threads (`shared/sim/parallel`): each batch is spread over the pool, the
 * trace shared in memory. `threads` defaults to one per core; `worker` is the worker module
 * (default the pool's: benchmarks running as TypeScript pick the compiled one).
 */
export function poolEvaluator(
  history: SimulatedTrace,
  window: Window,
  simulation: CandidateSimulation,
  options: { threads?: number | undefined; worker?: string | undefined } = {},
): Evaluator {
  let pool: SimulationPool | undefined;
  return {
    async evaluate(targets) {
      pool ??= createSimulationPool(history, {
        ...(options.threads !== undefined && { threads: options.threads }),
        ...(options.worker !== undefined && { worker: options.worker }),
      });
      const results = await pool.runFigures(
        targets.map((target) => ({ config: { targets: [target] }, options: { ...simulation, ...window } })),
      );
      return results.map((figures, i) => figuresOf(figures[0]?.figures, targets[i] as TargetConfig));
    },
    async close() {
      await pool?.close();
    },
  };
}
