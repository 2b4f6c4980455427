import { describe, expect, it } from 'vitest';
import type { TreatMissingData } from '../../../../shared/domain/model.ts';
import { parseAlarmEvent } from '../../../../shared/events/index.ts';
import type { SimulatedAlarmDefinition } from '../../../../shared/sim/cloudwatch/alarm-event.ts';
import { SimulatedCloudWatch } from '../../../../shared/sim/cloudwatch/simulated-cloudwatch.ts';
import { SimulatedMetricStore } from '../../../../shared/sim/cloudwatch/simulated-metrics.ts';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const MINUTE = 60_000;
const dimensions = { EndpointName: 'fraud-detector', VariantName: 'AllTraffic' };
const metric = { namespace: 'AWS/SageMaker', metricName: 'InvocationsPerInstance', dimensions };

function alarm(overrides: Partial<SimulatedAlarmDefinition> = {}): SimulatedAlarmDefinition {
  return {
    alarmName: 'fraud-detector-invocations-high',
    metricName: 'InvocationsPerInstance',
    namespace: 'AWS/SageMaker',
    statistic: 'Sum',
    period: 60,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    threshold: 800,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'missing',
    dimensions,
    ...overrides,
  };
}

/** A store with `values` published for minutes 0.. (NaN = a trace gap), and CloudWatch over it. */
function world(
  values: number[],
  options: { delay?: number; alarm?: Partial<SimulatedAlarmDefinition> } = {},
) {
  const metrics = new SimulatedMetricStore(T0, 60, options.delay ?? 1);
  const series = metrics.seriesOf(metric);
  values.forEach((value, i) => {
    series[i] = value;
  });
  const cloudWatch = new SimulatedCloudWatch(metrics);
  cloudWatch.putMetricAlarm(alarm(options.alarm));
  return { metrics, cloudWatch };
}

describe('simulated CloudWatch', () => {
  it('emits a real-shaped state-change event that the production parser reads', () => {
    const { cloudWatch } = world([912.5, 880, 850]);
    const [event] = cloudWatch.evaluateAlarms(T0 + 3 * MINUTE);
    const trigger = parseAlarmEvent(JSON.parse(JSON.stringify(event)));
    expect(trigger).toMatchObject({
      alarmName: 'fraud-detector-invocations-high',
      state: 'ALARM',
      previousState: 'INSUFFICIENT_DATA',
      eventTime: T0 + 3 * MINUTE,
      stateTimestamp: T0 + 3 * MINUTE,
      datapoints: [912.5, 880, 850],
      threshold: 800,
      reevaluation: false,
    });
    const detail = (event as { detail: { state: { reason: string; reasonData: string; timestamp: string } } })
      .detail;
    expect(detail.state.timestamp).toBe('2026-11-23T10:03:00.000+0000');
    expect(detail.state.reason).toBe(
      'Threshold Crossed: 3 out of the last 3 datapoints [850.0 (23/11/26 10:02:00), 880.0 (23/11/26 10:01:00), 912.5 (23/11/26 10:00:00)] were greater than or equal to the threshold (800.0) (minimum 3 datapoints for INSUFFICIENT_DATA -> ALARM transition).',
    );
    expect(JSON.parse(detail.state.reasonData)).toMatchObject({
      startDate: '2026-11-23T10:00:00.000+0000',
      statistic: 'Sum',
      period: 60,
      recentDatapoints: [912.5, 880, 850],
      threshold: 800,
    });
    expect(event).toMatchObject({
      'detail-type': 'CloudWatch Alarm State Change',
      source: 'aws.cloudwatch',
      time: '2026-11-23T10:03:00Z',
      resources: ['arn:aws:cloudwatch:eu-west-1:123456789012:alarm:fraud-detector-invocations-high'],
    });
  });

  it('emits events only on state changes', () => {
    const { cloudWatch } = world([900, 900, 900, 900, 900, 100]);
    expect(cloudWatch.evaluateAlarms(T0 + 3 * MINUTE)).toHaveLength(1);
    expect(cloudWatch.evaluateAlarms(T0 + 4 * MINUTE)).toHaveLength(0);
    expect(cloudWatch.evaluateAlarms(T0 + 5 * MINUTE)).toHaveLength(0);
    const [ok] = cloudWatch.evaluateAlarms(T0 + 6 * MINUTE);
    expect(parseAlarmEvent(ok)).toMatchObject({ state: 'OK', previousState: 'ALARM' });
  });

  it('waits until the whole evaluation window lies inside the run before the first evaluation', () => {
    const { cloudWatch } = world([900, 900, 900]);
    expect(cloudWatch.evaluateAlarms(T0 + 2 * MINUTE)).toHaveLength(0);
    expect(cloudWatch.stateOf('fraud-detector-invocations-high')).toBe('INSUFFICIENT_DATA');
  });

  it("shows a minute's datapoint from its start plus the metric delay", () => {
    const values = [900, 900, 900];
    const prompt = world(values, { delay: 1 });
    expect(prompt.cloudWatch.evaluateAlarms(T0 + 3 * MINUTE)).toHaveLength(1);
    const late = world(values, { delay: 2 });
    // At 10:03 the 10:02 datapoint is not visible yet: two real datapoints, judged alone (missing).
    expect(late.metrics.visibleSteps(T0 + 3 * MINUTE)).toBe(2);
    expect(
      late.metrics.getMetricData(
        { metric, statistic: 'Sum', period: 60, startTime: T0, endTime: T0 + 3 * MINUTE },
        T0 + 3 * MINUTE,
      ).values,
    ).toEqual([900, 900]);
    expect(
      late.metrics.getMetricData(
        { metric, statistic: 'Sum', period: 60, startTime: T0, endTime: T0 + 3 * MINUTE },
        T0 + 4 * MINUTE,
      ).values,
    ).toEqual([900, 900, 900]);
  });

  it.each<[TreatMissingData, string]>([
    ['missing', 'INSUFFICIENT_DATA'],
    ['ignore', 'ALARM'],
    ['breaching', 'ALARM'],
    ['notBreaching', 'OK'],
  ])('treats a trace gap per treatMissingData %s: %s', (treatMissingData, expected) => {
    const gap = Number.NaN;
    const { cloudWatch } = world([900, 900, 900, gap, gap, gap, gap, gap, gap], {
      alarm: { treatMissingData },
    });
    cloudWatch.evaluateAlarms(T0 + 3 * MINUTE);
    expect(cloudWatch.stateOf('fraud-detector-invocations-high')).toBe('ALARM');
    cloudWatch.evaluateAlarms(T0 + 9 * MINUTE);
    expect(cloudWatch.stateOf('fraud-detector-invocations-high')).toBe(expected);
  });

  it('aggregates a five-minute period from per-minute datapoints by the statistic', () => {
    const { cloudWatch } = world([100, 200, 300, 400, 500, 100, 100, 100, 100, 100], {
      alarm: { period: 300, evaluationPeriods: 2, datapointsToAlarm: 1, statistic: 'Sum', threshold: 1500 },
    });
    const [event] = cloudWatch.evaluateAlarms(T0 + 10 * MINUTE);
    expect(parseAlarmEvent(event)).toMatchObject({ state: 'ALARM', datapoints: [1500, 500] });
  });

  it('answers the tick with alarms in ALARM and their datapoints measured now', async () => {
    const { cloudWatch } = world([900, 900, 900, 950, 1000]);
    cloudWatch.evaluateAlarms(T0 + 3 * MINUTE);
    const evaluations = await cloudWatch.alarmsInAlarm(
      ['fraud-detector-invocations-high', 'unknown'],
      T0 + 5 * MINUTE,
    );
    expect(evaluations).toEqual([
      {
        alarmName: 'fraud-detector-invocations-high',
        stateTimestamp: T0 + 3 * MINUTE,
        threshold: 800,
        datapoints: [900, 950, 1000],
      },
    ]);
    expect(cloudWatch.describeAlarms({ stateValue: 'OK' })).toEqual([]);
  });

  it('refuses an alarm period the one-minute simulation cannot resolve', () => {
    const metrics = new SimulatedMetricStore(T0, 10);
    expect(() => new SimulatedCloudWatch(metrics).putMetricAlarm(alarm({ period: 30 }))).toThrow(
      /multiple of 60/,
    );
  });
});
