import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlarmStateValue } from '../../../../shared/domain/model.ts';
import { reportHtml } from '../../../../shared/sim/report/html.ts';
import type { SimulationRun } from '../../../../shared/sim/report/outputs.ts';
import { runsOf, type ZoomData, zoomData } from '../../../../shared/sim/report/zoom-data.ts';
import type { SimulatedMinute } from '../../../../shared/sim/timeline.ts';

const T0 = Date.UTC(2024, 4, 1);
const ALARM = 'orders</script><b>-high';

/** `minutes` steps: capacity 2 then 3, demand rising, the alarm in ALARM over the second half. */
function run(minutes: number, floor = false): SimulationRun {
  const minute = (i: number): SimulatedMinute => {
    const state: AlarmStateValue = i < minutes / 2 ? 'OK' : 'ALARM';
    return {
      time: T0 + i * 60_000,
      demand: 10 + i / 3,
      gap: i === 1,
      servingInstances: i < 4 ? 2 : 3,
      desiredInstances: 3,
      billedInstances: 3,
      servedRequests: 10,
      unservedRequests: i === 5 ? 2 : 0,
      alarmStates: { [ALARM]: state },
      ...(floor && i >= 2 ? { forecastFloor: 2 } : {}),
    };
  };
  const policy = Array.from({ length: minutes }, (_, i) => minute(i));
  const figures = {
    minutes,
    instanceHours: 1,
    underProvisionedMinutes: 0,
    underProvisionedPercent: 0,
    unservedRequests: 0,
    unservedPercent: 0,
    scalingActions: 0,
    deferredActions: 0,
  };
  return {
    target: 'endpoint/e/variant/v',
    policy,
    baseline: policy,
    outcomes: [],
    scheduledFirings: [{ time: T0 + 120_000, scheduledActionName: 'peak' }],
    alarmNames: [ALARM],
    summary: {
      ...figures,
      oracleInstanceHours: 1,
      costRatio: 1,
      baseline: { ...figures, costRatio: 1, targetValue: 5, targetValueSource: 'default' },
    },
    capacityPerInstance: 10,
  };
}

describe('runsOf', () => {
  it('writes each stretch of equal values once, with its length', () => {
    const values = [2, 2, 2, 3, 3, 2];
    expect(runsOf(values.length, (i) => values[i] ?? 0)).toEqual([2, 3, 3, 2, 2, 1]);
    expect(runsOf(0, () => 1)).toEqual([]);
  });
});

describe("the zoomable chart's data", () => {
  it('holds every step: demand, each fleet as runs, lanes of alarm states and unserved minutes', () => {
    const data = zoomData(run(8, true));
    expect(data).toMatchObject({ t0: T0, stepMs: 60_000, count: 8, perStep: 10, demandOnInstanceAxis: true });
    expect(data.demand.slice(0, 2)).toEqual([10, 10.333]);
    expect(data.gaps).toEqual([0, 1, 1, 1, 0, 6]);
    const [policy, baseline] = data.panels as [ZoomData['panels'][0], ZoomData['panels'][0]];
    expect(policy.series.map((s) => s.label)).toEqual([
      'policy serving',
      'policy desired',
      'policy billed',
      'predictive floor',
    ]);
    expect(policy.series[0]?.runs).toEqual([2, 4, 3, 4]);
    // A step without a forecast draws the floor at 0, as the SVG does.
    expect(policy.series[3]?.runs).toEqual([0, 2, 2, 6]);
    expect(baseline.series.map((s) => s.label)).toEqual([
      'baseline serving',
      'baseline desired',
      'baseline billed',
    ]);
    // OK is 1, ALARM 2: four minutes each.
    expect(policy.lanes.map((l) => l.name)).toEqual([`alarm ${ALARM}`, 'unserved requests']);
    expect(policy.lanes[0]?.runs).toEqual([1, 4, 2, 4]);
    expect(policy.lanes[1]?.runs).toEqual([0, 5, 1, 1, 0, 2]);
    expect(data.markers).toEqual([[T0 + 120_000, 'peak']]);
  });
});

describe('report.html and its zoomable chart', () => {
  it('has no script when every step is drawn', () => {
    const html = reportHtml(run(600));
    expect(html).not.toMatch(/<script|script-src/);
  });

  it('inlines uPlot and its own script when the chart is thinned, each allowed by its hash and no other', () => {
    const html = reportHtml(run(2000));
    const policy = html.match(/content="(default-src[^"]*)"/)?.[1] ?? '';
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(2);
    expect(scripts[0]).toContain('uPlot');
    expect(scripts[0]).toContain('The MIT License');
    const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
    expect(policy).toBe(
      `default-src 'none'; script-src ${hashes.join(' ')}; style-src 'unsafe-inline'; img-src data:`,
    );
    // Names go into the JSON with `<` escaped: a name cannot end the data block.
    const json =
      html.match(/<script type="application\/json" id="zoom-data">([\s\S]*?)<\/script>/)?.[1] ?? '';
    expect(json).not.toContain('<');
    expect((JSON.parse(json) as ZoomData).panels[0]?.lanes[0]?.name).toBe(`alarm ${ALARM}`);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg|github\.com\/leeoniya\/uPlot)/);
  });
});
