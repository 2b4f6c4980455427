import type {
  AlarmTrigger,
  ScheduledTrigger,
  StepPolicy,
  TargetConfig,
  TargetTrackingPolicy,
} from '../../shared/domain/model.ts';
import { initialTargetState, type TargetState } from '../../shared/domain/state.ts';

/** 2026-11-23T10:00:00Z: the reference instant of the domain tests. */
export const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
export const MINUTE = 60_000;

/** The semantics doc's worked example: percent policies, threshold 50, dead band 40..60. */
export function workedExampleTarget(overrides: Partial<TargetConfig> = {}): TargetConfig {
  return {
    endpointName: 'worked-example',
    variantName: 'AllTraffic',
    minCapacity: 1,
    maxCapacity: 100,
    mode: 'active',
    suspendedState: {
      dynamicScalingInSuspended: false,
      dynamicScalingOutSuspended: false,
      scheduledScalingSuspended: false,
    },
    stepPolicies: [
      policy({
        policyName: 'scale-out',
        alarmName: 'high',
        adjustmentType: 'PercentChangeInCapacity',
        stepAdjustments: [
          { metricIntervalLowerBound: 0, metricIntervalUpperBound: 10, scalingAdjustment: 0 },
          { metricIntervalLowerBound: 10, metricIntervalUpperBound: 20, scalingAdjustment: 10 },
          { metricIntervalLowerBound: 20, scalingAdjustment: 30 },
        ],
      }),
      policy({
        policyName: 'scale-in',
        alarmName: 'low',
        adjustmentType: 'PercentChangeInCapacity',
        stepAdjustments: [
          { metricIntervalLowerBound: -10, metricIntervalUpperBound: 0, scalingAdjustment: 0 },
          { metricIntervalLowerBound: -20, metricIntervalUpperBound: -10, scalingAdjustment: -10 },
          { metricIntervalUpperBound: -20, scalingAdjustment: -30 },
        ],
      }),
    ],
    targetTrackingPolicies: [],
    predictivePolicies: [],
    scheduledActions: [],
    ...overrides,
  };
}

/** A step policy with AAS defaults (Average, cooldown 300) and one +1 step above the threshold. */
export function policy(overrides: Partial<StepPolicy> = {}): StepPolicy {
  return {
    policyName: 'out',
    alarmName: 'high',
    adjustmentType: 'ChangeInCapacity',
    metricAggregationType: 'Average',
    cooldown: 300,
    stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1 }],
    ...overrides,
  };
}

/** A target with the given policies and bounds 1..10. */
export function target(overrides: Partial<TargetConfig> = {}): TargetConfig {
  return workedExampleTarget({ minCapacity: 1, maxCapacity: 10, stepPolicies: [policy()], ...overrides });
}

/** A target tracking policy on InvocationsPerInstance, target 1000, AAS default cooldowns. */
export function trackingPolicy(overrides: Partial<TargetTrackingPolicy> = {}): TargetTrackingPolicy {
  return {
    policyName: 'invocations',
    targetValue: 1000,
    metric: { kind: 'predefined', predefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
    scaleOutCooldown: 300,
    scaleInCooldown: 300,
    disableScaleIn: false,
    ...overrides,
  };
}

/** The alarm names the scaler gives a tracking policy of `worked-example/AllTraffic`. */
export function trackingAlarm(role: 'high' | 'low', policyName = 'invocations'): string {
  return `ScalerTargetTracking-endpoint/worked-example/variant/AllTraffic-${policyName}-Alarm${role === 'high' ? 'High' : 'Low'}`;
}

/** A target with only target tracking policies (one by default), bounds 1..10. */
export function trackingTarget(overrides: Partial<TargetConfig> = {}): TargetConfig {
  return target({ stepPolicies: [], targetTrackingPolicies: [trackingPolicy()], ...overrides });
}

export function stateOf(config: TargetConfig, overrides: Partial<TargetState> = {}): TargetState {
  return { ...initialTargetState(config, T0 - 3_600_000), ...overrides };
}

let counter = 0;

/** An alarm evaluation in ALARM with one datapoint, threshold 50 unless told otherwise. */
export function alarm(overrides: Partial<AlarmTrigger> & { value?: number } = {}): AlarmTrigger {
  counter += 1;
  const { value = 60, ...rest } = overrides;
  const at = rest.eventTime ?? T0;
  return {
    kind: 'alarm',
    eventId: `evt-${counter}`,
    eventTime: at,
    alarmName: 'high',
    state: 'ALARM',
    previousState: 'OK',
    stateTimestamp: at,
    datapoints: [value],
    threshold: 50,
    reevaluation: false,
    ...rest,
  };
}

export function scheduled(overrides: Partial<ScheduledTrigger> = {}): ScheduledTrigger {
  counter += 1;
  return {
    kind: 'scheduled',
    eventId: `exec-${counter}`,
    endpointName: 'worked-example',
    variantName: 'AllTraffic',
    scheduledActionName: 'peak',
    scheduledTime: T0,
    ...overrides,
  };
}
