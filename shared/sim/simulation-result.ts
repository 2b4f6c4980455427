/**
 * What a simulation run produced: for each target, the policy's and the baseline's steps, the
 * scaler's outcomes, the scheduled firings and the summary comparing them; for the run, every
 * outcome and the alarm events delivered.
 */
import type { EventOutcome } from '../usecases/outcome.ts';
import type { SimulatedTarget } from './simulated-world.ts';
import { countActions, summarizeSimulation } from './summary.ts';
import type { RunResolution, SimulatedMinute, SimulationSummary } from './timeline.ts';

/** What a run produced for one target. */
export interface TargetSimulationResult {
  targetKey: string;
  endpointName: string;
  variantName: string;
  policy: SimulatedMinute[];
  baseline: SimulatedMinute[];
  outcomes: EventOutcome[];
  scheduledFirings: { time: number; scheduledActionName: string }[];
  alarmNames: string[];
  summary: SimulationSummary;
  /** Present only when the run stepped finer than a minute: then `policy` and `baseline` hold one entry per step. */
  resolution?: RunResolution;
}

/** The whole run. */
export interface SimulationResult {
  start: number;
  /** Minutes played (whatever the step). */
  minutes: number;
  /** Present only when the run stepped finer than a minute. */
  resolution?: RunResolution;
  targets: TargetSimulationResult[];
  /** Every outcome, in the order the handlers returned them. */
  outcomes: EventOutcome[];
  /** Alarm state-change events delivered. */
  alarmEvents: number;
}

/** The result of a target the run has played to the end, with its summary. */
export function targetSimulationResult(
  target: SimulatedTarget,
  settings: { capacityPerInstance: number; instanceStartupSeconds: number; stepSeconds: number },
  run: { resolution?: RunResolution } = {},
): TargetSimulationResult {
  const { baseline } = target;
  if (baseline === undefined) throw new Error(`${target.key} was simulated without its baseline`);
  return {
    targetKey: target.key,
    endpointName: target.target.endpointName,
    variantName: target.target.variantName,
    policy: target.policyMinutes,
    baseline: target.baselineMinutes,
    outcomes: target.outcomes,
    scheduledFirings: target.firings.map((f) => ({
      time: f.time,
      scheduledActionName: f.scheduledActionName,
    })),
    alarmNames: target.alarmNames,
    summary: summarizeSimulation({
      policy: target.policyMinutes,
      baseline: target.baselineMinutes,
      policyActions: countActions(target.outcomes),
      baselineActions: baseline.activity,
      baselineTargetValue: target.baselineTarget,
      baselineTargetSource: target.baselineTargetSource,
      capacityPerInstance: settings.capacityPerInstance,
      instanceStartupSeconds: settings.instanceStartupSeconds,
      minCapacity: target.target.minCapacity,
      stepSeconds: settings.stepSeconds,
      resolution: run.resolution,
    }),
    ...(run.resolution ? { resolution: run.resolution } : {}),
  };
}
