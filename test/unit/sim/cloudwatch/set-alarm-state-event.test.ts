/**
 * SetAlarmState's state change as an EventBridge event (what `scaler local` hands on-alarm): the
 * AWS CLI's `set-alarm-state` without `--state-reason-data` must still give an event on-alarm
 * reads, not one it drops as malformed.
 */
import { describe, expect, it } from 'vitest';
import { parseAlarmEvent } from '../../../../shared/events/index.ts';
import { alarmStateChangeEvent } from '../../../../shared/sim/cloudwatch/alarm-event.ts';
import { SimulatedCloudWatch } from '../../../../shared/sim/cloudwatch/simulated-cloudwatch.ts';
import { SimulatedMetricStore } from '../../../../shared/sim/cloudwatch/simulated-metrics.ts';

const T0 = Date.parse('2026-11-23T10:00:00Z');

function cloudWatchWithAlarm(): SimulatedCloudWatch {
  const cloudWatch = new SimulatedCloudWatch(new SimulatedMetricStore(T0, 60, 1));
  cloudWatch.putMetricAlarm({
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
    dimensions: { EndpointName: 'fraud-detector', VariantName: 'AllTraffic' },
  });
  return cloudWatch;
}

describe('SetAlarmState in the simulated CloudWatch', () => {
  it('without reason data: the event leaves reasonData out, and on-alarm’s parser reads it (no datapoints)', () => {
    const cloudWatch = cloudWatchWithAlarm();
    const toAlarm = cloudWatch.setAlarmState(
      'fraud-detector-invocations-high',
      { value: 'ALARM', reason: 'test' },
      T0,
    );
    const back = cloudWatch.setAlarmState(
      'fraud-detector-invocations-high',
      { value: 'OK', reason: 'again' },
      T0 + 1,
    );
    if (!toAlarm || !back) throw new Error('expected two state changes');
    const first = JSON.parse(JSON.stringify(alarmStateChangeEvent(toAlarm)));
    const second = JSON.parse(JSON.stringify(alarmStateChangeEvent(back)));

    expect(first.detail.state).not.toHaveProperty('reasonData');
    expect(second.detail.previousState).not.toHaveProperty('reasonData');
    expect(parseAlarmEvent(first, T0)).toMatchObject({ state: 'ALARM', datapoints: [] });
    expect(parseAlarmEvent(second, T0 + 1)).toMatchObject({ state: 'OK', previousState: 'ALARM' });
  });

  it('with reason data: the event carries it, and its datapoints reach the trigger', () => {
    const cloudWatch = cloudWatchWithAlarm();
    const reasonData = JSON.stringify({
      version: '1.0',
      recentDatapoints: [1500, 1500, 1500],
      threshold: 800,
    });
    const change = cloudWatch.setAlarmState(
      'fraud-detector-invocations-high',
      { value: 'ALARM', reason: 'test', reasonData },
      T0,
    );
    if (!change) throw new Error('expected a state change');
    const event = JSON.parse(JSON.stringify(alarmStateChangeEvent(change)));

    expect(event.detail.state.reasonData).toBe(reasonData);
    expect(parseAlarmEvent(event, T0)).toMatchObject({ datapoints: [1500, 1500, 1500], threshold: 800 });
  });
});
