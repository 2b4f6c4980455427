import { describe, expect, it } from 'vitest';
import { InMemoryForecastStore } from '../../../shared/adapters/memory/memory-forecast-store.ts';
import { InMemoryStateStore } from '../../../shared/adapters/memory/memory-state-store.ts';
import { SequentialIds } from '../../../shared/adapters/memory/sequential-ids.ts';
import { targetKey } from '../../../shared/domain/model.ts';
import type { StoredForecast } from '../../../shared/domain/predictive/floor.ts';
import { renderStatus } from '../../../shared/operate/render-status.ts';
import { handleTick, type TickPorts } from '../../../shared/usecases/handle-tick.ts';
import { describeStatus } from '../../../shared/usecases/operate/status.ts';
import { explainAround } from '../../../shared/usecases/operate/why.ts';
import { MINUTE, T0, target } from '../../support/builders.ts';
import { ScriptedEndpoints } from '../../support/scripted-endpoints.ts';

const HOUR = 60 * MINUTE;
const config = target({
  minCapacity: 2,
  maxCapacity: 60,
  stepPolicies: [],
  predictivePolicies: [
    {
      policyName: 'daily',
      targetValue: 900,
      loadMetric: { kind: 'predefined', predefinedMetricType: 'SageMakerVariantInvocations' },
      mode: 'ForecastAndScale',
      schedulingBufferTime: 600,
      maxCapacityBreachBehavior: 'HonorMaxCapacity',
    },
  ],
});
const forecast: StoredForecast = {
  policyName: 'daily',
  createdAt: T0 - 30 * MINUTE,
  history: { from: T0 - 14 * 24 * HOUR, to: T0 - HOUR, hours: 336, hoursWithData: 336 },
  intervals: [9_000, 41_000, 9_000].map((perMinute, i) => ({
    start: T0 + i * HOUR,
    end: T0 + (i + 1) * HOUR,
    requestsPerMinute: perMinute,
  })),
};

async function world() {
  const forecasts = new InMemoryForecastStore();
  await forecasts.saveForecast(targetKey(config), forecast);
  const store = new InMemoryStateStore();
  const endpoints = new ScriptedEndpoints({ 'worked-example/AllTraffic': 10 });
  const ports: TickPorts = {
    config: { targets: [config] },
    endpoints,
    store,
    ids: new SequentialIds(),
    alarms: { alarmsInAlarm: async () => [] },
    forecasts,
  };
  return { ports, store, endpoints, forecasts };
}

describe('scaler status and why for a predictive policy', () => {
  it('status shows the floor now and when it next changes', async () => {
    const { ports, store, endpoints, forecasts } = await world();
    const statusPorts = { store, endpoints, forecasts, alarmStates: { alarmsInAlarm: async () => [] } };
    const [status] = await describeStatus(statusPorts, [config], T0 + 20 * MINUTE);
    expect(status?.predictive).toEqual([
      expect.objectContaining({
        policyName: 'daily',
        mode: 'ForecastAndScale',
        forecastAt: T0 - 30 * MINUTE,
        floor: expect.objectContaining({ capacity: 10 }),
        next: { at: T0 + 50 * MINUTE, floor: expect.objectContaining({ capacity: 46 }) },
      }),
    ]);
    const text = renderStatus(status ? [status] : [], T0 + 20 * MINUTE, 'UTC');
    expect(text).toContain(
      '  predictive       daily (ForecastAndScale): floor 10 now (predictive floor for 10:00-11:00: forecast 9,000/min at 900 per instance = 10); 46 from 2026-11-23T10:50:00Z; forecast made 2026-11-23T09:30:00Z',
    );
    // Without a stored forecast it says so.
    const bare = await describeStatus(
      { ...statusPorts, forecasts: new InMemoryForecastStore() },
      [config],
      T0,
    );
    expect(renderStatus(bare, T0, 'UTC')).toContain('daily (ForecastAndScale): no forecast stored yet');
    expect(ports.forecasts).toBe(forecasts);
  });

  it('why explains a floor raised ahead of time in its own words', async () => {
    const { ports, store } = await world();
    await handleTick(ports, T0 + 52 * MINUTE, 'tick:52');
    const window = {
      activitiesBetween: async (key: string, from: number, to: number) =>
        (await store.listActivities(key)).reverse().filter((r) => r.startTime >= from && r.startTime <= to),
      lastActivityBefore: async () => undefined,
    };
    const { sentences } = await explainAround(window, config, T0 + 52 * MINUTE, 5 * MINUTE);
    expect(sentences).toEqual([
      '10:52:00 predictive policy daily (ForecastAndScale): predictive floor for 11:00-12:00: forecast 41,000/min at 900 per instance = 46: 10 -> 46 (InProgress).',
    ]);
  });
});
