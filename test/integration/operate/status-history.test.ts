import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbStateStore } from '../../../shared/adapters/aws/dynamodb-state-store.ts';
import { targetKey } from '../../../shared/domain/model.ts';
import { createOperateClients } from '../../../shared/operate/clients.ts';
import { createOperateContext } from '../../../shared/operate/context.ts';
import { renderStatus } from '../../../shared/operate/render-status.ts';
import type { ActivityRecord } from '../../../shared/ports/activity.ts';
import { readHistory } from '../../../shared/usecases/operate/history.ts';
import type { ActivityPages } from '../../../shared/usecases/operate/ports.ts';
import { describeStatus } from '../../../shared/usecases/operate/status.ts';
import { useDynamoDbLocal } from '../../support/dynamodb-local.ts';
import {
  activity,
  CONFIG,
  configFile,
  FRAUD,
  RECOMMENDER,
  runCli,
  seed,
  storeOn,
} from './operate-fixture.ts';

const dynamo = useDynamoDbLocal();
const NOW = Date.UTC(2026, 10, 28, 3, 12, 0); // Saturday 03:12 UTC
const MINUTE = 60_000;
let tableName = '';
let store: DynamoDbStateStore;
const env = () => ({ SCALER_TABLE_NAME: tableName });

const sagemaker = mockClient(SageMakerClient);
const cloudwatch = mockClient(CloudWatchClient);

beforeAll(async () => {
  tableName = await dynamo.freshTable('operate-status');
  store = storeOn(dynamo.documentClient, tableName);
  // The commands reach DynamoDB Local the way they reach the local stack: through the SDK's own variable.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.local.endpoint;
});
afterAll(() => {
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  sagemaker.restore();
  cloudwatch.restore();
});
afterEach(() => {
  sagemaker.reset();
  cloudwatch.reset();
});

function mockWorld() {
  sagemaker.on(DescribeEndpointCommand).callsFake(async (input: { EndpointName: string }) => {
    if (input.EndpointName !== 'fraud-detector') {
      throw Object.assign(
        new Error(
          `Could not find endpoint "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/${input.EndpointName}".`,
        ),
        {
          name: 'ValidationException',
        },
      );
    }
    return {
      EndpointName: 'fraud-detector',
      EndpointArn: 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/fraud-detector',
      EndpointConfigName: 'fraud-detector-config',
      EndpointStatus: 'Updating',
      CreationTime: new Date('2026-11-01T09:00:00Z'),
      LastModifiedTime: new Date(NOW - 60_000),
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          CurrentWeight: 1,
          DesiredWeight: 1,
          CurrentInstanceCount: 4,
          DesiredInstanceCount: 5,
        },
      ],
    };
  });
  cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [
      {
        AlarmName: 'fraud-detector-invocations-high',
        AlarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:fraud-detector-invocations-high',
        StateValue: 'ALARM',
        StateReason:
          'Threshold Crossed: 3 datapoints [912.0 (28/11/26 03:10:00), ...] were greater than or equal to the threshold (800.0).',
        StateUpdatedTimestamp: new Date(Date.UTC(2026, 10, 28, 3, 5, 0)),
        MetricName: 'InvocationsPerInstance',
        Namespace: 'AWS/SageMaker',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 3,
        Threshold: 800,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      },
    ],
  });
}

describe('scaler status', () => {
  beforeAll(async () => {
    await seed(store, FRAUD, [], (state) => ({
      ...state,
      bounds: {
        minCapacity: 4,
        maxCapacity: 12,
        setBy: {
          kind: 'scheduled',
          scheduledActionName: 'weekend-peak',
          scheduledTime: Date.UTC(2026, 10, 27, 17, 0, 0),
        },
        since: Date.UTC(2026, 10, 27, 17, 0, 3),
      },
      lastSetCapacity: 5,
      cooldowns: [
        {
          policyName: 'scale-out-on-invocations',
          direction: 'out',
          startedAt: NOW - 3 * MINUTE,
          endsAt: NOW + 2 * MINUTE,
          baselineCapacity: 4,
          targetCapacity: 5,
        },
        // Over already: status shows running cooldowns only.
        {
          policyName: 'scale-in-on-invocations',
          direction: 'in',
          startedAt: NOW - 20 * MINUTE,
          endsAt: NOW - 15 * MINUTE,
          baselineCapacity: 5,
          targetCapacity: 4,
        },
      ],
      deferred: {
        activityId: 'act-deferred',
        eventKey: 'evt-deferred',
        decidedAt: NOW - MINUTE,
        activityStart: NOW - MINUTE,
        fromCapacity: 5,
        desiredCapacity: 6,
        cause:
          'alarm fraud-detector-invocations-high in state ALARM triggered policy scale-out-on-invocations',
        reason: 'matched',
        waitingFor: 'endpoint Updating',
      },
      accepted: {
        activityId: 'act-accepted',
        eventKey: 'evt-accepted',
        decidedAt: NOW - 3 * MINUTE,
        activityStart: NOW - 3 * MINUTE,
        acceptedAt: NOW - 3 * MINUTE,
        fromCapacity: 4,
        desiredCapacity: 5,
        cause:
          'alarm fraud-detector-invocations-high in state ALARM triggered policy scale-out-on-invocations',
        reason: 'matched',
      },
      pausedState: {
        dynamicScalingInSuspended: true,
        dynamicScalingOutSuspended: false,
        scheduledScalingSuspended: false,
      },
      pauseReason: 'model rollout',
    }));
  });

  it('reports endpoint counts, bounds and who set them, running cooldowns, alarms in ALARM, intents, suspension and the next scheduled action', async () => {
    mockWorld();
    const context = createOperateContext({
      stage: 'test',
      env: env(),
      clients: createOperateClients({ region: 'eu-west-1' }),
    });
    const [fraud, recommender] = await describeStatus(context.status, CONFIG.targets, NOW);
    context.clients.destroy();

    expect(fraud).toMatchObject({
      mode: 'active',
      hasState: true,
      endpoint: { found: true, status: 'Updating', desiredInstanceCount: 5, currentInstanceCount: 4 },
      bounds: {
        minCapacity: 4,
        maxCapacity: 12,
        setBy: { kind: 'scheduled', scheduledActionName: 'weekend-peak' },
      },
      cooldowns: [{ policyName: 'scale-out-on-invocations', direction: 'out', leftMs: 2 * MINUTE }],
      alarmsInAlarm: [
        {
          alarmName: 'fraud-detector-invocations-high',
          policyName: 'scale-out-on-invocations',
          since: Date.UTC(2026, 10, 28, 3, 5),
        },
      ],
      deferred: { desiredCapacity: 6, waitingFor: 'endpoint Updating' },
      accepted: { activityId: 'act-accepted', fromCapacity: 4, desiredCapacity: 5 },
      pauseReason: 'model rollout',
      // Monday 06:00 in Berlin is 05:00 UTC in winter.
      nextScheduled: {
        scheduledActionName: 'weekday-baseline',
        at: Date.UTC(2026, 10, 30, 5, 0),
        timezone: 'Europe/Berlin',
      },
    });
    expect(fraud?.suspension.find((f) => f.flag === 'dynamicScalingInSuspended')).toEqual({
      flag: 'dynamicScalingInSuspended',
      file: false,
      paused: true,
    });
    expect(recommender).toMatchObject({
      mode: 'shadow',
      hasState: false,
      endpoint: { found: false },
      bounds: { minCapacity: 1, maxCapacity: 4, setBy: { kind: 'config' } },
      nextScheduled: undefined,
    });
    expect(recommender?.suspension.find((f) => f.flag === 'scheduledScalingSuspended')?.file).toBe(true);
    // One DescribeAlarms for every target's alarms, filtered on ALARM.
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(1);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input).toMatchObject({
      StateValue: 'ALARM',
      AlarmNames: [
        'fraud-detector-invocations-high',
        'fraud-detector-invocations-low',
        'recommender-latency-high',
      ],
    });

    const text = renderStatus(fraud && recommender ? [fraud, recommender] : [], NOW, 'UTC');
    expect(text).toContain(
      'bounds           min 4, max 12, set by scheduled action weekend-peak for 2026-11-27T17:00:00Z',
    );
    expect(text).toContain('scale-out-on-invocations scale-out until 2026-11-28T03:14:00Z, 2m 00s left');
    expect(text).toContain(
      'alarms in ALARM  fraud-detector-invocations-high -> scale-out-on-invocations, since 2026-11-28T03:05:00Z',
    );
    expect(text).toContain('deferred: 5 -> 6');
    expect(text).toMatch(
      /accepted: 4 -> 5 \(.*\), decided 2026-11-28T03:09:00Z; InProgress until the endpoint is InService at 5/,
    );
    expect(text).toContain('dynamic scale-in: paused ("model rollout")');
    expect(text).toContain(
      'weekday-baseline at 2026-11-30T05:00:00Z = 2026-11-30 06:00 Europe/Berlin, sets min 2, max 10',
    );
    expect(text).toContain('scheduled scaling: scaling.yml');
  });

  it('prints JSON with ISO instants through the CLI', async () => {
    mockWorld();
    const run = await runCli(['status', 'fraud-detector/AllTraffic', '--config', configFile(), '--json'], {
      env: env(),
      now: () => NOW,
    });
    expect(run.error).toBeUndefined();
    const [status] = JSON.parse(run.stdout);
    expect(status.target).toBe('endpoint/fraud-detector/variant/AllTraffic');
    expect(status.cooldowns[0].endsAt).toBe('2026-11-28T03:14:00Z');
    expect(status.nextScheduled.at).toBe('2026-11-30T05:00:00Z');
  });
});

describe('scaler history', () => {
  const START = Date.UTC(2026, 10, 27, 0, 0, 0);
  const fraudRecords: ActivityRecord[] = [];
  const recommenderRecords: ActivityRecord[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 30; i += 1) {
      const failed = i % 5 === 0;
      fraudRecords.push(
        activity(FRAUD, {
          startTime: START + i * MINUTE,
          ...(failed
            ? {
                status: 'Failed',
                action: 'failed',
                reasonCode: 'CapacityRejected',
                statusMessage: 'ResourceLimitExceeded',
              }
            : i % 3 === 0
              ? { status: 'NotScaled', reasonCode: 'CooldownInEffect', statusMessage: 'cooldown' }
              : {}),
        }),
      );
    }
    for (let i = 0; i < 10; i += 1) {
      recommenderRecords.push(
        activity(RECOMMENDER, { startTime: START + i * 3 * MINUTE + 30_000, shadow: true }),
      );
    }
    await seed(store, FRAUD, fraudRecords);
    await seed(store, RECOMMENDER, recommenderRecords);
  });

  /** The store, counting the Query pages the merge pulls. */
  function countingPages(): ActivityPages & { pages: number } {
    const counter = {
      pages: 0,
      async *pageActivities(
        key: string,
        options?: { since?: number | undefined; pageSize?: number | undefined },
      ) {
        for await (const page of store.pageActivities(key, options)) {
          counter.pages += 1;
          yield page;
        }
      },
    };
    return counter;
  }

  it('merges every target newest first across several Query pages', async () => {
    const pages = countingPages();
    const records = await readHistory(pages, [targetKey(FRAUD), targetKey(RECOMMENDER)], {
      limit: 100,
      pageSize: 4,
    });
    expect(records).toHaveLength(40);
    const times = records.map((r) => r.startTime);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(records[0]?.startTime).toBe(START + 29 * MINUTE);
    expect(new Set(records.map((r) => r.targetKey)).size).toBe(2);
    // 30 / 4 and 10 / 4 pages, and one more for each whose last page ended flush.
    expect(pages.pages).toBeGreaterThanOrEqual(11);
  });

  it('stops reading pages once the limit is reached', async () => {
    const pages = countingPages();
    const records = await readHistory(pages, [targetKey(FRAUD), targetKey(RECOMMENDER)], {
      limit: 5,
      pageSize: 4,
    });
    // The recommender's newest record sits at 00:27:30, between the fraud detector's.
    expect(records.map((r) => r.startTime)).toEqual([29, 28, 27.5, 27, 26].map((m) => START + m * MINUTE));
    expect(pages.pages).toBeLessThanOrEqual(3);
  });

  it('filters on status, reason code and since', async () => {
    const failed = await readHistory(store, [targetKey(FRAUD)], {
      limit: 50,
      statuses: ['Failed'],
      pageSize: 7,
    });
    expect(failed.map((r) => r.startTime)).toEqual([25, 20, 15, 10, 5, 0].map((m) => START + m * MINUTE));
    const cooldown = await readHistory(store, [targetKey(FRAUD)], {
      limit: 3,
      reasonCodes: ['CooldownInEffect'],
    });
    expect(cooldown.map((r) => r.startTime)).toEqual([27, 24, 21].map((m) => START + m * MINUTE));
    const recent = await readHistory(store, [targetKey(FRAUD), targetKey(RECOMMENDER)], {
      limit: 50,
      since: START + 25 * MINUTE,
    });
    expect(recent.map((r) => r.startTime)).toEqual([29, 28, 27.5, 27, 26, 25].map((m) => START + m * MINUTE));
  });

  it('prints a table through the CLI, with --since as a duration, --status and --limit', async () => {
    const now = START + 30 * MINUTE;
    const run = await runCli(
      ['history', '--config', configFile(), '--since', '20m', '--status', 'failed,NotScaled', '--limit', '4'],
      { env: env(), now: () => now },
    );
    expect(run.error).toBeUndefined();
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^time\s+target\s+cause\s+capacity\s+status\s+reason\s+message$/);
    expect(lines.slice(2).map((line) => line.slice(0, 20))).toEqual([
      '2026-11-27T00:29:00Z',
      '2026-11-27T00:28:00Z',
      '2026-11-27T00:27:30Z',
      '2026-11-27T00:27:00Z',
    ]);
    expect(run.stdout).toContain('recommender/AllTraffic');
    expect(run.stdout).toContain('NotScaled (shadow)');
  });

  it('refuses an unknown --status with the list of statuses', async () => {
    const run = await runCli(['history', '--config', configFile(), '--status', 'Done'], {
      env: env(),
      now: () => NOW,
    }).catch((error: Error) => ({ stdout: '', thrown: error }));
    expect('thrown' in run ? run.thrown.message : '').toContain(
      '--status expects one of Pending, InProgress',
    );
  });
});
