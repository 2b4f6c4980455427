/**
 * CloudWatch's metric operations over the simulated metric store: PutMetricData to publish (what
 * makes a `scaler local` alarm move on the wall clock), GetMetricData as the tick reads it, and
 * GetMetricStatistics as the AWS CLI reads it. Visibility and statistics are the simulator's.
 *
 * One deliberate difference from CloudWatch: PutMetricData accepts namespaces starting with `AWS/`
 * (CloudWatch keeps those for AWS services), so a user can stand in for SageMaker and publish
 * `AWS/SageMaker` InvocationsPerInstance, which the scaling.yml alarms watch.
 */
import type { SimulatedMetricId } from '../../sim/cloudwatch/simulated-metrics.ts';
import type { EmulatorBackend } from './backend.ts';
import { dimensionsOf, invalidParameter } from './cloudwatch-shapes.ts';
import {
  AwsWireError,
  epochSeconds,
  fromEpochSeconds,
  listOf,
  requiredNumber,
  requiredString,
} from './wire.ts';

type Input = Record<string, unknown>;

/** PutMetricData: up to two weeks before now, two hours after (API reference, MetricDatum.Timestamp). */
const PAST_LIMIT_MS = 14 * 86_400_000;
const FUTURE_LIMIT_MS = 2 * 3_600_000;
/** PutMetricData: at most 1000 metrics per request; GetMetricStatistics: at most 1440 datapoints. */
const MAX_METRIC_DATA = 1_000;
const MAX_DATAPOINTS = 1_440;
/** CloudWatch's range for a value: ±2^360; NaN and infinities are refused. */
const VALUE_LIMIT = 2 ** 360;
const STATISTICS: readonly string[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
const DAY_MS = 86_400_000;

/**
 * Whether CloudWatch still answers a query starting at `startTime` at this period: one-minute
 * data points are kept 15 days and five-minute ones 63, so a StartTime older than that needs a
 * period of whole five minutes (whole hours past 63 days), "or no data points in that time range
 * is returned" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricStat.html,
 * Period). The emulator keeps every minute; this is what makes it answer as CloudWatch does.
 */
export function keptAtPeriod(periodSeconds: number, startTime: number, now: number): boolean {
  const age = now - startTime;
  if (age > 63 * DAY_MS) return periodSeconds % 3600 === 0;
  if (age > 15 * DAY_MS) return periodSeconds % 300 === 0;
  return true;
}

function combination(message: string): AwsWireError {
  return new AwsWireError(
    'InvalidParameterCombinationException',
    message,
    400,
    'InvalidParameterCombination',
  );
}

function missing(field: string): AwsWireError {
  return new AwsWireError(
    'MissingRequiredParameterException',
    `The parameter ${field} is required.`,
    400,
    'MissingParameter',
  );
}

function checkedValue(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > VALUE_LIMIT) {
    throw invalidParameter(
      `The value ${String(value)} for parameter ${field} is invalid: a finite number within ±2^360`,
    );
  }
  return value;
}

/** What one MetricDatum adds to its minute: the Value, the StatisticValues' Sum, or Σ value × count. */
function datumSum(datum: Input, index: number): number {
  const where = `MetricData.member.${index + 1}`;
  const kinds = ['Value', 'StatisticValues', 'Values'].filter((kind) => datum[kind] !== undefined);
  if (kinds.length !== 1) {
    throw combination(
      `${where}: give exactly one of Value, StatisticValues or Values (found ${kinds.join(', ') || 'none'})`,
    );
  }
  if (datum.Value !== undefined) return checkedValue(datum.Value, `${where}.Value`);
  if (datum.StatisticValues !== undefined) {
    const set = datum.StatisticValues as Input;
    return checkedValue(set.Sum, `${where}.StatisticValues.Sum`);
  }
  const values = listOf(datum, 'Values');
  const counts = datum.Counts === undefined ? values.map(() => 1) : listOf(datum, 'Counts');
  if (counts.length !== values.length)
    throw combination(`${where}: Values and Counts must have the same length`);
  return values.reduce(
    (sum: number, value, i) =>
      sum + checkedValue(value, `${where}.Values`) * checkedValue(counts[i], `${where}.Counts`),
    0,
  );
}

/** The CloudWatch metric operations, by name. */
export class CloudWatchMetricsApi {
  constructor(private readonly backend: () => EmulatorBackend) {}

  readonly operations: Record<string, (input: Input) => Promise<unknown>> = {
    PutMetricData: async (input) => this.putMetricData(input),
    GetMetricData: async (input) => this.getMetricData(input),
    GetMetricStatistics: async (input) => this.getMetricStatistics(input),
  };

  /** Validates the whole request first: a refused request publishes nothing. */
  private putMetricData(input: Input): unknown {
    const backend = this.backend();
    const now = backend.now();
    const namespace = requiredString(input, 'Namespace');
    const data = listOf(input, 'MetricData');
    if (data.length === 0) throw missing('MetricData');
    if (data.length > MAX_METRIC_DATA)
      throw invalidParameter(`MetricData: at most ${MAX_METRIC_DATA} items, found ${data.length}`);
    const writes = data.map((datum, index) => {
      const time = datum.Timestamp === undefined ? now : fromEpochSeconds(datum.Timestamp, 'Timestamp');
      if (time < now - PAST_LIMIT_MS || time > now + FUTURE_LIMIT_MS) {
        throw invalidParameter(
          `The parameter MetricData.member.${index + 1}.Timestamp must specify a time no more than two weeks in the past and no more than two hours in the future (found ${new Date(time).toISOString()})`,
        );
      }
      const metric: SimulatedMetricId = {
        namespace,
        metricName: requiredString(datum, 'MetricName'),
        dimensions: dimensionsOf(datum),
      };
      return { metric, time, value: datumSum(datum, index) };
    });
    for (const { metric, time, value } of writes) {
      if (!backend.cloudWatch.metrics.addDatapoint(metric, time, value)) {
        throw invalidParameter(
          `the local emulator keeps metrics from its start: ${new Date(time).toISOString()} is outside`,
        );
      }
    }
    return {};
  }

  private getMetricStatistics(input: Input): unknown {
    const backend = this.backend();
    const now = backend.now();
    const metricName = requiredString(input, 'MetricName');
    const startTime = fromEpochSeconds(input.StartTime, 'StartTime');
    const endTime = fromEpochSeconds(input.EndTime, 'EndTime');
    const period = this.period(requiredNumber(input, 'Period'), 'GetMetricStatistics');
    if (input.ExtendedStatistics !== undefined) {
      throw invalidParameter(
        'the local emulator answers Statistics, not ExtendedStatistics (percentiles): use GetMetricData',
      );
    }
    const statistics = (input.Statistics as string[] | undefined) ?? [];
    if (statistics.length === 0) throw missing('Statistics');
    const unknown = statistics.filter((statistic) => !STATISTICS.includes(statistic));
    if (unknown.length > 0)
      throw invalidParameter(`Statistics: expected ${STATISTICS.join(', ')}, found ${unknown.join(', ')}`);
    if (endTime <= startTime)
      throw invalidParameter('The parameter StartTime must be less than the parameter EndTime.');
    if ((endTime - startTime) / (period * 1000) > MAX_DATAPOINTS) {
      throw combination(
        `You have requested up to ${Math.ceil((endTime - startTime) / (period * 1000))} datapoints, which exceeds the limit of ${MAX_DATAPOINTS}.`,
      );
    }
    const metric = {
      namespace: requiredString(input, 'Namespace'),
      metricName,
      dimensions: dimensionsOf(input),
    };
    const byTime = new Map<number, Input>();
    if (!keptAtPeriod(period, startTime, now)) return { Label: metricName, Datapoints: [] };
    for (const statistic of statistics) {
      const data = backend.cloudWatch.metrics.getMetricData(
        { metric, statistic, period, startTime, endTime },
        now,
      );
      data.timestamps.forEach((timestamp, i) => {
        const point = byTime.get(timestamp) ?? {
          Timestamp: epochSeconds(timestamp),
          Unit: (input.Unit as string | undefined) ?? 'None',
        };
        point[statistic] = data.values[i];
        byTime.set(timestamp, point);
      });
    }
    return { Label: metricName, Datapoints: [...byTime.values()] };
  }

  private getMetricData(input: Input): unknown {
    const backend = this.backend();
    const now = backend.now();
    const startTime = fromEpochSeconds(input.StartTime, 'StartTime');
    const endTime = fromEpochSeconds(input.EndTime, 'EndTime');
    const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
    try {
      return {
        MetricDataResults: this.queryResults(input, startTime, endTime, now, descending),
        Messages: [],
      };
    } catch (error) {
      // An unknown statistic, from the simulator's own statistic rules.
      if (error instanceof RangeError) throw invalidParameter(error.message);
      throw error;
    }
  }

  private period(period: number, what: string): number {
    if (period % 60 !== 0 || period <= 0) {
      throw invalidParameter(
        `${what}: the local emulator stores one-minute datapoints; Period must be a multiple of 60 (found ${period})`,
      );
    }
    return period;
  }

  private queryResults(input: Input, startTime: number, endTime: number, now: number, descending: boolean) {
    const backend = this.backend();
    return listOf(input, 'MetricDataQueries')
      .filter((query) => query.ReturnData !== false)
      .map((query) => {
        const id = requiredString(query, 'Id');
        const stat = query.MetricStat as Input | undefined;
        if (stat === undefined) {
          throw invalidParameter(
            `query ${id}: the local emulator answers MetricStat queries only; it does not evaluate metric math (Expression ${JSON.stringify(query.Expression)})`,
          );
        }
        const metric = (stat.Metric ?? {}) as Input;
        const period = this.period(requiredNumber(stat, 'Period'), `query ${id}`);
        const label = (query.Label as string | undefined) ?? (metric.MetricName as string);
        const data = backend.cloudWatch.metrics.getMetricData(
          {
            metric: {
              namespace: requiredString(metric, 'Namespace'),
              metricName: requiredString(metric, 'MetricName'),
              dimensions: dimensionsOf(metric),
            },
            statistic: requiredString(stat, 'Stat'),
            period,
            startTime,
            endTime,
          },
          now,
        );
        const kept = keptAtPeriod(period, startTime, now);
        const timestamps = kept ? data.timestamps.map(epochSeconds) : [];
        const values = kept ? data.values : [];
        if (descending) {
          timestamps.reverse();
          values.reverse();
        }
        return {
          Id: id,
          Label: label,
          Timestamps: timestamps,
          Values: values,
          StatusCode: 'Complete',
        };
      });
  }
}
