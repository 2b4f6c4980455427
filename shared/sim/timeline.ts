import type { AlarmStateValue } from '../domain/model.ts';

/**
 * One simulated step of one target (a minute, or 10 s in a high-resolution run; the name is from
 * the one-minute simulator): what arrived, what served it, what was asked for and what was billed.
 * The simulator writes one per step; the summary, the oracle comparison, timeline.csv and
 * report.html all read these.
 */
export interface SimulatedMinute {
  /** Start of the step, epoch ms UTC. */
  time: number;
  /** Requests that arrived in the step (after --scale). 0 in a gap. */
  demand: number;
  /** True where the trace has no data: the metric is missing there, not zero. */
  gap: boolean;
  /** Instances serving during the step (averaged over it). */
  servingInstances: number;
  /** The variant's desired count at the end of the step. */
  desiredInstances: number;
  /** Instances billed during the step: serving, starting up, or draining. */
  billedInstances: number;
  servedRequests: number;
  unservedRequests: number;
  /** State of each managed alarm at the end of the step. */
  alarmStates: Record<string, AlarmStateValue>;
  /**
   * The predictive floor in force during the step (a target with predictive policies only): the
   * ForecastAndScale policy's forecast capacity (else a ForecastOnly policy's), held to the max
   * capacity the policy allows. Absent where no forecast covers the step.
   */
  forecastFloor?: number;
}

/**
 * How a high-resolution run stepped. Absent from the results of a one-minute run, which read
 * exactly as they always have.
 */
export interface RunResolution {
  /** Seconds per step (10). */
  stepSeconds: number;
  /** Steps played: the run's minutes × 60 / stepSeconds. */
  steps: number;
  /** Why the run stepped finer than a minute: its first sub-minute alarm. */
  reason: string;
  /** The trace file's own step; coarser than `stepSeconds` means each row was spread evenly over its steps. */
  traceStepSeconds: number;
}

/** The cost and service figures of one policy (or of the baseline) over a run. */
export interface PolicyFigures {
  /** Minutes in the run (whatever its step). */
  minutes: number;
  instanceHours: number;
  /** Minutes of under-provisioned time: steps with unserved requests × the step (fractional at 10 s). */
  underProvisionedMinutes: number;
  /** Share of the steps with data that had unserved requests. */
  underProvisionedPercent: number;
  unservedRequests: number;
  unservedPercent: number;
  scalingActions: number;
  deferredActions: number;
}

/** What `scaler simulate --json` prints. */
export interface SimulationSummary extends PolicyFigures {
  oracleInstanceHours: number;
  /** instanceHours / oracleInstanceHours: 1 is the physical limit. */
  costRatio: number;
  /**
   * AAS target tracking on InvocationsPerInstance on the same fleet model, at `targetValue`:
   * `--baseline-target` (`option`) or half the capacity per instance (`default`).
   */
  baseline: PolicyFigures & {
    costRatio: number;
    targetValue: number;
    targetValueSource: 'option' | 'default';
  };
  /** Present only when the run stepped finer than a minute. */
  resolution?: RunResolution;
}
