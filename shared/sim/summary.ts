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
 * Counts the changes SageMaker accepted (a scale-out or scale-in outcome InProgress: each change
 * has exactly one, while the Successful that ends it later is the same activity; shadow-mode
 * records never reach SageMaker) and the outcomes deferred because the endpoint was busy.
 * `targetKey` keeps one target's outcomes.
 */
export function countActions(outcomes: readonly EventOutcome[], targetKey?: string): ActionCounts {
  const counts: ActionCounts = { scalingActions: 0, deferredActions: 0 };
  for (const outcome of outcomes) {
    if (targetKey !== undefined && outcome.targetKey !== targetKey) continue;
    const changed = outcome.action === 'scale-out' || outcome.action === 'scale-in';
    if (changed && outcome.status === 'InProgress' && outcome.shadow !== true) counts.scalingActions++;
    if (outcome.action === 'deferred') counts.deferredActions++;
  }
  return counts;
}

/**
 * A fleet's figures over its steps (`stepSeconds` each, a minute by default). Gap steps count in
 * `minutes` and in the bill (the fleet runs on), but never as under-provisioned: there is no demand
 * to measure there. Under-provisioned time is in minutes at any step: a 10-s step counts 1/6.
 */
export function policyFigures(
  minutes: readonly SimulatedMinute[],
  actions: ActionCounts,
  stepSeconds = 60,
): PolicyFigures {
  let billedSteps = 0;
  let measured = 0;
  let underProvisioned = 0;
  let demand = 0;
  let unserved = 0;
  for (const minute of minutes) {
    billedSteps += minute.billedInstances;
    if (minute.gap) continue;
    measured++;
    demand += minute.demand;
    unserved += minute.unservedRequests;
    if (minute.unservedRequests > 0) underProvisioned++;
  }
  const stepsPerHour = 3600 / stepSeconds;
  return {
    minutes: (minutes.length * stepSeconds) / 60,
    instanceHours: billedSteps / stepsPerHour,
    underProvisionedMinutes: (underProvisioned * stepSeconds) / 60,
    underProvisionedPercent: measured === 0 ? 0 : (underProvisioned / measured) * 100,
    unservedRequests: unserved,
    unservedPercent: demand === 0 ? 0 : (unserved / demand) * 100,
    scalingActions: actions.scalingActions,
    deferredActions: actions.deferredActions,
  };
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
