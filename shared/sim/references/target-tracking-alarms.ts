/**
 * The two CloudWatch alarms Application Auto Scaling creates for a target-tracking policy on
 * SageMakerVariantInvocationsPerInstance, named as AAS names them, on the baseline's own simulated
 * CloudWatch: "high" (3 of 3 one-minute datapoints above the target) and "low" (15 of 15 below
 * 90 % of it). The baseline reads their states and the latest datapoint of the metric they watch.
 */
import type { AlarmStateValue, TargetConfig } from '../../domain/model.ts';
import { SimulatedCloudWatch } from '../cloudwatch/simulated-cloudwatch.ts';
import type { SimulatedMetricStore } from '../cloudwatch/simulated-metrics.ts';

/** Which of the two alarms. */
export type TargetTrackingAlarm = 'high' | 'low';

/** The high and low alarms of one target's target-tracking policy. */
export class TargetTrackingAlarms {
  /** Both alarms' states now, as one shared object until one changes. */
  readonly states: () => Record<string, AlarmStateValue>;
  private readonly cloudWatch: SimulatedCloudWatch;
  private readonly names: Record<TargetTrackingAlarm, string>;

  constructor(metrics: SimulatedMetricStore, target: TargetConfig, targetValue: number) {
    // States only: the baseline reads no reason text and no events.
    this.cloudWatch = new SimulatedCloudWatch(metrics, { describeTransitions: false });
    const prefix = `TargetTracking-endpoint/${target.endpointName}/variant/${target.variantName}`;
    this.names = { high: `${prefix}-AlarmHigh`, low: `${prefix}-AlarmLow` };
    const alarm = {
      metricName: 'InvocationsPerInstance',
      namespace: 'AWS/SageMaker',
      // SageMaker sends 1/numberOfInstances per request: only Sum gives invocations per instance.
      statistic: 'Sum',
      period: 60,
      treatMissingData: 'missing' as const,
      dimensions: { EndpointName: target.endpointName, VariantName: target.variantName },
    };
    this.cloudWatch.putMetricAlarm({
      ...alarm,
      alarmName: this.names.high,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: targetValue,
      comparisonOperator: 'GreaterThanThreshold',
    });
    this.cloudWatch.putMetricAlarm({
      ...alarm,
      alarmName: this.names.low,
      evaluationPeriods: 15,
      datapointsToAlarm: 15,
      threshold: 0.9 * targetValue,
      comparisonOperator: 'LessThanThreshold',
    });
    this.states = this.cloudWatch.statesReader([this.names.high, this.names.low]);
  }

  /** Evaluates both alarms at `now`, as CloudWatch does once a minute. */
  evaluate(now: number): void {
    this.cloudWatch.evaluateAlarms(now);
  }

  /** Whether the alarm is in ALARM now. */
  inAlarm(which: TargetTrackingAlarm): boolean {
    return this.cloudWatch.stateOf(this.names[which]) === 'ALARM';
  }

  /** The latest datapoint of the alarm's metric visible at `now`, over the last 15 minutes. */
  latestMetric(which: TargetTrackingAlarm, now: number): number | undefined {
    const end = Math.floor(now / 60_000) * 60_000;
    return this.cloudWatch.latestAlarmDatapoint(this.names[which], end - 15 * 60_000, end, now);
  }
}
