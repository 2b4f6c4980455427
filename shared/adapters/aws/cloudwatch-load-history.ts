/**
 * {@link LoadHistoryReader} over CloudWatch: the variant's `AWS/SageMaker` `Invocations`, Sum per
 * period (or a predictive policy's customized load metric), read with GetMetricData. The period is the finest CloudWatch still keeps for the start
 * of the window (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html:
 * one-minute data points for 15 days, five-minute ones for 63 days, hourly ones for 455 days;
 * MetricStat.Period must be a multiple of those beyond 3 hours), so a 14-day window read when it
 * ends reads minutes.
 *
 * CloudWatch returns only the periods that have a data point. From the first one on, a period
 * without one counts as 0 requests: an endpoint publishes nothing for a minute nobody invoked
 * it, and reading that as "no data" would fill quiet nights with daytime traffic. Before the
 * first data point there is no history, so the 24-hour rule counts from it.
 */
import { type CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { LoadHistory, LoadPoint } from '../../domain/forecast/index.ts';
import type { LoadHistoryReader, LoadMetric, LoadTarget } from '../../ports/load-history.ts';

const MINUTE = 60_000;

/** The variant's own load: SageMaker's Invocations, summed per period. */
const INVOCATIONS: LoadMetric = { namespace: 'AWS/SageMaker', metricName: 'Invocations', statistic: 'Sum' };
const DAY = 24 * 60 * MINUTE;

/** CloudWatch answered a query with an error status instead of data. */
export class LoadHistoryReadError extends Error {
  override readonly name = 'LoadHistoryReadError';
}

/** The finest period (seconds) CloudWatch keeps for data that old. */
export function periodFor(from: number, now: number): number {
  const age = now - from;
  if (age <= 15 * DAY) return 60;
  if (age <= 63 * DAY) return 300;
  return 3600;
}

export class CloudWatchLoadHistory implements LoadHistoryReader {
  constructor(
    private readonly client: CloudWatchClient,
    /** The clock, for choosing the period CloudWatch still keeps. */
    private readonly now: () => number = Date.now,
  ) {}

  async readLoadHistory(target: LoadTarget, window: { from: number; to: number }): Promise<LoadHistory> {
    const period = periodFor(window.from, this.now());
    const metric = target.metric ?? INVOCATIONS;
    const periodMs = period * 1000;
    const sums = new Map<number, number>();
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new GetMetricDataCommand({
          MetricDataQueries: [
            {
              Id: 'invocations',
              MetricStat: {
                Metric: {
                  Namespace: metric.namespace,
                  MetricName: metric.metricName,
                  Dimensions: Object.entries(
                    metric.dimensions ?? {
                      EndpointName: target.endpointName,
                      VariantName: target.variantName,
                    },
                  ).map(([Name, Value]) => ({ Name, Value })),
                },
                Period: period,
                Stat: metric.statistic,
              },
              ReturnData: true,
            },
          ],
          StartTime: new Date(window.from),
          EndTime: new Date(window.to),
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
        }),
      );
      for (const result of page.MetricDataResults ?? []) {
        if (result.StatusCode === 'Forbidden' || result.StatusCode === 'InternalError') {
          const detail = (result.Messages ?? []).map((message) => message.Value).join('; ');
          throw new LoadHistoryReadError(
            `GetMetricData answered ${result.StatusCode} for the ${metric.metricName} of ${target.endpointName}/${target.variantName}${detail ? `: ${detail}` : ''}`,
          );
        }
        const values = result.Values ?? [];
        (result.Timestamps ?? []).forEach((timestamp, i) => {
          const value = values[i];
          if (value !== undefined) sums.set(timestamp.getTime(), value);
        });
      }
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
    return { periodMs, points: withQuietPeriods(sums, periodMs, window.to) };
  }
}

/** Every period from the first data point to the window's end: the data points, and 0 between them. */
function withQuietPeriods(sums: Map<number, number>, periodMs: number, end: number): LoadPoint[] {
  if (sums.size === 0) return [];
  const first = Math.min(...sums.keys());
  const points: LoadPoint[] = [];
  for (let time = first; time < end; time += periodMs) points.push({ time, requests: sums.get(time) ?? 0 });
  return points;
}
