/**
 * The forecast function, the tick and the state on DynamoDB Local: a forecast stored with its
 * history window and creation time, or the reason there is none; the floor raised ahead of its
 * interval, never lowering capacity, deferred while the endpoint is Updating; ForecastOnly
 * recording once per interval and changing nothing. SageMaker and CloudWatch are mocked at the
 * SDK client; the load history is 14 days of a daily pattern, as GetMetricData would return it.
 */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CloudWatchAlarms, createCloudWatchClient } from '../../../shared/adapters/aws/cloudwatch-alarms.ts';
import { CloudWatchLoadHistory } from '../../../shared/adapters/aws/cloudwatch-load-history.ts';
import { parseConfigText } from '../../../shared/config/index.ts';
import { lambdaContext } from '../../../shared/local/lambda-context.ts';
import { createForecastRuntime } from '../../../shared/wiring/forecast-runtime.ts';
import { forecastHandler, type HandlerResult, tickHandler } from '../../../shared/wiring/handlers.ts';
import { createRuntime, withPorts } from '../../../shared/wiring/runtime.ts';
import { useDynamoDbLocal } from '../../support/dynamodb-local.ts';

const MINUTE = 60_000;

import { mockSageMakerEndpoint } from '../../support/sagemaker-mock.ts';

const dynamo = useDynamoDbLocal();
const DAY = 24 * 60 * MINUTE;
/** Thursday 26 November 2026, UTC: the forecast is made at 11:00. */
const AT = (hh: number, mm: number) => Date.UTC(2026, 10, 26, hh, mm);
const TARGET = 'endpoint/shop-ranker/variant/AllTraffic';

/** The load every day: 9,000 requests a minute before noon, 36,000 after. */
const perMinute = (time: number) => (new Date(time).getUTCHours() < 12 ? 9_000 : 36_000);

function configFor(mode: 'ForecastAndScale' | 'ForecastOnly') {
  return parseConfigText(
    `
targets:
  - endpointName: shop-ranker
    variantName: AllTraffic
    minCapacity: 2
    maxCapacity: 60
    predictivePolicies:
      - policyName: daily
        targetValue: 900
        predefinedLoadMetricSpecification: { predefinedMetricType: SageMakerVariantInvocations }
        mode: ${mode}
        schedulingBufferTime: 600
`,
    'predictive.yml',
  );
}

/** CloudWatch's Invocations for the window asked, one datapoint a minute from `since` on. */
function mockLoadHistory(since: number) {
  const cloudwatch = mockClient(CloudWatchClient);
  cloudwatch.on(GetMetricDataCommand).callsFake(async (input) => {
    const from = Math.max(input.StartTime.getTime(), since);
    const timestamps: Date[] = [];
    const values: number[] = [];
    for (let time = from; time < input.EndTime.getTime(); time += MINUTE) {
      timestamps.push(new Date(time));
      values.push(perMinute(time));
    }
    return {
      MetricDataResults: [
        { Id: 'invocations', StatusCode: 'Complete', Timestamps: timestamps, Values: values },
      ],
    };
  });
  return cloudwatch;
}

const mocks: { restore(): void }[] = [];
afterEach(() => {
  for (const mock of mocks.splice(0)) mock.restore();
});
afterAll(() => {
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
});

async function functions(mode: 'ForecastAndScale' | 'ForecastOnly', historySince: number, capacity: number) {
  const tableName = await dynamo.freshTable(`predictive-${mode}`);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.local.endpoint;
  const sagemaker = mockSageMakerEndpoint('shop-ranker', { AllTraffic: capacity });
  const cloudwatch = mockLoadHistory(historySince);
  mocks.push(sagemaker.mock, cloudwatch);
  const clock = { now: AT(11, 0) };
  const env = { ...process.env, SCALER_TABLE_NAME: tableName };
  const runtime = (service: string) => ({
    ...createRuntime(env, service, configFor(mode)),
    now: () => clock.now,
  });
  // The forecast function's own wiring: no SageMaker client, no endpoint lock.
  const forecast = forecastHandler(
    withPorts(
      { ...createForecastRuntime(env, configFor(mode)), now: () => clock.now },
      {
        loadHistory: new CloudWatchLoadHistory(createCloudWatchClient(), () => clock.now),
      },
    ),
  );
  const tickRuntime = withPorts(runtime('on-tick'), {
    alarms: new CloudWatchAlarms(createCloudWatchClient()),
  });
  const tick = tickHandler(tickRuntime);
  const run = async (handler: typeof tick, at: number) => {
    clock.now = at;
    return ((await handler({}, lambdaContext('sagemaker-scaler-test'))) as HandlerResult).outcomes;
  };
  return {
    sagemaker,
    forecastAt: (at: number) => run(forecast, at),
    tickAt: (at: number) => run(tick, at),
    stored: () => tickRuntime.ports.forecasts.loadForecasts(TARGET, ['daily']),
  };
}

describe('the forecast function and the predictive floor over DynamoDB Local', () => {
  it('stores a forecast with its history window and creation time, and records it', async () => {
    const world = await functions('ForecastAndScale', AT(11, 0) - 14 * DAY, 10);
    const outcomes = await world.forecastAt(AT(11, 0));
    expect(outcomes).toEqual([
      expect.objectContaining({
        targetKey: TARGET,
        action: 'none',
        status: 'Successful',
        reasonCode: 'ForecastUpdated',
        policyName: 'daily',
      }),
    ]);
    expect(outcomes[0]?.reason).toMatch(
      /^forecast for 48 h from 14 days of history \(336 hours with data\): peak 36,000\/min/,
    );
    const [forecast] = await world.stored();
    expect(forecast).toMatchObject({
      policyName: 'daily',
      createdAt: AT(11, 0),
      history: { from: AT(11, 0) - 14 * DAY, to: AT(11, 0), hours: 336, hoursWithData: 336 },
    });
    expect(forecast?.intervals).toHaveLength(48);
    expect(forecast?.intervals[1]).toMatchObject({ start: AT(12, 0), end: AT(13, 0) });
    expect(forecast?.intervals[1]?.requestsPerMinute).toBeCloseTo(36_000, -2);
  });

  it('says there is not enough history, and stores nothing', async () => {
    const world = await functions('ForecastAndScale', AT(1, 0), 10);
    const outcomes = await world.forecastAt(AT(11, 0));
    expect(outcomes).toEqual([
      expect.objectContaining({ status: 'NotScaled', reasonCode: 'NotEnoughHistory', policyName: 'daily' }),
    ]);
    expect(outcomes[0]?.reason).toContain('not enough history: 10 hours with data');
    expect(await world.stored()).toEqual([]);
    expect(await world.tickAt(AT(11, 52))).toEqual([]);
  });

  it('raises capacity to the floor schedulingBufferTime ahead of its interval, not before', async () => {
    const world = await functions('ForecastAndScale', 0, 10);
    await world.forecastAt(AT(11, 0));
    // 11:45: the noon interval's buffer (10 minutes) has not begun; the 11:00 floor is 10.
    expect(await world.tickAt(AT(11, 45))).toEqual([]);
    const outcomes = await world.tickAt(AT(11, 52));
    expect(outcomes).toEqual([
      expect.objectContaining({ action: 'scale-out', fromCapacity: 10, toCapacity: 40, policyName: 'daily' }),
    ]);
    expect(outcomes[0]?.reason).toMatch(
      /^predictive floor for 12:00-13:00: forecast 3\d,\d{3}\/min at 900 per instance = 40: 10 -> 40$/,
    );
    expect(world.sagemaker.counts.get('AllTraffic')).toBe(40);
  });

  it('never lowers capacity: above the floor, the tick leaves it alone', async () => {
    const world = await functions('ForecastAndScale', 0, 50);
    await world.forecastAt(AT(11, 0));
    expect(await world.tickAt(AT(11, 52))).toEqual([]);
    expect(world.sagemaker.updates()).toHaveLength(0);
  });

  it('defers the floor while the endpoint is Updating, and applies it once InService', async () => {
    const world = await functions('ForecastAndScale', 0, 10);
    await world.forecastAt(AT(11, 0));
    world.sagemaker.endpoint.status = 'Updating';
    expect(await world.tickAt(AT(11, 52))).toEqual([
      expect.objectContaining({ action: 'deferred', status: 'Pending', toCapacity: 40 }),
    ]);
    expect(world.sagemaker.updates()).toHaveLength(0);
    world.sagemaker.endpoint.status = 'InService';
    // The deferred change is sent (the in-process SageMaker mock is InService at once, so its end
    // is recorded in the same minute).
    const outcomes = (await world.tickAt(AT(11, 53))).filter((outcome) => !outcome.endsActivity);
    expect(outcomes).toEqual([expect.objectContaining({ action: 'scale-out', toCapacity: 40 })]);
    expect(world.sagemaker.counts.get('AllTraffic')).toBe(40);
  });

  it('in ForecastOnly records what it would have done once per interval, and changes nothing', async () => {
    const world = await functions('ForecastOnly', 0, 10);
    await world.forecastAt(AT(11, 0));
    const outcomes = await world.tickAt(AT(11, 52));
    expect(outcomes).toEqual([
      expect.objectContaining({
        action: 'none',
        status: 'NotScaled',
        reasonCode: 'ForecastOnly',
        toCapacity: 10,
      }),
    ]);
    expect(outcomes[0]?.reason).toMatch(/would raise 10 -> 40; ForecastOnly changes nothing$/);
    expect(await world.tickAt(AT(11, 53))).toEqual([]);
    expect(world.sagemaker.updates()).toHaveLength(0);
  });
});
