import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlarmStateValue } from '../../shared/domain/model.ts';
import { oracleSchedule } from '../../shared/sim/references/oracle.ts';
import type { SimulationRun } from '../../shared/sim/report/outputs.ts';
import { writeSimulationOutputs } from '../../shared/sim/report/outputs.ts';
import type { SimulatedMinute } from '../../shared/sim/timeline.ts';
import { CHROMIUM, inspectInChromium } from '../support/chromium.ts';

const OUTPUT = resolve('test-output');
const T0 = Date.UTC(2024, 4, 1, 6, 0);
const CAPACITY = 100;
/** Alarm names as scaling.yml's examples write them: long, and alike until their last word. */
const HIGH_ALARM = 'fraud-detector-invocations-high';
const LOW_ALARM = 'fraud-detector-invocations-low';

/** A synthetic run: a daily-ish wave with a sharp spike the policy answers late. */
function syntheticRun(minutes: number): SimulationRun {
  const demand = Array.from({ length: minutes }, (_, i) =>
    Math.round(420 + 260 * Math.sin(i / 45) + (i % 1440 >= 200 && i % 1440 < 230 ? 400 : 0) + ((i * 7) % 20)),
  );
  // A fleet that follows the peak of the last 10 minutes `lag` minutes late, 5 minutes to start.
  const desiredAt = (i: number, lag: number, extra: number) =>
    Math.max(
      2,
      Math.ceil(
        (1.1 * Math.max(...demand.slice(Math.max(0, i - lag - 10), Math.max(1, i - lag)))) / CAPACITY,
      ) + extra,
    );
  const fleet = (lag: number, extra: number): SimulatedMinute[] =>
    demand.map((d, i) => {
      const desired = desiredAt(i, lag, extra);
      const serving = desiredAt(i - 5, lag, extra);
      const served = Math.min(d, serving * CAPACITY);
      const high: AlarmStateValue =
        i < 5 ? 'INSUFFICIENT_DATA' : d > serving * CAPACITY * 0.9 ? 'ALARM' : 'OK';
      return {
        time: T0 + i * 60_000,
        demand: d,
        gap: i >= 120 && i < 130,
        servingInstances: serving,
        desiredInstances: desired,
        billedInstances: Math.max(serving, desired),
        servedRequests: served,
        unservedRequests: d - served,
        alarmStates: { [HIGH_ALARM]: high, [LOW_ALARM]: d < 300 ? 'ALARM' : 'OK' },
      };
    });
  const figures = {
    minutes,
    underProvisionedMinutes: 31,
    underProvisionedPercent: 8.61,
    unservedRequests: 4321,
  };
  return {
    target: 'endpoint/demo<&>"/variant/AllTraffic',
    policy: fleet(2, 0),
    baseline: fleet(6, 1),
    outcomes: [
      {
        time: T0 + 60 * 60_000,
        eventId: 'e1',
        eventKey: 'k1',
        action: 'scale-out',
        status: 'Successful',
        fromCapacity: 4,
        toCapacity: 6,
        cause: 'morning & peak',
        reason: 'scheduled <min> 6',
        recorded: true,
      },
      {
        time: T0 + 61 * 60_000,
        eventId: 'e2',
        eventKey: 'k2',
        action: 'none',
        fromCapacity: 6,
        toCapacity: 6,
        cause: 'tick',
        reason: 'nothing to do',
        recorded: false,
      },
    ],
    scheduledFirings: [
      { time: T0 + 60 * 60_000, scheduledActionName: 'morning & peak' },
      { time: T0 + 300 * 60_000, scheduledActionName: 'evening-down' },
    ],
    alarmNames: [HIGH_ALARM, LOW_ALARM],
    summary: {
      ...figures,
      instanceHours: 1234.5,
      unservedPercent: 2.5,
      scalingActions: 17,
      deferredActions: 2,
      oracleInstanceHours: 987.6,
      costRatio: 1.25,
      baseline: {
        ...figures,
        instanceHours: 1500,
        unservedPercent: 0.75,
        scalingActions: 40,
        deferredActions: 0,
        costRatio: 1.52,
        targetValue: 70,
        targetValueSource: 'option',
      },
    },
    oracleBilled: oracleSchedule(demand, {
      capacityPerInstance: CAPACITY,
      startupSteps: 5,
      minCapacity: 2,
    }),
    capacityPerInstance: CAPACITY,
  };
}

interface Probed {
  title: string;
  heading: string;
  scripts: number;
  chart: { width: number; height: number } | null;
  series: Record<string, { width: number; height: number }>;
  bandColours: string[];
  bandNames: string[];
  markers: string[];
  markerLabels: string[];
  summary: Record<string, string[]>;
}

/** Runs in the page: what rendered, at what size, and what the summary table says. */
const PROBE = `(() => {
  const svg = document.querySelector('#timeline-chart');
  const box = (el) => { const b = el.getBBox(); return { width: b.width, height: b.height }; };
  const series = {};
  for (const path of document.querySelectorAll('#timeline-chart [data-series]')) series[path.dataset.series] = box(path);
  const summary = {};
  for (const row of document.querySelectorAll('#summary tbody tr')) summary[row.dataset.metric] = [...row.cells].map((c) => c.textContent);
  return {
    title: document.title,
    heading: document.querySelector('h1').textContent,
    scripts: document.scripts.length,
    chart: svg && { width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height },
    series,
    bandColours: [...document.querySelectorAll('.alarm-band rect')].map((r) => r.getAttribute('fill')),
    bandNames: [...document.querySelectorAll('.alarm-band .band-name')].map((t) => t.textContent),
    markers: [...document.querySelectorAll('.marker')].map((m) => m.dataset.name),
    markerLabels: [...document.querySelectorAll('.marker-label')].map((t) => t.textContent),
    summary,
  };
})()`;

/** What the zoomable chart shows: each panel's x range, series, lanes, and where the policy plot is. */
interface ZoomProbe {
  staticHidden: boolean;
  canvases: number;
  titles: string[];
  series: string[][];
  lanes: string[][];
  ranges: { min: number; max: number }[];
  /** The policy panel's plot area, in viewport pixels (scrolled into view). */
  plot: { left: number; top: number; width: number; height: number };
  /** The chart section, in page pixels: what the screenshot keeps. */
  section: { x: number; y: number; width: number; height: number };
}

/** Runs in the page, after a frame so uPlot has drawn what the last input asked for. */
const ZOOM_PROBE = `new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const timeline = window.scalerTimeline;
  const over = document.querySelector('#timeline-zoom .u-over');
  over.scrollIntoView({ block: 'center' });
  const plot = over.getBoundingClientRect();
  const section = document.querySelector('#timeline-zoom').closest('section').getBoundingClientRect();
  const data = JSON.parse(document.getElementById('zoom-data').textContent);
  done({
    staticHidden: document.getElementById('timeline-static').hidden,
    canvases: document.querySelectorAll('#timeline-zoom canvas').length,
    titles: [...document.querySelectorAll('#timeline-zoom .u-title')].map((t) => t.textContent),
    series: timeline.charts.map((u) => u.series.map((s) => s.label)),
    lanes: data.panels.map((p) => p.lanes.map((l) => l.name)),
    ranges: timeline.charts.map((u) => ({ min: u.scales.x.min, max: u.scales.x.max })),
    plot: { left: plot.left, top: plot.top, width: plot.width, height: plot.height },
    section: { x: section.left + scrollX, y: section.top + scrollY, width: section.width, height: section.height },
  });
})))`;

describe('report.html in a real browser', () => {
  it('renders the chart, alarm bands, scheduled markers and summary offline, without errors', async () => {
    expect(
      existsSync(CHROMIUM),
      `Chromium not found at ${CHROMIUM}. Install it: apt-get update && apt-get install -y chromium`,
    ).toBe(true);
    const dir = join(OUTPUT, 'report-e2e');
    const { reportPath, timelinePath, activitiesPath } = await writeSimulationOutputs(dir, syntheticRun(360));
    const html = await readFile(reportPath, 'utf8');
    // Self-contained: nothing to fetch (the SVG namespace is a name, not a request).
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(
      /https?:|<script|<link|@import|url\(/i,
    );

    const { value, errors, requests } = await inspectInChromium(reportPath, async (open) => {
      const probed = await open.evaluate(PROBE);
      await open.screenshot(join(OUTPUT, 'report.png'));
      return probed;
    });
    const page = value as Probed;
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(page.title).toBe('Simulation: endpoint/demo<&>"/variant/AllTraffic');
    expect(page.heading).toBe('endpoint/demo<&>"/variant/AllTraffic');
    expect(page.scripts).toBe(0);
    expect(page.chart).toMatchObject({ width: 1100 });
    expect(page.chart?.height).toBeGreaterThan(400);
    for (const key of [
      'demand',
      'serving',
      'desired',
      'billed',
      'baselineServing',
      'baselineDesired',
      'oracle',
    ]) {
      expect(page.series[key]?.width, key).toBeGreaterThan(900);
      expect(page.series[key]?.height, key).toBeGreaterThan(10);
    }
    expect(page.bandColours).toEqual(expect.arrayContaining(['#dc2626', '#22c55e', '#94a3b8']));
    // Each band names its alarm in full: the alarms of one endpoint share a long prefix.
    expect(page.bandNames).toEqual([`alarm ${HIGH_ALARM}`, `alarm ${LOW_ALARM}`]);
    expect(page.markers).toEqual(['morning & peak', 'evening-down']);
    expect(page.markerLabels).toEqual(['morning & peak', 'evening-down']);
    expect(page.summary['instance-hours']).toEqual(['Instance-hours', '1,234.5', '1,500.0', '987.6']);
    expect(page.summary['cost-ratio']).toEqual(['Cost ratio (÷ oracle)', '1.25×', '1.52×', '1.00×']);
    expect(page.summary['unserved-requests']).toEqual(['Unserved requests', '4,321', '4,321', '0']);
    expect(page.summary['scaling-actions']).toEqual(['Scaling actions', '17', '40', '—']);
    expect((await stat(join(OUTPUT, 'report.png'))).size).toBeGreaterThan(10_000);

    const csv = (await readFile(timelinePath, 'utf8')).trimEnd().split('\n');
    expect(csv).toHaveLength(361);
    expect(csv[0]).toBe(
      'time,demand,gap,serving,desired,billed,served,unserved,baseline_serving,baseline_desired,baseline_billed,oracle_billed,alarm:fraud-detector-invocations-high,alarm:fraud-detector-invocations-low',
    );
    expect(csv[1]).toMatch(/^2024-05-01T06:00:00\.000Z,420,false,/);
    const activities = (await readFile(activitiesPath, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(activities.map((a) => a.time)).toEqual(['2024-05-01T07:00:00.000Z', '2024-05-01T07:01:00.000Z']);
  });

  it('zooms a 30-day timeline by dragging across it, offline, and resets on a double-click', async () => {
    const minutes = 30 * 1440;
    const { reportPath } = await writeSimulationOutputs(join(OUTPUT, 'report-30d'), syntheticRun(minutes));
    const html = await readFile(reportPath, 'utf8');
    // The static chart stays in the page for a browser without JavaScript.
    expect(html).toContain('<svg id="timeline-chart"');
    const full = { min: T0 / 1000, max: (T0 + minutes * 60_000) / 1000 };
    const shot = join(OUTPUT, 'report-zoomed.png');
    const { value, errors, requests } = await inspectInChromium(reportPath, async (page) => {
      const before = (await page.evaluate(ZOOM_PROBE)) as ZoomProbe;
      // Drag from 40 % to 55 % of the policy plot's width, a third of the way down.
      const { left, top, width, height } = before.plot;
      const y = top + height / 3;
      const at = (share: number) => left + width * share;
      await page.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: at(0.4), y });
      await page.send('Input.dispatchMouseEvent', {
        type: 'mousePressed',
        x: at(0.4),
        y,
        button: 'left',
        buttons: 1,
        clickCount: 1,
      });
      for (const share of [0.45, 0.5, 0.55]) {
        await page.send('Input.dispatchMouseEvent', {
          type: 'mouseMoved',
          x: at(share),
          y,
          button: 'left',
          buttons: 1,
        });
      }
      await page.send('Input.dispatchMouseEvent', {
        type: 'mouseReleased',
        x: at(0.55),
        y,
        button: 'left',
        buttons: 0,
        clickCount: 1,
      });
      const zoomed = (await page.evaluate(ZOOM_PROBE)) as ZoomProbe;
      await page.screenshot(shot, zoomed.section);
      for (const clickCount of [1, 2]) {
        for (const type of ['mousePressed', 'mouseReleased']) {
          await page.send('Input.dispatchMouseEvent', { type, x: at(0.5), y, button: 'left', clickCount });
        }
      }
      const reset = (await page.evaluate(ZOOM_PROBE)) as ZoomProbe;
      return { before, zoomed, reset };
    });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const { before, zoomed, reset } = value;
    expect(before.staticHidden).toBe(true);
    expect(before.canvases).toBe(2);
    expect(before.titles).toEqual(['Policy', 'Baseline: target tracking']);
    expect(before.lanes).toEqual([
      [`alarm ${HIGH_ALARM}`, `alarm ${LOW_ALARM}`, 'unserved requests'],
      ['unserved requests'],
    ]);
    expect(before.series).toEqual([
      [
        'UTC',
        'demand (required instances)',
        'oracle billed',
        'policy serving',
        'policy desired',
        'policy billed',
      ],
      [
        'UTC',
        'demand (required instances)',
        'oracle billed',
        'baseline serving',
        'baseline desired',
        'baseline billed',
      ],
    ]);
    for (const range of before.ranges) {
      expect(range.min).toBeCloseTo(full.min, -1);
      expect(range.max).toBeCloseTo(full.max, -1);
    }
    // The drag covered 15 % of the plot: both panels now show about 4.5 days, from about day 12.
    const span = full.max - full.min;
    for (const range of zoomed.ranges) {
      expect(range.max - range.min).toBeGreaterThan(0.1 * span);
      expect(range.max - range.min).toBeLessThan(0.2 * span);
      expect(range.min).toBeGreaterThan(full.min + 0.35 * span);
      expect(range.max).toBeLessThan(full.min + 0.6 * span);
    }
    expect(zoomed.ranges[1]).toEqual(zoomed.ranges[0]);
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
    for (const range of reset.ranges) {
      expect(range.min).toBeCloseTo(full.min, -1);
      expect(range.max).toBeCloseTo(full.max, -1);
    }
  });

  it("inlines uPlot from the compiled CLI's report: two days of NASA traffic open zoomable, offline", async () => {
    const out = join(OUTPUT, 'report-cli');
    const run = spawnSync(
      process.execPath,
      [
        'bin/scaler.mjs',
        'simulate',
        '--trace',
        'test/fixtures/traces/nasa_http_1995_0712-0713_1min.csv',
        '--capacity-per-instance',
        '1000',
        '--scale',
        '25',
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    // dist/cli ran, not the TypeScript: the build finds uPlot in node_modules too.
    expect(run.stderr).not.toContain('running the TypeScript');
    const { value, errors, requests } = await inspectInChromium(join(out, 'report.html'), (page) =>
      page.evaluate(ZOOM_PROBE),
    );
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const probe = value as ZoomProbe;
    expect(probe.canvases).toBe(2);
    expect(probe.staticHidden).toBe(true);
    const [policy] = probe.ranges;
    // The whole trace: 1995-07-12 04:00 to 07-14 04:00 UTC.
    expect(policy?.min).toBe(Date.UTC(1995, 6, 12, 4) / 1000);
    expect(policy?.max).toBe(Date.UTC(1995, 6, 14, 4) / 1000);
  });

  it('keeps a 90,000-minute report under 2 MB by drawing one column per pixel', async () => {
    await mkdir(OUTPUT, { recursive: true });
    const { reportPath } = await writeSimulationOutputs(join(OUTPUT, 'report-long'), syntheticRun(90_000));
    const html = await readFile(reportPath, 'utf8');
    expect(Buffer.byteLength(html)).toBeLessThan(2_000_000);
    expect(html).toContain('Each drawn column stands for about');
  });
});
