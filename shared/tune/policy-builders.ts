/**
 * The scaling.yml policies a tuned candidate is made of, on InvocationsPerInstance (and, for the
 * predictive floor, the variant's Invocations), under stable names so a re-tune replaces them.
 */
import type { PredictivePolicy, StepPolicy, TargetConfig, TargetTrackingPolicy } from '../domain/model.ts';

/** Names of the tuned policies and alarms: stable, so a re-tune replaces them. */
export const TUNED = {
  tracking: 'tuned-target-tracking',
  scaleOut: 'tuned-scale-out',
  scaleIn: 'tuned-scale-in',
  burst: 'tuned-burst',
  predictive: 'tuned-predictive',
} as const;

/**
 * A ForecastAndScale policy on the variant's Invocations: capacity raised ahead of each hour to
 * its forecast load over `targetValue`, never lowered by it (docs/predictive.md).
 */
export function forecastFloor(targetValue: number, schedulingBufferTime: number): PredictivePolicy {
  return {
    policyName: TUNED.predictive,
    targetValue,
    loadMetric: { kind: 'predefined', predefinedMetricType: 'SageMakerVariantInvocations' },
    mode: 'ForecastAndScale',
    schedulingBufferTime,
    maxCapacityBreachBehavior: 'HonorMaxCapacity',
  };
}

/** A scale-in step policy: `step` instances when InvocationsPerInstance stays at or below `threshold`. */
export function scaleInPolicy(
  target: TargetConfig,
  p: { threshold: number; periods: number; step: number; cooldown: number },
): StepPolicy {
  return {
    policyName: TUNED.scaleIn,
    alarmName: alarmName(target, TUNED.scaleIn),
    alarm: invocationsAlarm(p.threshold, p.periods, 'LessThanOrEqualToThreshold'),
    adjustmentType: 'ChangeInCapacity',
    metricAggregationType: 'Average',
    cooldown: p.cooldown,
    stepAdjustments: [{ metricIntervalUpperBound: 0, scalingAdjustment: p.step }],
  };
}

function invocationsAlarm(
  threshold: number,
  periods: number,
  comparisonOperator: 'GreaterThanOrEqualToThreshold' | 'LessThanOrEqualToThreshold',
) {
  return {
    metricName: 'InvocationsPerInstance',
    namespace: 'AWS/SageMaker',
    statistic: 'Sum',
    period: 60,
    evaluationPeriods: periods,
    datapointsToAlarm: periods,
    threshold,
    comparisonOperator,
    treatMissingData: 'missing' as const,
  };
}

/** Target tracking on InvocationsPerInstance. */
export function tracking(
  targetValue: number,
  scaleOutCooldown: number,
  scaleInCooldown: number,
): TargetTrackingPolicy {
  return {
    policyName: TUNED.tracking,
    targetValue,
    metric: { kind: 'predefined', predefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
    scaleOutCooldown,
    scaleInCooldown,
    disableScaleIn: false,
  };
}

function alarmName(target: TargetConfig, suffix: string): string {
  return `${target.endpointName}-${target.variantName}-${suffix}`;
}

/** A scale-out step policy: `small` instances above `threshold`, `big` from `bigFrom` above it. */
export function scaleOutPolicy(
  target: TargetConfig,
  name: string,
  p: { threshold: number; periods: number; small: number; big: number; bigFrom: number; cooldown: number },
): StepPolicy {
  return {
    policyName: name,
    alarmName: alarmName(target, name),
    alarm: invocationsAlarm(p.threshold, p.periods, 'GreaterThanOrEqualToThreshold'),
    adjustmentType: 'ChangeInCapacity',
    metricAggregationType: 'Average',
    cooldown: p.cooldown,
    stepAdjustments: [
      { metricIntervalLowerBound: 0, metricIntervalUpperBound: p.bigFrom, scalingAdjustment: p.small },
      { metricIntervalLowerBound: p.bigFrom, scalingAdjustment: p.big },
    ],
  };
}
