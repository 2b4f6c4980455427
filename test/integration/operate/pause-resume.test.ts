import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudWatchAlarms } from '../../../shared/adapters/aws/cloudwatch-alarms.ts';
import { DynamoDbEndpointLock } from '../../../shared/adapters/aws/dynamodb-endpoint-lock.ts';
import type { DynamoDbStateStore } from '../../../shared/adapters/aws/dynamodb-state-store.ts';
import { SageMakerEndpoints } from '../../../shared/adapters/aws/sagemaker-endpoints.ts';
import { SequentialIds } from '../../../shared/adapters/memory/sequential-ids.ts';
import { targetKey } from '../../../shared/domain/model.ts';
import type { StateWrite } from '../../../shared/ports/scaling-state-store.ts';
import { handleAlarm } from '../../../shared/usecases/handle-alarm.ts';
import { handleSchedule } from '../../../shared/usecases/handle-schedule.ts';
import type { TickPorts } from '../../../shared/usecases/handle-tick.ts';
import { pauseTarget, resumeTarget } from '../../../shared/usecases/operate/pause.ts';
import { useDynamoDbLocal } from '../../support/dynamodb-local.ts';
import { invocationsAlarm } from '../../support/metric-alarms.ts';
import { mockSageMakerEndpoint } from '../../support/sagemaker-mock.ts';
import { CONFIG, configFile, FRAUD, runCli, storeOn } from './operate-fixture.ts';

const dynamo = useDynamoDbLocal();
const NOW = Date.UTC(2026, 10, 27, 16, 0, 0);
const MINUTE = 60_000;
const HIGH = 'fraud-detector-invocations-high';

let tableName = '';
let store: DynamoDbStateStore;
let sagemaker: ReturnType<typeof mockSageMakerEndpoint>;
const cloudwatch = mockClient(CloudWatchClient);

function ports(): TickPorts {
  return {
    config: CONFIG,
    endpoints: new SageMakerEndpoints(new SageMakerClient({ region: 'eu-west-1' })),
    store,
    ids: new SequentialIds(),
    endpointLock: new DynamoDbEndpointLock(dynamo.documentClient, tableName),
    alarms: new CloudWatchAlarms(new CloudWatchClient({ region: 'eu-west-1' })),
  };
}

/** The high-invocations alarm in ALARM since 15:50, measured now at 1050, 1100, 1200 (Average 1116.67). */
function alarmStillInAlarm() {
  cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [
      invocationsAlarm(HIGH, 800, 'GreaterThanOrEqualToThreshold', 3, {
        StateValue: 'ALARM',
        StateUpdatedTimestamp: new Date(NOW - 10 * MINUTE),
      }),
    ],
  });
  cloudwatch.on(GetMetricDataCommand).callsFake(async (input: { MetricDataQueries: { Id: string }[] }) => ({
    MetricDataResults: input.MetricDataQueries.map((query) => ({
      Id: query.Id,
      StatusCode: 'Complete',
      Timestamps: [new Date(NOW - 3 * MINUTE), new Date(NOW - 2 * MINUTE), new Date(NOW - MINUTE)],
      Values: [1050, 1100, 1200],
    })),
  }));
}

beforeEach(async () => {
  // A fresh table per test: each starts from a target the scaler has never touched.
  tableName = await dynamo.freshTable('operate-pause');
  store = storeOn(dynamo.documentClient, tableName);
  sagemaker = mockSageMakerEndpoint('fraud-detector', { AllTraffic: 2 });
});
afterEach(() => {
  sagemaker.mock.restore();
  cloudwatch.reset();
});
afterAll(() => cloudwatch.restore());

describe('scaler pause', () => {
  it('sets every flag with the reason by a conditional write, recorded as ScalingPaused', async () => {
    const result = await pauseTarget(ports(), {
      target: FRAUD,
      flags: [],
      reason: 'model rollout',
      now: NOW,
      operator: 'alice',
      requestId: 'req-1',
    });
    const { state } = await store.load(targetKey(FRAUD), '');
    expect(state?.pausedState).toEqual({
      dynamicScalingInSuspended: true,
      dynamicScalingOutSuspended: true,
      scheduledScalingSuspended: true,
    });
    expect(state?.pauseReason).toBe('model rollout');
    expect(state?.version).toBe(1);
    const [record] = await store.listActivities(targetKey(FRAUD));
    expect(record).toMatchObject({
      activityId: 'req-1',
      cause: 'scaler pause by alice',
      status: 'Successful',
      reasonCode: 'ScalingPaused',
      statusMessage: 'paused dynamic scale-in, dynamic scale-out and scheduled scaling: model rollout',
    });
    expect(result.stillSuspended).toEqual([
      'dynamic scale-in (scaler pause)',
      'dynamic scale-out (scaler pause)',
      'scheduled scaling (scaler pause)',
    ]);
  });

  it('retries from the new version when another writer bumps it between read and write', async () => {
    const base = ports();
    let commits = 0;
    const racing = {
      load: base.store.load.bind(base.store),
      loadStates: base.store.loadStates.bind(base.store),
      async commit(write: StateWrite) {
        commits += 1;
        if (commits === 1) {
          // Another invocation (say an alarm event) commits first, on the version we read.
          await store.commit({
            ...write,
            state: {
              ...write.state,
              pausedState: { ...write.state.pausedState, dynamicScalingOutSuspended: false },
              lastSetCapacity: 7,
            },
            activities: [],
          });
        }
        await store.commit(write);
      },
    };
    await pauseTarget(
      { ...base, store: racing },
      { target: FRAUD, flags: ['out'], reason: 'incident 42', now: NOW, requestId: 'req-2' },
    );
    expect(commits).toBe(2);
    const { state } = await store.load(targetKey(FRAUD), '');
    expect(state?.version).toBe(2);
    // Decided again on what the winner wrote: its change kept, ours applied on top.
    expect(state?.lastSetCapacity).toBe(7);
    expect(state?.pausedState.dynamicScalingOutSuspended).toBe(true);
  });

  it('pauses and resumes through the CLI, with status showing the pause', async () => {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.local.endpoint;
    try {
      const env = { SCALER_TABLE_NAME: tableName };
      const config = configFile();
      const paused = await runCli(
        ['pause', 'fraud-detector/AllTraffic', '--in', '--reason', 'load test', '--config', config],
        { env, now: () => NOW },
      );
      expect(paused.error).toBeUndefined();
      expect(paused.stdout).toBe(
        'fraud-detector/AllTraffic: paused dynamic scale-in: load test\nnow suspended: dynamic scale-in (scaler pause)\n',
      );
      alarmStillInAlarm();
      const status = await runCli(['status', 'fraud-detector', '--config', config], { env, now: () => NOW });
      expect(status.stdout).toContain(
        'dynamic scale-in: paused ("load test"); dynamic scale-out: no; scheduled scaling: no',
      );
      const resumed = await runCli(['resume', 'fraud-detector/AllTraffic', '--in', '--config', config], {
        env,
        now: () => NOW + MINUTE,
      });
      expect(resumed.error).toBeUndefined();
      expect(resumed.stdout).toContain(
        'fraud-detector/AllTraffic: resumed dynamic scale-in\nnow suspended: nothing',
      );
      // Resuming scale-in re-evaluates too: the alarm in ALARM is a scale-out one and acts.
      expect(resumed.stdout).toContain('re-evaluated alarms in ALARM: scale-out 2 -> 5');
    } finally {
      delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
    }
  });
});

describe('scaler resume', () => {
  it('evaluates an alarm still in ALARM again at once: the held-back scale-out happens', async () => {
    alarmStillInAlarm();
    const p = ports();
    await pauseTarget(p, {
      target: FRAUD,
      flags: ['out'],
      reason: 'incident 42',
      now: NOW - 15 * MINUTE,
      requestId: 'req-3',
    });
    // While paused the alarm fires: decided, recorded, not scaled.
    const [held] = await handleAlarm(
      p,
      {
        kind: 'alarm',
        eventId: 'evt-high',
        eventTime: NOW - 10 * MINUTE,
        alarmName: HIGH,
        state: 'ALARM',
        previousState: 'OK',
        stateTimestamp: NOW - 10 * MINUTE,
        datapoints: [1000, 1050, 1100],
        threshold: 800,
        reevaluation: false,
      },
      NOW - 10 * MINUTE,
    );
    expect(held).toMatchObject({ action: 'none', reasonCode: 'ScalingSuspended' });
    expect(sagemaker.updates()).toHaveLength(0);

    const result = await resumeTarget(p, { target: FRAUD, flags: ['out'], now: NOW, requestId: 'req-4' });

    // Average 1116.67 - 800 = 316.67: step [200, +inf) +3, so 2 -> 5, with no wait for the next tick.
    expect(result.reevaluation).toMatchObject({
      action: 'scale-out',
      status: 'InProgress',
      fromCapacity: 2,
      toCapacity: 5,
    });
    expect(sagemaker.updates()).toHaveLength(1);
    expect(sagemaker.counts.get('AllTraffic')).toBe(5);
    const records = await store.listActivities(targetKey(FRAUD));
    // The resume and its re-evaluation share one instant: their order within it is the ids'.
    const described = records.map((r) => `${r.reasonCode ?? r.action} ${r.status}`);
    expect(described.slice(0, 2).sort()).toEqual(['ScalingResumed Successful', 'scale-out InProgress']);
    expect(described.slice(2)).toEqual(['ScalingSuspended NotScaled', 'ScalingPaused Successful']);
    const scaleOut = records.find((r) => r.action === 'scale-out');
    expect(scaleOut?.cause).toBe(`alarm ${HIGH} in state ALARM triggered policy scale-out-on-invocations`);
  });

  it('leaves a scheduled slot that passed while paused skipped: nothing is replayed, a late retry is a duplicate', async () => {
    const p = ports();
    await pauseTarget(p, {
      target: FRAUD,
      flags: ['scheduled'],
      reason: 'freeze',
      now: NOW - 2 * 3_600_000,
      requestId: 'req-5',
    });
    const slot = Date.UTC(2026, 10, 27, 17, 0, 0); // weekend-peak: Friday 18:00 Berlin
    const fire = (eventId: string) => ({
      kind: 'scheduled' as const,
      eventId,
      endpointName: 'fraud-detector',
      variantName: 'AllTraffic',
      scheduledActionName: 'weekend-peak',
      scheduledTime: slot,
    });
    const [skipped] = await handleSchedule(p, fire('exec-1'), slot + 2_000);
    expect(skipped).toMatchObject({ action: 'none', reasonCode: 'ScalingSuspended' });

    const resumed = await resumeTarget(p, {
      target: FRAUD,
      flags: ['scheduled'],
      now: slot + 3_600_000,
      requestId: 'req-6',
    });
    expect(resumed.dynamicResumed).toBe(false);
    expect(resumed.reevaluation).toBeUndefined();
    // The Scheduler retries the same slot after the resume (new execution id): still not applied.
    const [late] = await handleSchedule(p, fire('exec-2'), slot + 3_600_000 + 5_000);
    expect(late?.reasonCode).toBe('DuplicateEvent');

    const { state } = await store.load(targetKey(FRAUD), '');
    expect(state?.bounds).toMatchObject({ minCapacity: 2, maxCapacity: 10, setBy: { kind: 'config' } });
    expect(state?.firedSlots['weekend-peak']).toBe(slot);
    expect(sagemaker.updates()).toHaveLength(0);
    expect(sagemaker.counts.get('AllTraffic')).toBe(2);
  });
});
