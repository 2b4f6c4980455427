import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbEndpointLock } from '../../../shared/adapters/aws/dynamodb-endpoint-lock.ts';
import type { DynamoDbStateStore } from '../../../shared/adapters/aws/dynamodb-state-store.ts';
import { SageMakerEndpoints } from '../../../shared/adapters/aws/sagemaker-endpoints.ts';
import { SequentialIds } from '../../../shared/adapters/memory/sequential-ids.ts';
import { targetKey } from '../../../shared/domain/model.ts';
import type { ScalerPorts } from '../../../shared/usecases/apply-intent.ts';
import { handleAlarm } from '../../../shared/usecases/handle-alarm.ts';
import { useDynamoDbLocal } from '../../support/dynamodb-local.ts';
import { mockSageMakerEndpoint } from '../../support/sagemaker-mock.ts';
import { CONFIG, configFile, FRAUD, runCli, seed, storeOn } from './operate-fixture.ts';

const dynamo = useDynamoDbLocal();
const NOW = Date.UTC(2026, 10, 27, 16, 0, 0);
const MINUTE = 60_000;
const HIGH = 'fraud-detector-invocations-high';
/** A mark a bad clock left before the edge refused such events: a year ahead. */
const A_YEAR_AHEAD = Date.UTC(2027, 10, 27, 16, 0, 0);

let tableName = '';
let store: DynamoDbStateStore;
let sagemaker: ReturnType<typeof mockSageMakerEndpoint>;
const cloudwatch = mockClient(CloudWatchClient);

function ports(): ScalerPorts {
  return {
    config: CONFIG,
    endpoints: new SageMakerEndpoints(new SageMakerClient({ region: 'eu-west-1' })),
    store,
    ids: new SequentialIds(),
    endpointLock: new DynamoDbEndpointLock(dynamo.documentClient, tableName),
  };
}

function highAlarm(eventId: string, at: number) {
  return {
    kind: 'alarm' as const,
    eventId,
    eventTime: at,
    alarmName: HIGH,
    state: 'ALARM' as const,
    previousState: 'OK' as const,
    stateTimestamp: at,
    datapoints: [1000, 1050, 1100],
    threshold: 800,
    reevaluation: false,
  };
}

beforeEach(async () => {
  tableName = await dynamo.freshTable('operate-marks');
  store = storeOn(dynamo.documentClient, tableName);
  sagemaker = mockSageMakerEndpoint('fraud-detector', { AllTraffic: 2 });
  cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
});
afterEach(() => {
  sagemaker.mock.restore();
  cloudwatch.reset();
});
afterAll(() => cloudwatch.restore());

describe('scaler reset-marks', () => {
  it('red-team 1.4: status shows a newest-seen mark ahead of now, reset-marks clears it (recorded as an activity), and the alarm scales again', async () => {
    await seed(store, FRAUD, [], (state) => ({
      ...state,
      alarmTimestamps: { [HIGH]: A_YEAR_AHEAD, 'fraud-detector-invocations-low': NOW - MINUTE },
      firedSlots: { 'weekend-peak': A_YEAR_AHEAD },
      newestScheduledSlot: A_YEAR_AHEAD,
    }));
    const stuck = await handleAlarm(ports(), highAlarm('evt-stuck', NOW - MINUTE), NOW - MINUTE);
    expect(stuck).toEqual([expect.objectContaining({ action: 'none', reasonCode: 'StaleEvent' })]);

    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.local.endpoint;
    try {
      const config = configFile();
      const env = { SCALER_TABLE_NAME: tableName };
      const before = await runCli(['status', 'fraud-detector', '--config', config], { env, now: () => NOW });
      const reset = await runCli(
        [
          'reset-marks',
          'fraud-detector/AllTraffic',
          '--alarm',
          HIGH,
          '--schedule',
          'weekend-peak',
          '--config',
          config,
        ],
        { env, now: () => NOW },
      );
      const unknown = await runCli(
        ['reset-marks', 'fraud-detector/AllTraffic', '--alarm', 'no-such-alarm', '--config', config],
        { env, now: () => NOW },
      );
      const nothingNamed = await runCli(['reset-marks', 'fraud-detector/AllTraffic', '--config', config], {
        env,
        now: () => NOW,
      });
      const after = await runCli(['status', 'fraud-detector', '--config', config], { env, now: () => NOW });

      expect(before.stdout).toMatch(
        /newest seen\s+alarm fraud-detector-invocations-high: state of 2027-11-27T16:00:00Z \(AHEAD of now by 8760h 00m/,
      );
      expect(before.stdout).toContain('scheduled action weekend-peak: slot 2027-11-27T16:00:00Z (AHEAD');
      expect(reset.error).toBeUndefined();
      expect(reset.stdout).toContain(
        `alarm ${HIGH}: cleared the newest state timestamp seen (2027-11-27T16:00:00.000Z)`,
      );
      expect(reset.stdout).toContain(
        'the newest slot that set the bounds (2027-11-27T16:00:00.000Z) was cleared',
      );
      expect(unknown.error?.exitCode).toBe(2);
      expect(unknown.error?.message).toContain('no alarm "no-such-alarm" on this target');
      expect(nothingNamed.error?.exitCode).toBe(2);
      expect(after.stdout).not.toContain('AHEAD');
      expect(after.stdout).toContain('alarm fraud-detector-invocations-low: state of');
    } finally {
      delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
    }

    const [resumed] = await handleAlarm(ports(), highAlarm('evt-after-reset', NOW + MINUTE), NOW + MINUTE);
    expect(resumed).toMatchObject({ action: 'scale-out', fromCapacity: 2, toCapacity: 5 });
    const records = await store.listActivities(targetKey(FRAUD));
    expect(records.map((r) => `${r.reasonCode ?? r.action} ${r.status}`)).toEqual([
      'scale-out InProgress',
      'MarksReset Successful',
      'StaleEvent NotScaled',
    ]);
    expect(records[1]?.cause).toBe('scaler reset-marks by test-operator');
  });
});
