import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DynamoDbStateStore } from '../../../shared/adapters/aws/dynamodb-state-store.ts';
import { loadConfigFile } from '../../../shared/config/index.ts';
import { lambdaContext } from '../../../shared/local/lambda-context.ts';
import { alarmHandler, type HandlerResult } from '../../../shared/wiring/handlers.ts';
import { createRuntime } from '../../../shared/wiring/runtime.ts';
import { useDynamoDbLocal } from '../../support/dynamodb-local.ts';
import { mockSageMakerEndpoint } from '../../support/sagemaker-mock.ts';

const dynamo = useDynamoDbLocal();
const sample = JSON.parse(readFileSync('events/alarm/invocations-high-alarm.json', 'utf8')) as { id: string };
const TARGET = 'endpoint/fraud-detector/variant/AllTraffic';

/** The real on-alarm handler over DynamoDB Local, SageMaker mocked at the SDK client. */
async function deployLocally() {
  const tableName = await dynamo.freshTable('on-alarm');
  // The SDK reads its endpoint from the process environment, as in the local stack.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.local.endpoint;
  const env = { ...process.env, SCALER_TABLE_NAME: tableName };
  const sagemaker = mockSageMakerEndpoint('fraud-detector', { AllTraffic: 3 });
  const config = loadConfigFile('scaling.yml');
  // One execution environment: its own clients, logger and metrics, as Lambda builds them once.
  const container = () => alarmHandler(createRuntime(env, 'on-alarm', config));
  const store = new DynamoDbStateStore(dynamo.documentClient, { tableName });
  return { handler: container(), container, sagemaker, store };
}

let restore: (() => void) | undefined;
afterEach(() => restore?.());
afterAll(() => {
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
});

describe('on-alarm over DynamoDB Local', () => {
  it('scales the sample ALARM event out by one and records it', async () => {
    const { handler, sagemaker, store } = await deployLocally();
    restore = () => sagemaker.mock.restore();
    const result = (await handler(sample, lambdaContext())) as HandlerResult;
    expect(result.outcomes).toEqual([
      expect.objectContaining({ action: 'scale-out', fromCapacity: 3, toCapacity: 4 }),
    ]);
    expect(sagemaker.counts.get('AllTraffic')).toBe(4);
    // InProgress until an event or the tick sees the endpoint InService at 4.
    const history = await store.listActivities(TARGET);
    expect(history.map((r) => r.status)).toEqual(['InProgress']);
  });

  it('rejects a malformed event with its reasons, writing nothing', async () => {
    const { handler, sagemaker, store } = await deployLocally();
    restore = () => sagemaker.mock.restore();
    const broken = { ...sample, detail: { alarmName: 'fraud-detector-invocations-high' } };
    const result = (await handler(broken, lambdaContext())) as HandlerResult;
    expect(result.rejected?.join('\n')).toContain('detail.state');
    expect(sagemaker.updates()).toHaveLength(0);
    expect(await store.listActivities(TARGET)).toEqual([]);
  });

  // Ten rounds in a row, each on a fresh table: the race must be won exactly once every time.
  it.each(Array.from({ length: 10 }, (_, round) => round + 1))(
    'gives one SageMaker update and one scale-out activity for 20 concurrent alarm events (round %i)',
    async () => {
      const { container, sagemaker, store } = await deployLocally();
      restore = () => sagemaker.mock.restore();
      const events = Array.from({ length: 20 }, (_, i) => ({ ...sample, id: `${sample.id}-${i}` }));
      // Lambda serves concurrent events from separate execution environments, never from one.
      await Promise.all(events.map((event) => container()(event, lambdaContext())));
      expect(sagemaker.updates()).toHaveLength(1);
      const history = await store.listActivities(TARGET);
      // InProgress, or Successful when a later event already saw the endpoint at 4.
      const changes = history.filter((r) => r.action === 'scale-out');
      expect(changes).toHaveLength(1);
      expect(['InProgress', 'Successful']).toContain(changes[0]?.status);
      expect(history.filter((r) => r.status === 'NotScaled')).toHaveLength(19);
      expect(history).toHaveLength(20);
    },
  );
});
