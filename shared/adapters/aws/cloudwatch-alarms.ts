import { type CloudWatchClient, GetMetricDataCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { AlarmEvaluation, AlarmReader } from '../../ports/alarm-reader.ts';
import { type AlarmPlan, planFor, toBatches } from './alarm-query-plan.ts';
import { describeAlarmsNamed } from './describe-alarms.ts';

// Where the tick and the local stack have always imported it from.
export { createCloudWatchClient } from './cloudwatch-client.ts';

export interface CloudWatchAlarmsOptions {
  /** Told (for the wiring to log) of alarms left out (no static threshold) or measured as empty. */
  onWarning?: (warning: { alarmName: string; reason: string }) => void;
}

/** A query's result, by Id, with its points paired so they can be put oldest first. */
interface Series {
  points: { timestamp: number; value: number }[];
  failed?: string;
}

/**
 * {@link AlarmReader} over CloudWatch: DescribeAlarms for the alarms still in ALARM, then
 * GetMetricData for fresh datapoints (their StateReasonData is frozen at the last transition).
 *
 * Anomaly-detection alarms (a `ThresholdMetricId` band, no `Threshold`) and PromQL alarms are
 * **omitted** from the result and reported through `onWarning`: step bounds are offsets from a
 * static threshold, which they do not have. A series CloudWatch answers with `Forbidden` or
 * `InternalError` is returned as `datapoints: []` (so the engine refuses to scale) and reported too.
 * AWS errors (throttling after retries, permissions) are rethrown unchanged: the tick fails.
 */
export class CloudWatchAlarms implements AlarmReader {
  constructor(
    private readonly client: CloudWatchClient,
    private readonly options: CloudWatchAlarmsOptions = {},
  ) {}

  async alarmsInAlarm(alarmNames: readonly string[], now: number): Promise<AlarmEvaluation[]> {
    const alarms = await this.describeInAlarm(alarmNames);
    const plans = alarms.flatMap((alarm, index) => {
      const plan = planFor(alarm, `a${index}`, now);
      if (typeof plan === 'string') {
        this.options.onWarning?.({ alarmName: alarm.AlarmName ?? '', reason: plan });
        return [];
      }
      return [plan];
    });
    const datapoints = new Map<AlarmPlan, number[]>();
    // One request after another: a tick covers few alarms, and this stays clear of the
    // GetMetricData TPS quota that parallel calls from many warm containers would strain.
    for (const batch of toBatches(plans)) {
      const results = await this.getMetricData(batch);
      for (const plan of batch) datapoints.set(plan, this.valuesOf(plan, results.get(plan.seriesId)));
    }
    return plans.map((plan) => ({
      alarmName: plan.alarmName,
      // Always set by DescribeAlarms; `now` if not, so a missing stamp never reads as stale.
      stateTimestamp: plan.alarm.StateUpdatedTimestamp?.getTime() ?? now,
      threshold: plan.threshold,
      datapoints: datapoints.get(plan) ?? [],
    }));
  }

  /** The series' values oldest first, capped at the evaluation periods; none if CloudWatch failed it. */
  private valuesOf(plan: AlarmPlan, series: Series | undefined): number[] {
    if (series?.failed !== undefined) {
      this.options.onWarning?.({ alarmName: plan.alarmName, reason: series.failed });
      return [];
    }
    return (series?.points ?? [])
      .sort((a, b) => a.timestamp - b.timestamp)
      .map((point) => point.value)
      .slice(-plan.evaluationPeriods);
  }

  private async describeInAlarm(alarmNames: readonly string[]): Promise<MetricAlarm[]> {
    // Composite alarms have no metric to re-measure; scaling.yml links metric alarms only.
    const { metricAlarms } = await describeAlarmsNamed(this.client, alarmNames, {
      StateValue: 'ALARM',
      AlarmTypes: ['MetricAlarm'],
    });
    return metricAlarms.filter((alarm) => alarm.StateValue === 'ALARM');
  }

  /** One GetMetricData call (and its pages) for plans sharing one window: the window is per call. */
  private async getMetricData(batch: readonly AlarmPlan[]): Promise<Map<string, Series>> {
    const results = new Map<string, Series>();
    const window = batch[0]?.window ?? { startTime: 0, endTime: 0 };
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new GetMetricDataCommand({
          MetricDataQueries: batch.flatMap((plan) => plan.queries),
          StartTime: new Date(window.startTime),
          EndTime: new Date(window.endTime),
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
        }),
      );
      // A series longer than one page continues under the same Id on the next page (PartialData).
      for (const result of page.MetricDataResults ?? []) {
        const id = result.Id ?? '';
        const series = results.get(id) ?? { points: [] };
        const values = result.Values ?? [];
        (result.Timestamps ?? []).forEach((timestamp, i) => {
          const value = values[i];
          if (value !== undefined) series.points.push({ timestamp: timestamp.getTime(), value });
        });
        if (result.StatusCode === 'Forbidden' || result.StatusCode === 'InternalError') {
          series.failed = `GetMetricData answered ${result.StatusCode} for the alarm's metric`;
        }
        results.set(id, series);
      }
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
    return results;
  }
}
