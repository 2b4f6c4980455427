import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CloudWatchLoadHistory,
  LoadHistoryReadError,
  periodFor,
} from '../../../../shared/adapters/aws/cloudwatch-load-history.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = Date.parse('2025-03-03T10:00:00.000Z');
const TARGET = { endpointName: 'reco-prod', variantName: 'AllTraffic' };
const client = new CloudWatchClient({ region: 'eu-west-1' });
const cloudwatch = mockClient(client);
const metadata = { httpStatusCode: 200, requestId: 'c0ffee00-0000-4000-8000-000000000020', attempts: 1 };

beforeEach(() => cloudwatch.reset());

describe('CloudWatchLoadHistory', () => {
  it("reads the variant's Invocations, Sum per minute, for a window CloudWatch keeps at one minute", async () => {
    const from = NOW - 14 * DAY;
    cloudwatch.on(GetMetricDataCommand).resolves({
      $metadata: metadata,
      MetricDataResults: [
        {
          Id: 'invocations',
          StatusCode: 'Complete',
          Timestamps: [new Date(NOW - 3 * MINUTE), new Date(NOW - 2 * MINUTE)],
          Values: [120, 80],
        },
      ],
    });
    const history = await new CloudWatchLoadHistory(client, () => NOW).readLoadHistory(TARGET, {
      from,
      to: NOW,
    });
    expect(cloudwatch).toHaveReceivedCommandWith(GetMetricDataCommand, {
      MetricDataQueries: [
        {
          Id: 'invocations',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/SageMaker',
              MetricName: 'Invocations',
              Dimensions: [
                { Name: 'EndpointName', Value: 'reco-prod' },
                { Name: 'VariantName', Value: 'AllTraffic' },
              ],
            },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: true,
        },
      ],
      StartTime: new Date(from),
      EndTime: new Date(NOW),
      ScanBy: 'TimestampAscending',
    });
    // From the first data point on, a minute without one is a minute without invocations.
    expect(history).toEqual({
      periodMs: MINUTE,
      points: [
        { time: NOW - 3 * MINUTE, requests: 120 },
        { time: NOW - 2 * MINUTE, requests: 80 },
        { time: NOW - MINUTE, requests: 0 },
      ],
    });
  });

  it('counts the minutes between data points as quiet, and has no history before the first one', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({
      $metadata: metadata,
      MetricDataResults: [
        {
          Id: 'invocations',
          Timestamps: [new Date(NOW - 4 * MINUTE), new Date(NOW - MINUTE)],
          Values: [5, 7],
        },
      ],
    });
    const history = await new CloudWatchLoadHistory(client, () => NOW).readLoadHistory(TARGET, {
      from: NOW - DAY,
      to: NOW,
    });
    expect(history.points.map((point) => point.requests)).toEqual([5, 0, 0, 7]);
    expect(history.points[0]?.time).toBe(NOW - 4 * MINUTE);
  });

  it('follows NextToken across pages', async () => {
    cloudwatch
      .on(GetMetricDataCommand)
      .resolvesOnce({
        $metadata: metadata,
        MetricDataResults: [{ Id: 'invocations', Timestamps: [new Date(NOW - 2 * MINUTE)], Values: [3] }],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        $metadata: metadata,
        MetricDataResults: [{ Id: 'invocations', Timestamps: [new Date(NOW - MINUTE)], Values: [4] }],
      });
    const history = await new CloudWatchLoadHistory(client, () => NOW).readLoadHistory(TARGET, {
      from: NOW - DAY,
      to: NOW,
    });
    expect(cloudwatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(cloudwatch).toHaveReceivedNthCommandWith(GetMetricDataCommand, 2, { NextToken: 'page-2' });
    expect(history.points.map((point) => point.requests)).toEqual([3, 4]);
  });

  it('returns no points for a variant without data in the window', async () => {
    cloudwatch
      .on(GetMetricDataCommand)
      .resolves({ $metadata: metadata, MetricDataResults: [{ Id: 'invocations' }] });
    const history = await new CloudWatchLoadHistory(client, () => NOW).readLoadHistory(TARGET, {
      from: NOW - DAY,
      to: NOW,
    });
    expect(history).toEqual({ periodMs: MINUTE, points: [] });
  });

  it('asks for five-minute data past 15 days and hourly data past 63, as CloudWatch keeps them', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({ $metadata: metadata, MetricDataResults: [] });
    const reader = new CloudWatchLoadHistory(client, () => NOW);
    const old = await reader.readLoadHistory(TARGET, { from: NOW - 30 * DAY, to: NOW - 16 * DAY });
    expect(old.periodMs).toBe(5 * MINUTE);
    expect(cloudwatch).toHaveReceivedCommandWith(GetMetricDataCommand, {
      MetricDataQueries: [expect.objectContaining({ MetricStat: expect.objectContaining({ Period: 300 }) })],
    });
    expect(periodFor(NOW - 15 * DAY, NOW)).toBe(60);
    expect(periodFor(NOW - 63 * DAY, NOW)).toBe(300);
    expect(periodFor(NOW - 64 * DAY, NOW)).toBe(3600);
  });

  it('fails with a sentence when CloudWatch answers the query Forbidden', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({
      $metadata: metadata,
      MetricDataResults: [
        {
          Id: 'invocations',
          StatusCode: 'Forbidden',
          Messages: [{ Code: 'Forbidden', Value: 'no access to AWS/SageMaker' }],
        },
      ],
    });
    const read = new CloudWatchLoadHistory(client, () => NOW).readLoadHistory(TARGET, {
      from: NOW - DAY,
      to: NOW,
    });
    await expect(read).rejects.toThrow(LoadHistoryReadError);
    await expect(read).rejects.toThrow(
      'GetMetricData answered Forbidden for the Invocations of reco-prod/AllTraffic: no access to AWS/SageMaker',
    );
  });
});
