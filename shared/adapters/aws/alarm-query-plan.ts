/**
 * How an alarm is re-measured: the GetMetricData queries that reproduce its series, the window of
 * its evaluation periods, and how alarms' queries are grouped into calls. Pure: it sends nothing.
 */
import type { MetricAlarm, MetricDataQuery } from '@aws-sdk/client-cloudwatch';

/** GetMetricData takes at most 500 MetricDataQueries per call. */
const GET_METRIC_DATA_BATCH = 500;

/** How to measure one alarm: its queries, its window [start, end), and which query Id is its series. */
export interface AlarmPlan {
  alarm: MetricAlarm;
  alarmName: string;
  threshold: number;
  evaluationPeriods: number;
  window: { startTime: number; endTime: number };
  queries: MetricDataQuery[];
  seriesId: string;
}

/** The alarm's measuring plan, or why it cannot have one. */
export function planFor(alarm: MetricAlarm, id: string, now: number): AlarmPlan | string {
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
export function toBatches(plans: readonly AlarmPlan[]): AlarmPlan[][] {
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
