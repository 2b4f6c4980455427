import {
  CloudWatchClient,
  CloudWatchServiceException,
  DescribeAlarmsCommand,
  type DescribeAlarmsCommandInput,
  type DescribeAlarmsCommandOutput,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type GetMetricDataCommandOutput,
  type MetricAlarm,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CloudWatchAlarms,
  createCloudWatchClient,
} from '../../../../shared/adapters/aws/cloudwatch-alarms.ts';

const NOW = Date.parse('2025-03-03T10:07:30.000Z');
const STATE_UPDATED = new Date('2025-03-03T10:05:12.345Z');
const DIMENSIONS = [
  { Name: 'EndpointName', Value: 'reco-prod' },
  { Name: 'VariantName', Value: 'AllTraffic' },
];
const client = new CloudWatchClient({ region: 'eu-west-1' });
const cloudwatch = mockClient(client);
const metadata = { httpStatusCode: 200, requestId: 'c0ffee00-0000-4000-8000-000000000010', attempts: 1 };

/** A single-metric alarm as DescribeAlarms returns it. */
function metricAlarm(overrides: Partial<MetricAlarm> = {}): MetricAlarm {
  const name = overrides.AlarmName ?? 'reco-prod-invocations-high';
  return {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${name}`,
    AlarmDescription: 'Scale reco-prod out on invocations per instance',
    AlarmConfigurationUpdatedTimestamp: new Date('2025-03-01T09:00:00.000Z'),
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [],
    InsufficientDataActions: [],
    StateValue: 'ALARM',
    StateReason:
      'Threshold Crossed: 3 out of the last 3 datapoints [1250.0 (03/03/25 10:04:00), 1180.0 (03/03/25 10:03:00), 1105.0 (03/03/25 10:02:00)] were greater than the threshold (1000.0) (minimum 3 datapoints for OK -> ALARM transition).',
    StateReasonData: JSON.stringify({
      version: '1.0',
      queryDate: '2025-03-03T10:05:12.339+0000',
      startDate: '2025-03-03T10:02:00.000+0000',
      statistic: 'Average',
      period: 60,
      recentDatapoints: [1105.0, 1180.0, 1250.0],
      threshold: 1000.0,
      evaluatedDatapoints: [
        { timestamp: '2025-03-03T10:04:00.000+0000', sampleCount: 4.0, value: 1250.0 },
        { timestamp: '2025-03-03T10:03:00.000+0000', sampleCount: 4.0, value: 1180.0 },
        { timestamp: '2025-03-03T10:02:00.000+0000', sampleCount: 4.0, value: 1105.0 },
      ],
    }),
    StateUpdatedTimestamp: STATE_UPDATED,
    StateTransitionedTimestamp: STATE_UPDATED,
    MetricName: 'InvocationsPerInstance',
    Namespace: 'AWS/SageMaker',
    Statistic: 'Average',
    Dimensions: DIMENSIONS,
    Period: 60,
    EvaluationPeriods: 3,
    DatapointsToAlarm: 3,
    Threshold: 1000,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'missing',
    ...overrides,
  };
}

function invocationStat(metricName: string): MetricDataQuery['MetricStat'] {
  return {
    Metric: { Namespace: 'AWS/SageMaker', MetricName: metricName, Dimensions: DIMENSIONS },
    Period: 60,
    Stat: 'Sum',
  };
}

const ERROR_RATE_QUERIES: MetricDataQuery[] = [
  { Id: 'errors', MetricStat: invocationStat('Invocation5XXErrors'), ReturnData: false },
  { Id: 'invocations', MetricStat: invocationStat('Invocations'), ReturnData: false },
  { Id: 'error_rate', Expression: '100 * errors / invocations', Label: 'Error rate (%)', ReturnData: true },
];

/** A metric-math alarm: no top-level metric, statistic or period; `Metrics` instead. */
function mathAlarm(overrides: Partial<MetricAlarm> = {}): MetricAlarm {
  return {
    ...metricAlarm({ AlarmName: 'reco-prod-error-rate-high', Threshold: 5 }),
    MetricName: undefined,
    Namespace: undefined,
    Statistic: undefined,
    Dimensions: [],
    Period: undefined,
    Metrics: ERROR_RATE_QUERIES,
    ...overrides,
  };
}

function alarmsPage(alarms: MetricAlarm[], NextToken?: string): DescribeAlarmsCommandOutput {
  return { $metadata: metadata, CompositeAlarms: [], MetricAlarms: alarms, NextToken };
}

function series(Id: string, points: [string, number][], StatusCode = 'Complete'): MetricDataResult {
  return {
    Id,
    Label: Id,
    Timestamps: points.map(([at]) => new Date(at)),
    Values: points.map(([, value]) => value),
    StatusCode: StatusCode as MetricDataResult['StatusCode'],
  };
}

function dataPage(results: MetricDataResult[], NextToken?: string): GetMetricDataCommandOutput {
  return { $metadata: metadata, MetricDataResults: results, Messages: [], NextToken };
}

const alarms = (onWarning?: (warning: { alarmName: string; reason: string }) => void) =>
  new CloudWatchAlarms(client, { onWarning });

beforeEach(() => {
  cloudwatch.reset();
});

describe('CloudWatchAlarms.alarmsInAlarm: finding the alarms', () => {
  it('asks only for the given metric alarms in ALARM and keeps only those names in ALARM', async () => {
    cloudwatch
      .on(DescribeAlarmsCommand)
      .resolves(
        alarmsPage([
          metricAlarm(),
          metricAlarm({ AlarmName: 'someone-elses-alarm' }),
          metricAlarm({ AlarmName: 'reco-prod-latency-high', StateValue: 'OK' }),
        ]),
      );
    cloudwatch.on(GetMetricDataCommand).resolves(dataPage([series('a0', [['2025-03-03T10:06:00Z', 1200]])]));

    const found = await alarms().alarmsInAlarm(['reco-prod-invocations-high', 'reco-prod-latency-high'], NOW);

    expect(found).toEqual([
      {
        alarmName: 'reco-prod-invocations-high',
        stateTimestamp: STATE_UPDATED.getTime(),
        threshold: 1000,
        datapoints: [1200],
      },
    ]);
    expect(cloudwatch).toHaveReceivedCommandExactlyOnceWith(DescribeAlarmsCommand, {
      AlarmNames: ['reco-prod-invocations-high', 'reco-prod-latency-high'],
      StateValue: 'ALARM',
      AlarmTypes: ['MetricAlarm'],
    });
  });

  it('calls nothing when no alarm name is given', async () => {
    expect(await alarms().alarmsInAlarm([], NOW)).toEqual([]);
    expect(cloudwatch).not.toHaveReceivedAnyCommand();
  });

  it('asks DescribeAlarms for at most 100 names per call', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `alarm-${i}`);
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarmsPage([]));

    await alarms().alarmsInAlarm(names, NOW);

    expect(cloudwatch).toHaveReceivedCommandTimes(DescribeAlarmsCommand, 2);
    expect(cloudwatch).toHaveReceivedNthCommandWith(DescribeAlarmsCommand, 1, {
      AlarmNames: names.slice(0, 100),
    });
    expect(cloudwatch).toHaveReceivedNthCommandWith(DescribeAlarmsCommand, 2, {
      AlarmNames: names.slice(100),
    });
  });

  it('follows NextToken through DescribeAlarms pages', async () => {
    cloudwatch
      .on(DescribeAlarmsCommand)
      .resolvesOnce(alarmsPage([metricAlarm({ AlarmName: 'first' })], 'page-2-token'))
      .resolvesOnce(alarmsPage([metricAlarm({ AlarmName: 'second' })]));
    cloudwatch.on(GetMetricDataCommand).resolves(dataPage([]));

    const found = await alarms().alarmsInAlarm(['first', 'second'], NOW);

    expect(found.map((alarm) => alarm.alarmName)).toEqual(['first', 'second']);
    expect(cloudwatch).toHaveReceivedNthCommandWith(DescribeAlarmsCommand, 2, { NextToken: 'page-2-token' });
  });

  it('leaves out an anomaly-detection alarm, which has no static threshold, and reports why', async () => {
    const anomaly = mathAlarm({
      AlarmName: 'reco-prod-invocations-anomaly',
      Threshold: undefined,
      ThresholdMetricId: 'band',
      ComparisonOperator: 'GreaterThanUpperThreshold',
      Metrics: [
        { Id: 'm1', MetricStat: invocationStat('Invocations'), ReturnData: true },
        {
          Id: 'band',
          Expression: 'ANOMALY_DETECTION_BAND(m1, 2)',
          Label: 'Invocations (expected)',
          ReturnData: true,
        },
      ],
    });
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarmsPage([anomaly]));
    const onWarning = vi.fn();

    const found = await alarms(onWarning).alarmsInAlarm(['reco-prod-invocations-anomaly'], NOW);

    expect(found).toEqual([]);
    expect(onWarning).toHaveBeenCalledWith({
      alarmName: 'reco-prod-invocations-anomaly',
      reason: expect.stringMatching(/anomaly-detection alarm: no static threshold/),
    });
    expect(cloudwatch).not.toHaveReceivedCommand(GetMetricDataCommand);
  });

  it('rethrows a DescribeAlarms failure unchanged, so the tick fails', async () => {
    const throttled = new CloudWatchServiceException({
      name: 'Throttling',
      message: 'Rate exceeded',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    cloudwatch.on(DescribeAlarmsCommand).rejects(throttled);

    await expect(alarms().alarmsInAlarm(['reco-prod-invocations-high'], NOW)).rejects.toBe(throttled);
  });
});

describe('CloudWatchAlarms.alarmsInAlarm: measuring them afresh', () => {
  it('queries the last EvaluationPeriods × Period, ending on the period boundary before now', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarmsPage([metricAlarm()]));
    cloudwatch.on(GetMetricDataCommand).resolves(dataPage([]));

    await alarms().alarmsInAlarm(['reco-prod-invocations-high'], NOW);

    expect(cloudwatch).toHaveReceivedCommandExactlyOnceWith(GetMetricDataCommand, {
      StartTime: new Date('2025-03-03T10:04:00.000Z'),
      EndTime: new Date('2025-03-03T10:07:00.000Z'),
      ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        {
          Id: 'a0',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/SageMaker',
              MetricName: 'InvocationsPerInstance',
              Dimensions: DIMENSIONS,
            },
            Period: 60,
            Stat: 'Average',
          },
          ReturnData: true,
        },
      ],
    });
  });

  it('uses the ExtendedStatistic of a percentile alarm as its stat and keeps its Unit', async () => {
    const latency = metricAlarm({
      AlarmName: 'reco-prod-latency-p99',
      MetricName: 'ModelLatency',
      Statistic: undefined,
      ExtendedStatistic: 'p99',
      Unit: 'Microseconds',
    });
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarmsPage([latency]));
    cloudwatch.on(GetMetricDataCommand).resolves(dataPage([]));

    await alarms().alarmsInAlarm(['reco-prod-latency-p99'], NOW);

    const query = cloudwatch.commandCalls(GetMetricDataCommand)[0]?.args[0].input.MetricDataQueries?.[0];
    expect(query?.MetricStat).toMatchObject({ Stat: 'p99', Unit: 'Microseconds' });
  });

  it('returns the datapoints oldest first, at most EvaluationPeriods of them, across GetMetricData pages', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarmsPage([metricAlarm()]));
    cloudwatch
      .on(GetMetricDataCommand)
      .resolvesOnce(
        dataPage(
          [
            series(
              'a0',
              [
                ['2025-03-03T10:03:00Z', 900],
                ['2025-03-03T10:04:00Z', 1105],
              ],
              'PartialData',
            ),
          ],
          'next-page',
        ),
      )
      .resolvesOnce(
        dataPage([
          series('a0', [
            ['2025-03-03T10:05:00Z', 1180],
            ['2025-03-03T10:06:00Z', 1250],
          ]),
        ]),
      );

    const [found] = await alarms().alarmsInAlarm(['reco-prod-invocations-high'], NOW);

    expect(found?.datapoints).toEqual([1105, 1180, 1250]);
    expect(cloudwatch).toHaveReceivedNthCommandWith(GetMetricDataCommand, 2, { NextToken: 'next-page' });
  });

  it('returns no datapoints when the metric published none in the window', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarmsPage([metricAlarm()]));
    cloudwatch.on(GetMetricDataCommand).resolves(dataPage([series('a0', [])]));

    const [found] = await alarms().alarmsInAlarm(['reco-prod-invocations-high'], NOW);

    expect(found?.datapoints).toEqual([]);
  });

  it('returns no datapoints and reports it when GetMetricData answers Forbidden for the series', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarmsPage([metricAlarm()]));
    cloudwatch
      .on(GetMetricDataCommand)
      .resolves(dataPage([series('a0', [['2025-03-03T10:06:00Z', 1250]], 'Forbidden')]));
    const onWarning = vi.fn();

    const [found] = await alarms(onWarning).alarmsInAlarm(['reco-prod-invocations-high'], NOW);

    expect(found?.datapoints).toEqual([]);
    expect(onWarning).toHaveBeenCalledWith({
      alarmName: 'reco-prod-invocations-high',
      reason: expect.stringMatching(/Forbidden/),
    });
  });

  it('measures a metric-math alarm with its own queries in a call of its own and takes the ReturnData series', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarmsPage([metricAlarm(), mathAlarm()]));
    cloudwatch
      .on(GetMetricDataCommand)
      .resolvesOnce(dataPage([series('a0', [['2025-03-03T10:06:00Z', 1250]])]))
      .resolvesOnce(
        dataPage([
          series('error_rate', [
            ['2025-03-03T10:05:00Z', 6.5],
            ['2025-03-03T10:06:00Z', 8.25],
          ]),
        ]),
      );

    const found = await alarms().alarmsInAlarm(
      ['reco-prod-invocations-high', 'reco-prod-error-rate-high'],
      NOW,
    );

    expect(found).toEqual([
      expect.objectContaining({ alarmName: 'reco-prod-invocations-high', datapoints: [1250] }),
      expect.objectContaining({
        alarmName: 'reco-prod-error-rate-high',
        threshold: 5,
        datapoints: [6.5, 8.25],
      }),
    ]);
    // Same window as the single-metric alarm, yet a call of its own: METRICS() there would see a0.
    expect(cloudwatch).toHaveReceivedNthCommandWith(GetMetricDataCommand, 1, {
      MetricDataQueries: [expect.objectContaining({ Id: 'a0' })],
    });
    expect(cloudwatch).toHaveReceivedNthCommandWith(GetMetricDataCommand, 2, {
      // Three evaluation periods of the inputs' 60 s period: a math alarm has no top-level Period.
      StartTime: new Date('2025-03-03T10:04:00.000Z'),
      EndTime: new Date('2025-03-03T10:07:00.000Z'),
      MetricDataQueries: ERROR_RATE_QUERIES,
    });
  });

  it('measures alarms of different windows in separate calls', async () => {
    const slow = metricAlarm({ AlarmName: 'reco-prod-cpu-high', Period: 300, EvaluationPeriods: 2 });
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarmsPage([metricAlarm(), slow]));
    cloudwatch.on(GetMetricDataCommand).resolves(dataPage([]));

    await alarms().alarmsInAlarm(['reco-prod-invocations-high', 'reco-prod-cpu-high'], NOW);

    expect(cloudwatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(cloudwatch).toHaveReceivedNthCommandWith(GetMetricDataCommand, 2, {
      StartTime: new Date('2025-03-03T09:55:00.000Z'),
      EndTime: new Date('2025-03-03T10:05:00.000Z'),
    });
  });

  it('sends at most 500 queries per GetMetricData call and keeps each result with its alarm', async () => {
    const names = Array.from({ length: 501 }, (_, i) => `alarm-${i}`);
    cloudwatch
      .on(DescribeAlarmsCommand)
      .callsFake((input: DescribeAlarmsCommandInput) =>
        alarmsPage((input.AlarmNames ?? []).map((AlarmName) => metricAlarm({ AlarmName }))),
      );
    // Each alarm's series holds its own index, so a mix-up between batches would show.
    cloudwatch
      .on(GetMetricDataCommand)
      .callsFake((input: GetMetricDataCommandInput) =>
        dataPage(
          (input.MetricDataQueries ?? []).map(({ Id = '' }) =>
            series(Id, [['2025-03-03T10:06:00Z', Number(Id.slice(1))]]),
          ),
        ),
      );

    const found = await alarms().alarmsInAlarm(names, NOW);

    const batches = cloudwatch.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input);
    expect(batches.map((input) => input.MetricDataQueries?.length)).toEqual([500, 1]);
    expect(found).toHaveLength(501);
    expect(found[500]).toMatchObject({ alarmName: 'alarm-500', datapoints: [500] });
  });
});

describe('createCloudWatchClient', () => {
  it('retries with backoff up to 5 attempts by default, or as many as asked', async () => {
    expect(await createCloudWatchClient().config.maxAttempts()).toBe(5);
    expect(await createCloudWatchClient().config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(await createCloudWatchClient({ maxAttempts: 2 }).config.maxAttempts()).toBe(2);
  });
});
