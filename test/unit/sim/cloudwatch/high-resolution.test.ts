import { describe, expect, it } from 'vitest';
import { parseAlarmEvent } from '../../../../shared/events/index.ts';
import type { SimulatedAlarmDefinition } from '../../../../shared/sim/cloudwatch/alarm-event.ts';
import { SimulatedCloudWatch } from '../../../../shared/sim/cloudwatch/simulated-cloudwatch.ts';
import { SimulatedMetricStore } from '../../../../shared/sim/cloudwatch/simulated-metrics.ts';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const STEP = 10_000;
const dimensions = { EndpointName: 'chat', VariantName: 'AllTraffic' };
const concurrency = { namespace: 'AWS/SageMaker', metricName: 'ConcurrentRequestsPerModel', dimensions };

function alarm(overrides: Partial<SimulatedAlarmDefinition> = {}): SimulatedAlarmDefinition {
  return {
    alarmName: 'chat-concurrency-high',
    metricName: 'ConcurrentRequestsPerModel',
    namespace: 'AWS/SageMaker',
    statistic: 'Average',
    period: 10,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    threshold: 4,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'missing',
    dimensions,
    ...overrides,
  };
}

/** A 10-s store (one hour) with `values` published for steps 0.., and CloudWatch over it. */
function world(values: number[], ...alarms: Partial<SimulatedAlarmDefinition>[]) {
  const metrics = new SimulatedMetricStore(T0, 360, 1, 10);
  const series = metrics.seriesOf(concurrency);
  values.forEach((value, i) => {
    series[i] = value;
  });
  const cloudWatch = new SimulatedCloudWatch(metrics);
  for (const overrides of alarms) cloudWatch.putMetricAlarm(alarm(overrides));
  return { metrics, cloudWatch };
}

describe('simulated CloudWatch at 10-s steps', () => {
  it('shows a 10-s datapoint when its step ends, and a one-minute period over its six steps', () => {
    const { metrics } = world([1, 2, 3, 4, 5, 6, 7]);
    expect(metrics.visibleSteps(T0 + 25_000)).toBe(2);
    const series = metrics.seriesOf(concurrency);
    expect(metrics.periodValue(series, T0, STEP, 'Average', T0 + 60_000)).toBe(1);
    expect(metrics.periodValue(series, T0, 60_000, 'Sum', T0 + 60_000)).toBe(21);
    expect(metrics.periodValue(series, T0, 60_000, 'Average', T0 + 60_000)).toBe(3.5);
    expect(metrics.periodValue(series, T0, 30_000, 'Maximum', T0 + 60_000)).toBe(3);
    // --metric-delay 2 adds a minute of ingestion lag to every step.
    const late = new SimulatedMetricStore(T0, 360, 2, 10);
    expect(late.visibleSteps(T0 + 25_000)).toBe(0);
    expect(late.visibleSteps(T0 + 85_000)).toBe(2);
  });

  it('goes to ALARM 30 s into a burst on three 10-s datapoints, between whole minutes', () => {
    const { cloudWatch } = world([2, 2, 2, 6, 7, 8, 8], {});
    const states: string[] = [];
    for (let step = 3; step <= 6; step++) {
      const [event] = cloudWatch.evaluateAlarms(T0 + step * STEP, { minute: false });
      states.push(event ? parseAlarmEvent(JSON.parse(JSON.stringify(event))).state : '-');
    }
    // At T0 + 30 s the window holds 2, 2, 2: OK. At + 60 s it holds 6, 7, 8.
    expect(states).toEqual(['OK', '-', '-', 'ALARM']);
    const [state] = cloudWatch.describeAlarms();
    expect(state?.state.timestamp).toBe(T0 + 60_000);
    expect(JSON.parse(state?.state.reasonData ?? '{}')).toMatchObject({
      period: 10,
      recentDatapoints: [6, 7, 8],
    });
  });

  it('evaluates one-minute alarms only on whole minutes, and sub-minute ones at every step', () => {
    const { cloudWatch } = world(
      new Array(24).fill(9),
      {},
      { alarmName: 'chat-concurrency-minute', period: 60, evaluationPeriods: 2, datapointsToAlarm: 2 },
    );
    const changed = (now: number, minute: boolean) =>
      cloudWatch
        .evaluateAlarms(now, { minute })
        .map((event) => (event as { detail: { alarmName: string } }).detail.alarmName);
    expect(changed(T0 + 30_000, false)).toEqual(['chat-concurrency-high']);
    // Two minutes of data are there at 10:02:10, but the one-minute alarm waits for 10:03:00.
    expect(changed(T0 + 130_000, false)).toEqual([]);
    expect(changed(T0 + 180_000, true)).toEqual(['chat-concurrency-minute']);
  });

  it('aggregates a 30-s period over three 10-s steps', () => {
    const { cloudWatch } = world([1, 1, 10, 4, 4, 4], {
      period: 30,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
    // [10:00:00, 10:00:30): average 4, not above 4. [10:00:30, 10:01:00): 4 again.
    expect(cloudWatch.evaluateAlarms(T0 + 30_000, { minute: false })).toHaveLength(1);
    expect(cloudWatch.stateOf('chat-concurrency-high')).toBe('OK');
    const { cloudWatch: burst } = world([1, 1, 11], {
      period: 30,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
    burst.evaluateAlarms(T0 + 30_000, { minute: false });
    expect(burst.stateOf('chat-concurrency-high')).toBe('ALARM');
  });

  it("refuses a period that is not whole steps of the store, naming the run's step", () => {
    const minutes = new SimulatedCloudWatch(new SimulatedMetricStore(T0, 60));
    expect(() => minutes.putMetricAlarm(alarm())).toThrow(
      'alarm chat-concurrency-high: the simulation steps every 60 s, so its period must be a multiple of 60 s (found 10); a run steps every 10 s when one of its alarms has a 10-, 20- or 30-second period',
    );
    const tens = new SimulatedCloudWatch(new SimulatedMetricStore(T0, 360, 1, 10));
    expect(() => tens.putMetricAlarm(alarm({ period: 20 }))).not.toThrow();
    expect(() => tens.putMetricAlarm(alarm({ period: 15 }))).toThrow(/multiple of 10 s \(found 15\)/);
  });

  it('answers the tick for a 10-s alarm with its 10-s datapoints', async () => {
    const { cloudWatch } = world([5, 6, 7, 8, 9, 10], {});
    cloudWatch.evaluateAlarms(T0 + 60_000, { minute: true });
    const [evaluation] = await cloudWatch.alarmsInAlarm(['chat-concurrency-high'], T0 + 60_000);
    expect(evaluation?.datapoints).toEqual([8, 9, 10]);
  });
});
