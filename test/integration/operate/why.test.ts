import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbEndpointLock } from '../../../shared/adapters/aws/dynamodb-endpoint-lock.ts';
import type { DynamoDbStateStore } from '../../../shared/adapters/aws/dynamodb-state-store.ts';
import { SageMakerEndpoints } from '../../../shared/adapters/aws/sagemaker-endpoints.ts';
import { SequentialIds } from '../../../shared/adapters/memory/sequential-ids.ts';
import type { AlarmTrigger } from '../../../shared/domain/model.ts';
import { DynamoDbActivityWindow } from '../../../shared/operate/activity-window.ts';
import type { ScalerPorts } from '../../../shared/usecases/apply-intent.ts';
import { handleAlarm } from '../../../shared/usecases/handle-alarm.ts';
import { explainAround } from '../../../shared/usecases/operate/why.ts';
import { useDynamoDbLocal } from '../../support/dynamodb-local.ts';
import { mockSageMakerEndpoint } from '../../support/sagemaker-mock.ts';
import { CONFIG, configFile, FRAUD, runCli, storeOn } from './operate-fixture.ts';

const dynamo = useDynamoDbLocal();
const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 10, 28, hh, mm, ss);
const MINUTE = 60_000;
let tableName = '';
let store: DynamoDbStateStore;
let history: DynamoDbActivityWindow;
const sagemaker = mockSageMakerEndpoint('fraud-detector', { AllTraffic: 2 });

/** An alarm evaluation as the on-alarm function receives it (the event's reasonData, parsed). */
function alarmEvent(
  alarmName: string,
  time: number,
  value: number,
  threshold: number,
  stateTimestamp = time,
): AlarmTrigger {
  return {
    kind: 'alarm',
    eventId: `evt-${alarmName}-${time}`,
    eventTime: time,
    alarmName,
    state: 'ALARM',
    previousState: stateTimestamp === time ? 'OK' : 'ALARM',
    stateTimestamp,
    datapoints: [value, value, value],
    threshold,
    reevaluation: stateTimestamp !== time,
  };
}

beforeAll(async () => {
  tableName = await dynamo.freshTable('operate-why');
  store = storeOn(dynamo.documentClient, tableName);
  history = new DynamoDbActivityWindow(dynamo.documentClient, tableName);
  const ports: ScalerPorts = {
    config: CONFIG,
    endpoints: new SageMakerEndpoints(new SageMakerClient({ region: 'eu-west-1' })),
    store,
    ids: new SequentialIds(),
    endpointLock: new DynamoDbEndpointLock(dynamo.documentClient, tableName),
  };
  // The history is written by the production decision path, as the functions write it.
  const high = 'fraud-detector-invocations-high';
  await handleAlarm(ports, alarmEvent(high, at(3, 9), 950, 800), at(3, 9));
  await handleAlarm(ports, alarmEvent(high, at(3, 12), 912, 800, at(3, 9)), at(3, 12));
  await handleAlarm(ports, alarmEvent('fraud-detector-invocations-low', at(3, 30), 310, 300), at(3, 30));
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.local.endpoint;
});
afterAll(() => {
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  sagemaker.mock.restore();
});

describe('scaler why', () => {
  const COOLDOWN_SENTENCE =
    "03:12:00 alarm fraud-detector-invocations-high was in ALARM with 912 against threshold 800 (delta 112); step [0, 200) +1 matched, but policy scale-out-on-invocations's scale-out cooldown ran until 03:14:00 after the scale-out at 03:09:00 (2 -> 3).";

  it('traces a step held back by the cooldown to the scale-out that started it', async () => {
    const explanation = await explainAround(history, FRAUD, at(3, 12), 15 * MINUTE);
    expect(explanation.sentences).toEqual([
      '03:09:00 alarm fraud-detector-invocations-high was in ALARM with 950 against threshold 800 (delta 150); step [0, 200) +1 matched: scaled out 2 -> 3.',
      COOLDOWN_SENTENCE,
    ]);
  });

  it('finds the scale-out that started the cooldown before the window', async () => {
    const explanation = await explainAround(history, FRAUD, at(3, 13), 2 * MINUTE);
    expect(explanation.activities).toHaveLength(1);
    expect(explanation.sentences).toEqual([COOLDOWN_SENTENCE]);
  });

  it('says which interval a delta missed (NoMatchingStep) and what that points at', async () => {
    const [sentence] = (await explainAround(history, FRAUD, at(3, 30), 5 * MINUTE)).sentences;
    expect(sentence).toBe(
      "03:30:00 alarm fraud-detector-invocations-low was in ALARM with 310 against threshold 300 (delta 10); the delta falls in no step interval of policy scale-in-on-invocations ((-inf, 0] -1): not scaled. The steps only cover deltas below the threshold, but the Average of the alarm's recent datapoints was above it although the alarm was in ALARM: the alarm (M out of N datapoints, its own statistic) and the policy (the aggregate of those datapoints) measured differently, or the alarm's comparison does not fit the policy.",
    );
  });

  it('says when nothing was recorded, what that means, and where to look', async () => {
    const explanation = await explainAround(history, FRAUD, at(6, 0), 15 * MINUTE);
    expect(explanation.activities).toEqual([]);
    expect(explanation.sentences[0]).toBe('Nothing was recorded between 05:45:00 and 06:15:00.');
    expect(explanation.sentences[1]).toContain(
      'no alarm of this target in ALARM reached the scaler in that time',
    );
    expect(explanation.sentences[2]).toContain(
      'aws cloudwatch describe-alarm-history --alarm-name fraud-detector-invocations-high --history-item-type StateUpdate --start-date 2026-11-28T05:45:00Z --end-date 2026-11-28T06:15:00Z',
    );
    expect(explanation.sentences[3]).toMatch(
      /^The last activity before that: 03:30:00 alarm fraud-detector-invocations-low/,
    );
  });

  it('prints the explanation through the CLI', async () => {
    const run = await runCli(
      [
        'why',
        'fraud-detector/AllTraffic',
        '--config',
        configFile(),
        '--at',
        '2026-11-28T03:12:00Z',
        '--window',
        '5m',
      ],
      { env: { SCALER_TABLE_NAME: tableName }, now: () => at(9, 0) },
    );
    expect(run.error).toBeUndefined();
    expect(run.stdout).toBe(
      `endpoint/fraud-detector/variant/AllTraffic around 2026-11-28 03:12:00 UTC (03:07:00 to 03:17:00):\n- 03:09:00 alarm fraud-detector-invocations-high was in ALARM with 950 against threshold 800 (delta 150); step [0, 200) +1 matched: scaled out 2 -> 3.\n- ${COOLDOWN_SENTENCE}\n`,
    );
  });
});
