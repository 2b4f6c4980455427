/**
 * The tune report (`scaler tune --out DIR`'s report.html) in a real browser: built from a real
 * small tune (two days of a daily pattern, one held out, a budget of 10 candidates simulated through the
 * decision path in process), opened offline in headless Chromium.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimulatedTrace } from '../../shared/sim/trace/trace.ts';
import { inProcessEvaluator } from '../../shared/tune/evaluator.ts';
import { FAMILY_COLOURS } from '../../shared/tune/report/chart.ts';
import { frontierOf, parameterLabel } from '../../shared/tune/report/frontier.ts';
import { tuneReportHtml } from '../../shared/tune/report/html.ts';
import { type HeldOut, runTune } from '../../shared/tune/run-tune.ts';
import { verdictText } from '../../shared/tune/tune-text.ts';
import { target } from '../support/builders.ts';
import { CHROMIUM, inspectInChromium } from '../support/chromium.ts';

const OUTPUT = resolve('test-output');
const MINUTE = 60_000;
const DAY = 1440;
const START = Date.UTC(2026, 10, 2);

/** Two days of a quiet night and a busy afternoon, one step a minute. */
function dailyTrace(): SimulatedTrace {
  const length = 2 * DAY;
  const requests = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const hour = Math.floor((i % DAY) / 60);
    requests[i] = (hour >= 12 && hour < 20 ? 4200 : 1200) + ((i * 7919) % 600);
  }
  const time = new Float64Array(length).map((_, i) => START + i * MINUTE);
  return { start: START, length, stepSeconds: 60, time, requests, gap: new Uint8Array(length) };
}

function smallTune() {
  const trace = dailyTrace();
  const simulation = { capacityPerInstance: 1000, instanceStartupSeconds: 300 };
  return runTune({
    target: target({ minCapacity: 1, maxCapacity: 20, stepPolicies: [] }),
    history: trace,
    window: { from: trace.start, to: trace.start + trace.length * MINUTE },
    simulation,
    slo: { maxUnderProvisionedPercent: 2 },
    holdoutDays: 1,
    budget: 10,
    evaluatorFor: (history, training) => inProcessEvaluator(history, training, simulation),
  });
}

interface Probed {
  title: string;
  scripts: number;
  chart: { width: number; height: number } | null;
  points: { family: string; cx: string; cy: string }[];
  labels: { fill: string; text: string; width: number }[];
  chosen: { cx: string; cy: string } | null;
  markLabels: string[];
  headers: string[];
  rows: Record<string, string[]>;
}

/** Runs in the page: the chart's points and labels, the chosen mark, the held-out table. */
const PROBE = `(() => {
  const svg = document.querySelector('#frontier-chart');
  const chosen = document.querySelector('#chosen-point');
  const rows = {};
  for (const row of document.querySelectorAll('#held-out tbody tr')) rows[row.dataset.metric] = [...row.cells].map((c) => c.textContent);
  return {
    title: document.title,
    scripts: document.scripts.length,
    chart: svg && { width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height },
    points: [...document.querySelectorAll('#frontier-chart circle.point')].map((c) => ({ family: c.dataset.family, cx: c.getAttribute('cx'), cy: c.getAttribute('cy') })),
    labels: [...document.querySelectorAll('#frontier-chart .point-label')].map((t) => ({ fill: t.getAttribute('fill'), text: t.textContent, width: t.getBBox().width })),
    chosen: chosen && { cx: chosen.getAttribute('cx'), cy: chosen.getAttribute('cy') },
    markLabels: [...document.querySelectorAll('#frontier-chart .mark-label')].map((t) => t.textContent),
    headers: [...document.querySelectorAll('#held-out thead th')].map((th) => th.textContent),
    rows,
  };
})()`;

const instanceHours = (run: HeldOut | undefined) =>
  run && 'summary' in run ? run.summary.instanceHours : Number.NaN;

describe('the tune report in a real browser', () => {
  it('opens offline without errors: a labelled frontier per family, the chosen point, the held-out table of three', {
    timeout: 60_000,
  }, async () => {
    expect(
      existsSync(CHROMIUM),
      `Chromium not found at ${CHROMIUM}. Install it: apt-get update && apt-get install -y chromium`,
    ).toBe(true);
    const outcome = await smallTune();
    const { chosen, reference } = outcome;
    expect(chosen, 'the small tune chose nothing').toBeDefined();
    expect(reference, 'the small tune found no target tracking reference').toBeDefined();
    const columns = [
      `tuned (${chosen?.family})`,
      'current (scaling.yml)',
      `target tracking @ ${reference?.parameters.targetValue}`,
    ];
    const html = tuneReportHtml(outcome, {
      title: 'ranker/AllTraffic',
      source: 'daily.csv',
      verdict: verdictText(outcome),
      columns,
    });
    // Self-contained: nothing to fetch (the SVG namespace is a name, not a request).
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(
      /https?:|<script|<link|@import|url\(/i,
    );
    const dir = join(OUTPUT, 'tune-report-e2e');
    await mkdir(dir, { recursive: true });
    const reportPath = join(dir, 'report.html');
    await writeFile(reportPath, html);
    const screenshot = join(OUTPUT, 'tune-report.png');

    const { value, errors, requests } = await inspectInChromium(reportPath, async (open) => {
      const probed = await open.evaluate(PROBE);
      await open.screenshot(screenshot);
      return probed;
    });
    const page = value as Probed;
    expect(errors).toEqual([]);
    // Offline: nothing requested besides the page's own document.
    expect(requests).toEqual([]);
    expect(page.title).toBe('scaler tune: ranker/AllTraffic');
    expect(page.scripts).toBe(0);
    expect(page.chart?.width).toBeGreaterThan(1000);
    expect(page.chart?.height).toBeGreaterThan(300);

    // Every family searched: a point per candidate, and its frontier labelled with its parameters.
    const searched = outcome.families.filter((family) => family.tried.length > 0);
    expect(searched.map((family) => family.family)).toEqual(Object.keys(FAMILY_COLOURS));
    for (const family of searched) {
      const colour = FAMILY_COLOURS[family.family];
      expect(page.points.filter((point) => point.family === family.family)).toHaveLength(family.tried.length);
      const labels = page.labels.filter((label) => label.fill === colour);
      expect(labels.length, family.family).toBeGreaterThan(0);
      expect(labels.map((label) => label.text)).toEqual(frontierOf(family.tried).map(parameterLabel));
      for (const label of labels) expect(label.width, label.text).toBeGreaterThan(0);
    }

    // The chosen point is marked on one of its family's points, and says so.
    expect(page.chosen).not.toBeNull();
    expect(
      page.points.some(
        (point) =>
          point.family === chosen?.family && point.cx === page.chosen?.cx && point.cy === page.chosen?.cy,
      ),
    ).toBe(true);
    expect(page.markLabels).toContain('chosen');

    // The held-out summary: tuned, current and target tracking side by side, with the oracle.
    expect(page.headers).toEqual(['', ...columns, 'Oracle']);
    const hours = page.rows['instance-hours']?.slice(1, 4).map((cell) => Number(cell.replaceAll(',', '')));
    const { heldOut } = outcome;
    for (const [i, run] of [heldOut.chosen, heldOut.current, heldOut.reference].entries()) {
      expect(hours?.[i]).toBeCloseTo(instanceHours(run), 1);
    }
    for (const metric of ['cost-ratio', 'under-provisioned', 'unserved', 'scaling-actions']) {
      expect(page.rows[metric], metric).toHaveLength(5);
      expect(
        page.rows[metric]?.slice(1, 4).every((cell) => /\d/.test(cell)),
        metric,
      ).toBe(true);
    }
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
    expect(await readFile(reportPath, 'utf8')).toBe(html);
  });
});
