/**
 * Red-team finding 5.5: a dependency that accepts the connection and never answers must not hold an
 * invocation to its Lambda timeout (30 s). The functions' own clients, built as the wiring builds
 * them, against a server that never answers.
 */
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSageMakerClient,
  SageMakerEndpoints,
} from '../../../shared/adapters/aws/sagemaker-endpoints.ts';
import { loadConfigFile } from '../../../shared/config/index.ts';
import { lambdaContext } from '../../../shared/local/lambda-context.ts';
import { alarmHandler } from '../../../shared/wiring/handlers.ts';
import { createRuntime } from '../../../shared/wiring/runtime.ts';
import { loadEvent } from '../events/fixtures.ts';

const LAMBDA_TIMEOUT_MS = 30_000;
const sockets: Socket[] = [];
const silent = createServer((socket) => {
  // Accepts, reads, never answers: a hung endpoint.
  sockets.push(socket);
  socket.resume();
});
let endpoint = '';

beforeAll(async () => {
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  const address = silent.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  silent.close();
});

async function timed(call: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const began = performance.now();
  try {
    await call();
    return { ms: performance.now() - began, error: undefined };
  } catch (error) {
    return { ms: performance.now() - began, error };
  }
}

describe('red-team 5.5: request timeouts of the functions’ SDK clients', () => {
  it('red-team 5.5: a hung DynamoDB or SageMaker fails the invocation with a TimeoutError well inside the Lambda timeout', {
    timeout: 60_000,
  }, async () => {
    const env = {
      ...process.env,
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_ENDPOINT_URL_SAGEMAKER: endpoint,
      SCALER_TABLE_NAME: 'hung',
    };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const handler = alarmHandler(createRuntime(env, 'on-alarm', loadConfigFile('scaling.yml')));
      const sagemaker = new SageMakerEndpoints(createSageMakerClient());
      const event = loadEvent('alarm/invocations-high-alarm.json');

      const [dynamo, endpointRead] = await Promise.all([
        timed(() => handler(event, lambdaContext('on-alarm'))),
        timed(() => sagemaker.describeVariant('fraud-detector', 'AllTraffic')),
      ]);

      for (const { ms, error } of [dynamo, endpointRead]) {
        expect((error as Error | undefined)?.name).toBe('TimeoutError');
        expect(ms).toBeLessThan(LAMBDA_TIMEOUT_MS * 0.75);
      }
    } finally {
      for (const name of Object.keys(env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });
});
