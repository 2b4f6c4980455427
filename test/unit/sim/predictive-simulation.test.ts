import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../shared/config/index.ts';
import { inProcessDelivery } from '../../../shared/sim/delivery.ts';
import { runSimulation, SimulationSetupError } from '../../../shared/sim/run-simulation.ts';
import { parseTrace } from '../../../shared/sim/trace/trace.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Monday 2026-01-05 00:00 UTC. */
const T0 = Date.parse('2026-01-05T00:00:00Z');
const iso = (time: number) => new Date(time).toISOString();

/**
 * Six days of a daily shape: 4,000 requests a minute, 40,000 from 18:00 to 20:00 UTC. `change`
 * rewrites the count of any minute (to show what the forecast may not see).
 */
function dailyTrace(change: (time: number, count: number) => number = (_, count) => count) {
  const rows = ['timestamp,requests'];
  for (let time = T0; time < T0 + 6 * DAY; time += MINUTE) {
    const hour = new Date(time).getUTCHours();
    rows.push(`${iso(time)},${change(time, hour >= 18 && hour < 20 ? 40_000 : 4_000)}`);
  }
  return parseTrace(rows.join('\n'));
}

/** Target tracking at 900 per instance, with or without a predictive policy at the same target. */
function config(predictive: 'ForecastAndScale' | 'ForecastOnly' | undefined) {
  return parseConfigText(
    `
targets:
  - endpointName: shop
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 60
    targetTrackingPolicies:
      - policyName: invocations
        targetValue: 900
        predefinedMetricSpecification: { predefinedMetricType: SageMakerVariantInvocationsPerInstance }
${
  predictive
    ? `    predictivePolicies:
      - policyName: daily
        targetValue: 900
        predefinedLoadMetricSpecification: { predefinedMetricType: SageMakerVariantInvocations }
        mode: ${predictive}
        schedulingBufferTime: 600
`
    : ''
}`,
    'predictive-sim.yml',
  );
}

const RUN = { capacityPerInstance: 1_000, instanceStartupSeconds: 300, initialCapacity: 5 };
/** The fifth day: four days of history before it. */
const DAY5 = { from: T0 + 4 * DAY, to: T0 + 5 * DAY };

async function simulate(
  mode: 'ForecastAndScale' | 'ForecastOnly' | undefined,
  window: { from?: number; to?: number },
  trace = dailyTrace(),
) {
  const result = await runSimulation(config(mode), trace, { ...RUN, ...window });
  return result.targets[0] as NonNullable<(typeof result.targets)[0]>;
}

/** Each forecast the simulated forecast function stored on the fifth day, by when it ran. */
async function storedForecasts(trace: ReturnType<typeof dailyTrace>) {
  const stored = new Map<number, unknown>();
  await runSimulation(config('ForecastAndScale'), trace, {
    ...RUN,
    ...DAY5,
    delivery: (world) => {
      const delivery = inProcessDelivery(world.ports, world.forecasting);
      const forecast = delivery.forecast;
      return {
        ...delivery,
        async forecast(now, requestId) {
          const outcomes = (await forecast?.(now, requestId)) ?? [];
          stored.set(
            now,
            await world.ports.forecasts?.loadForecasts('endpoint/shop/variant/AllTraffic', ['daily']),
          );
          return outcomes;
        },
      };
    },
  });
  return stored;
}

describe('predictive policies in the simulator', () => {
  it('raises capacity to the forecast floor a scheduling buffer ahead of the peak, so the peak is served from its first minute', async () => {
    const predictive = await simulate('ForecastAndScale', DAY5);
    const reactive = await simulate(undefined, DAY5);
    const peak = T0 + 4 * DAY + 18 * HOUR;

    const raise = predictive.outcomes.find((o) => o.reason.startsWith('predictive floor for 18:00-19:00'));
    expect(raise).toMatchObject({ time: peak - 10 * MINUTE, action: 'scale-out' });
    // 40,000 a minute at 900 per instance.
    expect(raise?.reason).toContain('forecast 40,000/min at 900 per instance = 45');
    const atPeak = predictive.policy.find((minute) => minute.time === peak);
    expect(atPeak?.servingInstances).toBeGreaterThanOrEqual(45);
    expect(atPeak?.forecastFloor).toBe(45);
    const unservedAround = (minutes: typeof predictive.policy) =>
      minutes
        .filter((m) => m.time >= peak && m.time < peak + 15 * MINUTE)
        .reduce((sum, m) => sum + m.unservedRequests, 0);
    expect(unservedAround(predictive.policy)).toBe(0);
    // Target tracking alone is late: three minutes above target, then the start-up.
    expect(unservedAround(reactive.policy)).toBeGreaterThan(100_000);
    expect(predictive.summary.underProvisionedMinutes).toBeLessThan(reactive.summary.underProvisionedMinutes);
    expect(reactive.policy.every((minute) => minute.forecastFloor === undefined)).toBe(true);
  });

  it('forecasts hourly with the production use case, recording ForecastUpdated in the history', async () => {
    const result = await simulate('ForecastAndScale', DAY5);
    const forecasts = result.outcomes.filter((o) => o.reasonCode === 'ForecastUpdated');
    // At the start, then at minute 5 of each of the 24 hours.
    expect(forecasts).toHaveLength(25);
    expect(forecasts[0]?.time).toBe(DAY5.from);
    expect(forecasts[1]?.time).toBe(DAY5.from + 5 * MINUTE);
    expect(forecasts[0]?.reason).toContain('from 4 days of history (96 hours with data)');
  });

  it('learns only from the trace before the instant it forecasts at: a changed future changes no earlier forecast', async () => {
    const changeAt = T0 + 4 * DAY + 12 * HOUR;
    const tripledLater = dailyTrace((time, count) => (time >= changeAt ? count * 3 : count));
    const original = await storedForecasts(dailyTrace());
    const changed = await storedForecasts(tripledLater);
    const until = (forecasts: Map<number, unknown>, end: number) =>
      [...forecasts].filter(([time]) => time <= end);

    expect(until(changed, changeAt)).toHaveLength(13);
    expect((changed.get(changeAt - 55 * MINUTE) as unknown[]).length).toBe(1);
    expect(until(changed, changeAt)).toEqual(until(original, changeAt));
    // Later ones have seen the tripled hours.
    expect(changed.get(DAY5.to - 55 * MINUTE)).toBeDefined();
    expect(changed.get(DAY5.to - 55 * MINUTE)).not.toEqual(original.get(DAY5.to - 55 * MINUTE));
  });

  it('has no forecast until 24 hours of the run are behind it when the trace holds nothing before --from', async () => {
    const result = await simulate('ForecastAndScale', { to: T0 + 2 * DAY });
    const notes = result.outcomes.filter(
      (o) => o.reasonCode === 'ForecastUpdated' || o.reasonCode === 'NotEnoughHistory',
    );
    const firstForecast = notes.find((o) => o.reasonCode === 'ForecastUpdated');
    expect(notes[0]?.reasonCode).toBe('NotEnoughHistory');
    expect(notes[0]?.reason).toContain('0 hours with data');
    expect(firstForecast?.time).toBe(T0 + DAY + 5 * MINUTE);
    expect(result.policy.filter((m) => m.time < T0 + DAY).every((m) => m.forecastFloor === undefined)).toBe(
      true,
    );
  });

  it('ForecastOnly records what it would have done and changes nothing', async () => {
    const observed = await simulate('ForecastOnly', DAY5);
    const reactive = await simulate(undefined, DAY5);
    const only = observed.outcomes.filter((o) => o.reasonCode === 'ForecastOnly');

    expect(only.length).toBeGreaterThan(0);
    expect(only[0]?.reason).toContain('ForecastOnly changes nothing');
    expect(observed.policy.map((m) => m.desiredInstances)).toEqual(
      reactive.policy.map((m) => m.desiredInstances),
    );
    expect(observed.policy.find((m) => m.time === T0 + 4 * DAY + 18 * HOUR)?.forecastFloor).toBe(45);
  });

  it('refuses a delivery without a forecast function for predictive policies', async () => {
    const run = runSimulation(config('ForecastAndScale'), dailyTrace(), {
      ...RUN,
      ...DAY5,
      delivery: (world) => {
        const { forecast: _forecast, ...withoutForecast } = inProcessDelivery(world.ports);
        return withoutForecast;
      },
    });
    await expect(run).rejects.toThrow(SimulationSetupError);
    await expect(run).rejects.toThrow(/cannot play predictive policies/);
  });
});
