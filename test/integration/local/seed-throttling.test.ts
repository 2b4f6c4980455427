/**
 * Red-team finding 5.3: `scaler local --throttle 0.5` throttles seeding too, and with the SDK's
 * default three attempts one start in a few failed. Seeding retries throttling until it gets through.
 */
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../shared/config/index.ts';
import { wallClockBackend } from '../../../shared/local/emulator/backend.ts';
import { type EmulatedRequest, startEmulator } from '../../../shared/local/emulator/server.ts';
import { seedScalingConfig } from '../../../shared/local/seed.ts';

const config = loadConfigFile('scaling.yml');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

async function seedThrottled(throttle: (request: EmulatedRequest) => boolean) {
  const emulator = await startEmulator({ backend: wallClockBackend(), throttle });
  try {
    return await seedScalingConfig(config, { endpoint: emulator.endpoint, region: 'eu-west-1', credentials });
  } finally {
    await emulator.stop();
  }
}

describe('red-team 5.3: seeding under throttling', () => {
  it('red-team 5.3: seeds through three throttled answers per call (the SDK default of three attempts would give up), and through --throttle 0.5 every time', {
    timeout: 180_000,
  }, async () => {
    const seen = new Map<string, number>();
    const firstThreeRefused = (request: EmulatedRequest) => {
      const key = `${request.service}.${request.operation}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      return (seen.get(key) ?? 0) <= 3;
    };

    const stubborn = await seedThrottled(firstThreeRefused);
    const halves = [];
    for (let run = 0; run < 5; run++) halves.push(await seedThrottled(() => Math.random() < 0.5));

    expect(stubborn.alarms).toEqual([
      'fraud-detector-invocations-high',
      'fraud-detector-invocations-low',
      'ScalerTargetTracking-endpoint/fraud-detector/variant/AllTraffic-invocations-per-instance-AlarmHigh',
      'ScalerTargetTracking-endpoint/fraud-detector/variant/AllTraffic-invocations-per-instance-AlarmLow',
    ]);
    expect(halves.every((seeded) => seeded.endpoints.join() === 'fraud-detector')).toBe(true);
  });
});
