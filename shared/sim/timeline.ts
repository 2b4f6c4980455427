import type { AlarmStateValue } from '../domain/model.ts';

/**
 * One simulated minute of one target: what arrived, what served it, what was asked for and
 * what was billed. The simulator writes one per minute; the summary, the oracle comparison,
 * timeline.csv and report.html all read these.
 */
export interface SimulatedMinute {
  /** Start of the minute, epoch ms UTC. */
  time: number;
  /** Requests that arrived in the minute (after --scale). 0 in a gap. */
  demand: number;
  /** True where the trace has no data: the metric is missing there, not zero. */
  gap: boolean;
  /** Instances serving during the minute. */
  servingInstances: number;
  /** The variant's desired count at the end of the minute. */
  desiredInstances: number;
  /** Instances billed during the minute: serving, starting up, or draining. */
  billedInstances: number;
  servedRequests: number;
  unservedRequests: number;
  /** State of each managed alarm at the end of the minute. */
  alarmStates: Record<string, AlarmStateValue>;
}

/** The cost and service figures of one policy (or of the baseline) over a run. */
export interface PolicyFigures {
  minutes: number;
  instanceHours: number;
  underProvisionedMinutes: number;
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
}
