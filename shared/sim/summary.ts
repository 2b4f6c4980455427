/**
 * The figures of a simulation: cost (instance-hours, against the oracle's physical limit) and
 * service (minutes under-provisioned, requests unserved), for the policy and for the baseline.
 */
import type { EventOutcome } from '../usecases/outcome.ts';
import { oracleInstanceHours } from './references/oracle.ts';
import { capacityPerStep } from './simulated-minute.ts';
import type { PolicyFigures, RunResolution, SimulatedMinute, SimulationSummary } from './timeline.ts';

/** How many changes were made and how many waited for the endpoint. */
export interface ActionCounts {
  scalingActions: number;
  deferredActions: number;
}

/**
 * Whether an outcome is a change SageMaker accepted (a scale-out or scale-in outcome InProgress:
 * each change has exactly one, while the Successful that ends it later is the same activity;
 * shadow-mode records never reach SageMaker).
 */
function isScalingAction(outcome: EventOutcome): boolean {
  const changed = outcome.action === 'scale-out' || outcome.action === 'scale-in';
  return changed && outcome.status === 'InProgress' && outcome.shadow !== true;
}

/**
 * Counts the changes SageMaker accepted ({@link isScalingAction}) and the outcomes deferred
 * because the endpoint was busy. `targetKey` keeps one target's outcomes.
 */
export function countActions(outcomes: readonly EventOutcome[], targetKey?: string): ActionCounts {
  const counts: ActionCounts = { scalingActions: 0, deferredActions: 0 };
  for (const outcome of outcomes) {
    if (targetKey === undefined || outcome.targetKey === targetKey) countAction(counts, outcome);
  }
  return counts;
}

/** Adds one outcome to `counts`. */
export function countAction(counts: ActionCounts, outcome: EventOutcome): void {
  if (isScalingAction(outcome)) counts.scalingActions++;
  if (outcome.action === 'deferred') counts.deferredActions++;
}

/**
 * A fleet's figures summed step by step, for a run that keeps no timeline (a tuner's candidate:
 * a month's 43,200 minutes kept only to be summed once were most of what its garbage collector
 * copied). {@link policyFigures} sums a kept timeline with this same arithmetic.
 */
export class FiguresSum {
  private steps = 0;
  private billedSteps = 0;
  private measured = 0;
  private underProvisioned = 0;
  private demand = 0;
  private unserved = 0;
  readonly actions: ActionCounts = { scalingActions: 0, deferredActions: 0 };

  constructor(private readonly stepSeconds = 60) {}

  add(minute: SimulatedMinute): void {
    this.steps++;
    this.billedSteps += minute.billedInstances;
    if (minute.gap) return;
    this.measured++;
    this.demand += minute.demand;
    this.unserved += minute.unservedRequests;
    if (minute.unservedRequests > 0) this.underProvisioned++;
  }

  /**
   * The figures so far. Gap steps count in `minutes` and in the bill (the fleet runs on), but
   * never as under-provisioned: there is no demand to measure there. Under-provisioned time is in
   * minutes at any step: a 10-s step counts 1/6.
   */
  figures(actions: ActionCounts = this.actions): PolicyFigures {
    const { stepSeconds, measured, underProvisioned, demand, unserved } = this;
    return {
      minutes: (this.steps * stepSeconds) / 60,
      instanceHours: this.billedSteps / (3600 / stepSeconds),
      underProvisionedMinutes: (underProvisioned * stepSeconds) / 60,
      underProvisionedPercent: measured === 0 ? 0 : (underProvisioned / measured) * 100,
      unservedRequests: unserved,
      unservedPercent: demand === 0 ? 0 : (unserved / demand) * 100,
      scalingActions: actions.scalingActions,
      deferredActions: actions.deferredActions,
    };
  }
}

/** A fleet's figures over its steps (`stepSeconds` each, a minute by default): {@link FiguresSum} of them. */
export function policyFigures(
  minutes: readonly SimulatedMinute[],
  actions: ActionCounts,
  stepSeconds = 60,
): PolicyFigures {
  const sum = new FiguresSum(stepSeconds);
  for (const minute of minutes) sum.add(minute);
  return sum.figures(actions);
}

/** What the summary needs besides the minutes. */
export interface SummaryInput {
  policy: readonly SimulatedMinute[];
  baseline: readonly SimulatedMinute[];
  policyActions: ActionCounts;
  baselineActions: ActionCounts;
  baselineTargetValue: number;
  baselineTargetSource: 'option' | 'default';
  capacityPerInstance: number;
  instanceStartupSeconds: number;
  minCapacity: number;
  /** Seconds per step; default 60. */
  stepSeconds?: number;
  /** How a high-resolution run stepped; carried into the summary. */
  resolution?: RunResolution | undefined;
}

/** The summary `scaler simulate --json` prints, the oracle included. */
export function summarizeSimulation(input: SummaryInput): SimulationSummary {
  const demand = new Float64Array(input.policy.length);
  input.policy.forEach((minute, index) => {
    demand[index] = minute.demand;
  });
  const stepSeconds = input.stepSeconds ?? 60;
  const oracle = oracleInstanceHours(demand, {
    capacityPerInstance: capacityPerStep(input.capacityPerInstance, stepSeconds),
    // The oracle plans in whole steps; a start-up that ends mid-step serves from the next one.
    startupSteps: Math.ceil(input.instanceStartupSeconds / stepSeconds),
    minCapacity: input.minCapacity,
    stepSeconds,
  });
  const policy = policyFigures(input.policy, input.policyActions, stepSeconds);
  const baseline = policyFigures(input.baseline, input.baselineActions, stepSeconds);
  return {
    ...policy,
    oracleInstanceHours: oracle,
    costRatio: policy.instanceHours / oracle,
    baseline: {
      ...baseline,
      costRatio: baseline.instanceHours / oracle,
      targetValue: input.baselineTargetValue,
      targetValueSource: input.baselineTargetSource,
    },
    ...(input.resolution ? { resolution: input.resolution } : {}),
  };
}
