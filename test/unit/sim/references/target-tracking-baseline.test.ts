import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../../shared/config/index.ts';
import { runSimulation } from '../../../../shared/sim/run-simulation.ts';
import { parseTrace } from '../../../../shared/sim/trace/trace.ts';

const T0 = Date.parse('2026-01-05T10:00:00Z');
const MINUTE = 60_000;

function traceOf(counts: number[]) {
  const rows = counts.map((count, i) => `${new Date(T0 + i * MINUTE).toISOString()},${count}`);
  return parseTrace(['timestamp,requests', ...rows].join('\n'));
}

function configWith(scheduledActions = '[]') {
  return parseConfigText(
    `
targets:
  - endpointName: shop
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 10
    stepPolicies: []
    scheduledActions: ${scheduledActions}
`,
    'baseline.yml',
  );
}

async function baselineOf(counts: number[], options: { startup: number; scheduled?: string }) {
  const result = await runSimulation(configWith(options.scheduled), traceOf(counts), {
    capacityPerInstance: 1000,
    instanceStartupSeconds: options.startup,
    initialCapacity: 2,
    baselineTarget: 100,
  });
  const [run] = result.targets;
  if (!run) throw new Error('expected one target');
  return { desired: run.baseline.map((m) => m.desiredInstances), summary: run.summary.baseline };
}

describe('AAS target-tracking baseline', () => {
  it('scales out to ceil(current × metric / target) after three datapoints above target, and in after fifteen below 90 %', async () => {
    // 2 instances: 100/min is 50 per instance, 600/min is 300; later 60/min is 10 per instance on 6.
    const counts = [...new Array(5).fill(100), ...new Array(15).fill(600), ...new Array(20).fill(60)];
    const { desired, summary } = await baselineOf(counts, { startup: 120 });
    // Minutes 5, 6, 7 above target, visible at 8: ceil(2 × 300 / 100) = 6.
    expect(desired[7]).toBe(2);
    expect(desired[8]).toBe(6);
    // With 6 serving from minute 10, 600/min is 100 per instance: on target, nothing more.
    expect(desired[34]).toBe(6);
    // Minutes 20..34 below 90 (10 per instance), visible at 35: ceil(6 × 10 / 100) = 1.
    expect(desired[35]).toBe(1);
    expect(summary.scalingActions).toBe(2);
    expect(summary.targetValue).toBe(100);
  });

  it('inside the scale-out cooldown adds only what a larger need asks beyond the capacity before it', async () => {
    // 300 per instance on 2 asks for 6; then 900/min is 450 per instance: ceil(2 × 450 / 100) = 9.
    const counts = [...new Array(5).fill(100), 600, 600, 600, ...new Array(7).fill(900)];
    const { desired, summary } = await baselineOf(counts, { startup: 240 });
    // 6 at minute 8 (cooldown to 13, endpoint Updating to 12); the top-up to 9 waits for InService.
    expect(desired.slice(7, 13)).toEqual([2, 6, 6, 6, 6, 9]);
    // Then, the cooldown over, ceil(9 × 150 / 100) = 14 -> max 10 waits for the endpoint again:
    // the per-instance metric lags the desired count while instances start (as in AAS).
    expect(summary.deferredActions).toBe(2);
  });

  it('applies the scheduled min/max changes, retrying while the endpoint is Updating', async () => {
    // 250/min on 2 is 125 per instance: ceil(2 × 125 / 100) = 3 at minute 8, Updating until 13.
    const counts = [...new Array(5).fill(100), ...new Array(15).fill(250)];
    const { desired, summary } = await baselineOf(counts, {
      startup: 300,
      scheduled:
        '[{ scheduledActionName: floor, schedule: "cron(10 10 * * ? *)", scalableTargetAction: { minCapacity: 8 } }]',
    });
    // The floor of 8 fires at 10:10 (minute 10), is refused while Updating and applied at 13.
    expect(desired.slice(8, 14)).toEqual([3, 3, 3, 3, 3, 8]);
    expect(summary.deferredActions).toBe(1);
  });
});
