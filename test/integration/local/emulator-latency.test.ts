import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DescribeEndpointCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallClockBackend } from '../../../shared/local/emulator/backend.ts';
import { type AwsEmulator, startEmulator } from '../../../shared/local/emulator/server.ts';

let emulator: AwsEmulator;
let sagemaker: SageMakerClient;

async function describeTakes(): Promise<number> {
  const started = performance.now();
  await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'shop' }));
  return performance.now() - started;
}

beforeAll(async () => {
  emulator = await startEmulator({ backend: wallClockBackend(), latencyMs: 60 });
  sagemaker = new SageMakerClient({
    endpoint: emulator.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: 'shop-config',
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm', InitialInstanceCount: 1 }],
    }),
  );
  await sagemaker.send(
    new CreateEndpointCommand({ EndpointName: 'shop', EndpointConfigName: 'shop-config' }),
  );
});

afterAll(async () => {
  sagemaker.destroy();
  await emulator.stop();
});

describe('the emulator, injected latency', () => {
  it('holds every answer for the latency it was started with, and for a new one once changed', async () => {
    // A lower bound only: the answer cannot come sooner than the wait (no timing upper bound).
    expect(await describeTakes()).toBeGreaterThanOrEqual(59);
    emulator.latency(150);
    expect(await describeTakes()).toBeGreaterThanOrEqual(149);
    emulator.latency(0);
    expect(emulator.calls.get('sagemaker.DescribeEndpoint')).toBe(2);
  });
});
