import {
  CloudWatchClient,
  GetMetricDataCommand,
  type MetricAlarm,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import type { AlarmEvaluation, AlarmReader } from '../../ports/alarm-reader.ts';
import { describeAlarmsNamed } from './describe-alarms.ts';

export interface CloudWatchAlarmsOptions {
  /** Told (for the wiring to log) of alarms left out (no static threshold) or measured as empty. */
  onWarning?: (warning: { alarmName: string; reason: string }) => void;
}

/** GetMetricData takes at most 500 MetricDataQueries per call. */
const GET_METRIC_DATA_BATCH = 500;
const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Builds the CloudWatch client, once per cold start, to inject into {@link CloudWatchAlarms}.
 * Throttling is retried with backoff (adaptive mode); when attempts run out the tick fails and the
 * next one-minute tick tries again.
 */
export function createCloudWatchClient(options?: { maxAttempts?: number }): CloudWatchClient {
  return new CloudWatchClient({
    retryMode: 'adaptive',
    maxAttempts: options?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
}

/** How to measure one alarm: its queries, its window [start, end), and which query Id is its series. */
interface AlarmPlan {
  alarm: MetricAlarm;
  alarmName: string;
  threshold: number;
  evaluationPeriods: number;
  window: { startTime: number; endTime: number };
  queries: MetricDataQuery[];
  seriesId: string;
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

/** The alarm's measuring plan, or why it cannot have one. */
function planFor(alarm: MetricAlarm, id: string, now: number): AlarmPlan | string {
  if (alarm.EvaluationCriteria !== undefined) return 'PromQL alarm: no CloudWatch metric to query';
  if (alarm.ThresholdMetricId !== undefined || alarm.Threshold === undefined) {
    return 'anomaly-detection alarm: no static threshold to measure step bounds from';
  }
  const evaluationPeriods = alarm.EvaluationPeriods;
  if (evaluationPeriods === undefined || evaluationPeriods < 1) return 'alarm has no EvaluationPeriods';
  const math = alarm.Metrics;
  const queries = math ?? [singleMetricQuery(alarm, id)].filter((query) => query !== undefined);
  const series = math === undefined ? queries[0] : math.find((query) => query.ReturnData === true);
  // A metric-math alarm has no top-level Period: its inputs carry theirs.
  const period =
    alarm.Period ?? Math.max(0, ...queries.map((query) => query.MetricStat?.Period ?? query.Period ?? 0));
  if (series?.Id === undefined || period <= 0) return 'alarm has no metric, statistic or period to query';
  // EndTime is exclusive and datapoints are stamped with their period's start: ending on the last
  // period boundary keeps the still-filling period (a partial Sum or SampleCount) out of the series.
  const periodMs = period * 1000;
  const endTime = Math.floor(now / periodMs) * periodMs;
  const window = { startTime: endTime - evaluationPeriods * periodMs, endTime };
  const { Threshold: threshold, AlarmName: alarmName = '' } = alarm;
  return { alarm, alarmName, threshold, evaluationPeriods, window, queries, seriesId: series.Id };
}

function singleMetricQuery(alarm: MetricAlarm, id: string): MetricDataQuery | undefined {
  // Percentile alarms (p99, tm90, ...) carry ExtendedStatistic instead of Statistic.
  const stat = alarm.Statistic ?? alarm.ExtendedStatistic;
  if (alarm.Namespace === undefined || alarm.MetricName === undefined || stat === undefined) return undefined;
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: alarm.Namespace,
        MetricName: alarm.MetricName,
        Dimensions: alarm.Dimensions ?? [],
      },
      Period: alarm.Period,
      Stat: stat,
      // The alarm's Unit filters which datapoints it sees; the same filter keeps the series equal.
      ...(alarm.Unit === undefined ? {} : { Unit: alarm.Unit }),
    },
    ReturnData: true,
  };
}

/**
 * Groups plans into GetMetricData calls. Single-metric alarms with the same window share calls of
 * up to 500 queries. Each metric-math alarm gets a call of its own, with its Ids as written: in one
 * shared request `METRICS()` would see every other alarm's metrics and the expressions would have
 * to be rewritten to follow renamed Ids. Metric math is rare among scaling alarms; calls are cheap.
 */
function toBatches(plans: readonly AlarmPlan[]): AlarmPlan[][] {
  const batches: AlarmPlan[][] = [];
  const open = new Map<string, AlarmPlan[]>();
  for (const plan of plans) {
    if (plan.alarm.Metrics !== undefined) {
      batches.push([plan]);
      continue;
    }
    const key = `${plan.window.startTime}:${plan.window.endTime}`;
    let batch = open.get(key);
    if (batch === undefined || batch.length >= GET_METRIC_DATA_BATCH) {
      batch = [];
      open.set(key, batch);
      batches.push(batch);
    }
    batch.push(plan);
  }
  return batches;
}
