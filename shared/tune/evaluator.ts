/**
 * How the tuner gets a candidate's figures: the candidate's target, with its policies, simulated
 * on the training window through the production decision path (`runSimulation`). Nothing is
 * estimated by a second model of the rules. A parallel evaluator (worker threads) implements the
 * same interface.
 */
import type { TargetConfig } from '../domain/model.ts';
import { runSimulation, type SimulationOptions } from '../sim/run-simulation.ts';
import type { SimulatedTrace } from '../sim/trace/trace.ts';
import type { CandidateFigures } from './objective.ts';

/** The simulation settings every candidate shares. */
export type CandidateSimulation = Pick<
  SimulationOptions,
  'capacityPerInstance' | 'instanceStartupSeconds' | 'initialCapacity'
>;

/** Scores candidates: one target each, simulated on one trace. */
export interface Evaluator {
  evaluate(targets: readonly TargetConfig[]): Promise<CandidateFigures[]>;
  /** Frees what it holds (worker threads). */
  close(): Promise<void>;
}

/** The figures of one simulated target. */
export async function simulateCandidate(
  target: TargetConfig,
  trace: SimulatedTrace,
  simulation: CandidateSimulation,
): Promise<CandidateFigures> {
  const result = await runSimulation({ targets: [target] }, trace, simulation);
  const summary = result.targets[0]?.summary;
  if (summary === undefined) throw new Error(`no result for ${target.endpointName}/${target.variantName}`);
  return {
    instanceHours: summary.instanceHours,
    underProvisionedPercent: summary.underProvisionedPercent,
    unservedPercent: summary.unservedPercent,
  };
}

/** Candidates one after the other in this thread. */
export function inProcessEvaluator(trace: SimulatedTrace, simulation: CandidateSimulation): Evaluator {
  return {
    async evaluate(targets) {
      const figures: CandidateFigures[] = [];
      for (const target of targets) figures.push(await simulateCandidate(target, trace, simulation));
      return figures;
    },
    async close() {},
  };
}
