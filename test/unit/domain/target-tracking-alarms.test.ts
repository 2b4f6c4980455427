import { describe, expect, it } from 'vitest';
import { alarmLabel, alarmPolicyOf, policyAlarmNames } from '../../../shared/domain/alarm-policies.ts';
import {
  HIGH_RESOLUTION_TRACKING_ALARMS,
  targetTrackingAlarms,
  trackedMetric,
  trackingAlarmEvaluation,
  trackingAlarms,
} from '../../../shared/domain/target-tracking/alarms.ts';
import { trackedMetricName } from '../../../shared/domain/target-tracking/decision.ts';
import { policy, trackingPolicy, trackingTarget } from '../../support/builders.ts';

const config = trackingTarget();

describe('the alarms of a target tracking policy', () => {
  it('are named after the policy with the scaler-owned prefix, high above the target and low below 90 % of it', () => {
    expect(trackingAlarms(config, trackingPolicy())).toEqual([
      {
        alarmName: 'ScalerTargetTracking-endpoint/worked-example/variant/AllTraffic-invocations-AlarmHigh',
        role: 'high',
        policyName: 'invocations',
        metric: {
          kind: 'metric',
          metricName: 'InvocationsPerInstance',
          namespace: 'AWS/SageMaker',
          statistic: 'Sum',
          dimensions: { EndpointName: 'worked-example', VariantName: 'AllTraffic' },
        },
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        threshold: 1000,
        comparisonOperator: 'GreaterThanThreshold',
        treatMissingData: 'missing',
      },
      expect.objectContaining({
        alarmName: 'ScalerTargetTracking-endpoint/worked-example/variant/AllTraffic-invocations-AlarmLow',
        role: 'low',
        period: 60,
        evaluationPeriods: 15,
        datapointsToAlarm: 15,
        threshold: 900,
        comparisonOperator: 'LessThanThreshold',
      }),
    ]);
  });

  it("of a whole target come policy by policy, each policy's high alarm first", () => {
    const two = trackingTarget({
      targetTrackingPolicies: [trackingPolicy(), trackingPolicy({ policyName: 'b', disableScaleIn: true })],
    });
    expect(targetTrackingAlarms(two).map((alarm) => `${alarm.policyName}:${alarm.role}`)).toEqual([
      'invocations:high',
      'invocations:low',
      'b:high',
    ]);
  });

  it('have no low alarm when scale-in is disabled', () => {
    expect(trackingAlarms(config, trackingPolicy({ disableScaleIn: true })).map((a) => a.role)).toEqual([
      'high',
    ]);
  });

  it('use the high-resolution settings for ConcurrentRequestsPerModel, on its Average', () => {
    const highRes = trackingPolicy({
      targetValue: 5,
      metric: {
        kind: 'predefined',
        predefinedMetricType: 'SageMakerVariantConcurrentRequestsPerModelHighResolution',
      },
    });
    const [high, low] = trackingAlarms(config, highRes);
    expect(high).toMatchObject({ ...HIGH_RESOLUTION_TRACKING_ALARMS.high, threshold: 5 });
    expect(high?.metric).toMatchObject({ metricName: 'ConcurrentRequestsPerModel', statistic: 'Average' });
    expect(low).toMatchObject({ ...HIGH_RESOLUTION_TRACKING_ALARMS.low, threshold: 4.5 });
    expect(trackedMetricName(highRes)).toBe('ConcurrentRequestsPerModel');
  });

  it("take scaling.yml's overrides, an N-only override staying N out of N", () => {
    const overridden = trackingPolicy({
      highAlarm: { period: 30, evaluationPeriods: 4 },
      lowAlarm: { datapointsToAlarm: 10 },
    });
    expect(trackingAlarmEvaluation(overridden, 'high')).toEqual({
      period: 30,
      evaluationPeriods: 4,
      datapointsToAlarm: 4,
    });
    expect(trackingAlarmEvaluation(overridden, 'low')).toEqual({
      period: 60,
      evaluationPeriods: 15,
      datapointsToAlarm: 10,
    });
  });
});

describe('the metric a tracking policy tracks', () => {
  it("is a customized metric on the variant's dimensions unless it names its own", () => {
    const cpu = trackingPolicy({
      metric: {
        kind: 'customized',
        metricName: 'CPUUtilization',
        namespace: '/aws/sagemaker/Endpoints',
        statistic: 'Maximum',
      },
    });
    expect(trackedMetric(config, cpu)).toEqual({
      kind: 'metric',
      metricName: 'CPUUtilization',
      namespace: '/aws/sagemaker/Endpoints',
      statistic: 'Maximum',
      unit: undefined,
      dimensions: { EndpointName: 'worked-example', VariantName: 'AllTraffic' },
    });
    const queue = trackingPolicy({
      metric: {
        kind: 'customized',
        metricName: 'Backlog',
        namespace: 'MyApp',
        statistic: 'Average',
        dimensions: { Queue: 'q1' },
      },
    });
    expect(trackedMetric(config, queue)).toMatchObject({ statistic: 'Average', dimensions: { Queue: 'q1' } });
  });

  it('is metric math with the variant dimensions filled into queries that name none', () => {
    const math = trackingPolicy({
      metric: {
        kind: 'math',
        metrics: [
          {
            id: 'm1',
            metricStat: { metricName: 'Invocations', namespace: 'AWS/SageMaker', stat: 'Sum' },
            returnData: false,
          },
          {
            id: 'm2',
            metricStat: { metricName: 'X', namespace: 'Y', dimensions: { A: 'b' }, stat: 'Sum' },
            returnData: false,
          },
          { id: 'e1', expression: 'm1 / 60', returnData: true },
        ],
      },
    });
    const metric = trackedMetric(config, math);
    expect(metric.kind).toBe('math');
    if (metric.kind !== 'math') return;
    expect(metric.queries[0]?.metricStat?.dimensions).toEqual({
      EndpointName: 'worked-example',
      VariantName: 'AllTraffic',
    });
    expect(metric.queries[1]?.metricStat?.dimensions).toEqual({ A: 'b' });
    expect(metric.queries[2]).toEqual({ id: 'e1', expression: 'm1 / 60', returnData: true });
    expect(trackedMetricName(math)).toBe('the metric-math series');
  });
});

describe('which policy an alarm drives', () => {
  const mixed = trackingTarget({ stepPolicies: [policy({ alarmName: 'step-high' })] });

  it("finds step policies by their alarmName and tracking policies by their alarms' names", () => {
    expect(alarmPolicyOf(mixed, 'step-high')).toMatchObject({ kind: 'step', policy: { policyName: 'out' } });
    const high = 'ScalerTargetTracking-endpoint/worked-example/variant/AllTraffic-invocations-AlarmHigh';
    expect(alarmPolicyOf(mixed, high)).toMatchObject({ kind: 'tracking', role: 'high' });
    expect(alarmPolicyOf(mixed, 'unknown')).toBeUndefined();
  });

  it('lists every alarm that drives a policy of the target', () => {
    expect(policyAlarmNames(mixed)).toEqual([
      'step-high',
      'ScalerTargetTracking-endpoint/worked-example/variant/AllTraffic-invocations-AlarmHigh',
      'ScalerTargetTracking-endpoint/worked-example/variant/AllTraffic-invocations-AlarmLow',
    ]);
  });

  it("gives each a short label on the target's own lines", () => {
    const high = 'ScalerTargetTracking-endpoint/worked-example/variant/AllTraffic-invocations-AlarmHigh';
    expect(alarmLabel(mixed, high)).toBe('invocations (tracking high)');
    expect(alarmLabel(mixed, 'worked-example-invocations-high')).toBe('invocations-high');
    expect(alarmLabel(mixed, 'step-high')).toBe('step-high');
    expect(alarmLabel(mixed, 'worked-example-')).toBe('worked-example-');
  });

  it('keeps the first step policy of an alarm named twice', () => {
    const twice = trackingTarget({
      stepPolicies: [
        policy({ policyName: 'a', alarmName: 'x' }),
        policy({ policyName: 'b', alarmName: 'x' }),
      ],
      targetTrackingPolicies: [],
    });
    expect(alarmPolicyOf(twice, 'x')).toMatchObject({ policy: { policyName: 'a' } });
  });
});
