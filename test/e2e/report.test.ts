import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AlarmStateValue } from '../../shared/domain/model.ts';
import { oracleSchedule } from '../../shared/sim/references/oracle.ts';
import type { SimulationRun } from '../../shared/sim/report/outputs.ts';
import { writeSimulationOutputs } from '../../shared/sim/report/outputs.ts';
import type { SimulatedMinute } from '../../shared/sim/timeline.ts';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = resolve('test-output');
const T0 = Date.UTC(2024, 4, 1, 6, 0);
const CAPACITY = 100;

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
        alarmStates: { 'high-invocations': high, 'low-invocations': d < 300 ? 'ALARM' : 'OK' },
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
    alarmNames: ['high-invocations', 'low-invocations'],
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

/** A Chrome DevTools Protocol client over `--remote-debugging-pipe`: NUL-separated JSON on fds 3 and 4. */
function cdpOverPipe(child: ChildProcess) {
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  const pending = new Map<
    number,
    { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }
  >();
  const listeners: ((method: string, params: Record<string, unknown>) => void)[] = [];
  let buffer = '';
  let nextId = 1;
  output.setEncoding('utf8');
  output.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const waiting = pending.get(message.id);
      if (waiting) {
        pending.delete(message.id);
        if (message.error) waiting.reject(new Error(`CDP: ${JSON.stringify(message.error)}`));
        else waiting.resolve(message.result);
      } else if (message.method) for (const listen of listeners) listen(message.method, message.params);
    }
  });
  return {
    send(
      method: string,
      params: Record<string, unknown> = {},
      sessionId?: string,
    ): Promise<Record<string, unknown>> {
      const id = nextId++;
      input.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    on(listen: (method: string, params: Record<string, unknown>) => void) {
      listeners.push(listen);
    },
  };
}

/** Opens `file` in headless Chromium, runs `probe` in it, screenshots it, and collects every error it logs. */
async function inspectInChromium(file: string, probe: string, screenshot: string) {
  const profile = await mkdtemp(join(tmpdir(), 'report-chromium-'));
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'];
  flags.push('--disable-background-networking', '--disable-component-update', '--disable-sync');
  const child = spawn(CHROMIUM, [...flags, `--user-data-dir=${profile}`, '--remote-debugging-pipe'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  // Time-boxed: a hung browser fails the test instead of hanging CI.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('Chromium did not finish within 60 s'));
    }, 60_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const session = async () => {
    const cdp = cdpOverPipe(child);
    const errors: string[] = [];
    let loaded: () => void = () => {};
    const load = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    cdp.on((method, params) => {
      if (method === 'Page.loadEventFired') loaded();
      if (method === 'Runtime.exceptionThrown') errors.push(`exception: ${JSON.stringify(params)}`);
      if (
        method === 'Runtime.consoleAPICalled' &&
        ['error', 'assert', 'warning'].includes(String(params.type))
      )
        errors.push(`console ${params.type}: ${JSON.stringify(params.args)}`);
      const entry = params.entry as { level?: string; text?: string } | undefined;
      if (method === 'Log.entryAdded' && entry?.level === 'error') errors.push(`log: ${entry.text}`);
    });
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as {
      sessionId: string;
    };
    for (const domain of ['Runtime', 'Log', 'Page']) await cdp.send(`${domain}.enable`, {}, sessionId);
    await cdp.send(
      'Emulation.setDeviceMetricsOverride',
      { width: 1240, height: 900, deviceScaleFactor: 1, mobile: false },
      sessionId,
    );
    await cdp.send('Page.navigate', { url: pathToFileURL(file).href }, sessionId);
    await load;
    const evaluated = await cdp.send(
      'Runtime.evaluate',
      { expression: probe, returnByValue: true },
      sessionId,
    );
    const { cssContentSize } = (await cdp.send('Page.getLayoutMetrics', {}, sessionId)) as {
      cssContentSize: { width: number; height: number };
    };
    const clip = { x: 0, y: 0, width: cssContentSize.width, height: cssContentSize.height, scale: 1 };
    const shot = await cdp.send(
      'Page.captureScreenshot',
      { format: 'png', captureBeyondViewport: true, clip },
      sessionId,
    );
    await writeFile(screenshot, Buffer.from(String(shot.data), 'base64'));
    await cdp.send('Browser.close');
    return { value: (evaluated.result as { value: unknown }).value, errors };
  };
  try {
    return await Promise.race([session(), timeout]);
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    await rm(profile, { recursive: true, force: true });
  }
}

interface Probed {
  title: string;
  heading: string;
  scripts: number;
  chart: { width: number; height: number } | null;
  series: Record<string, { width: number; height: number }>;
  bandColours: string[];
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
    markers: [...document.querySelectorAll('.marker')].map((m) => m.dataset.name),
    markerLabels: [...document.querySelectorAll('.marker-label')].map((t) => t.textContent),
    summary,
  };
})()`;

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

    const { value, errors } = await inspectInChromium(reportPath, PROBE, join(OUTPUT, 'report.png'));
    const page = value as Probed;
    expect(errors).toEqual([]);
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
      'time,demand,gap,serving,desired,billed,served,unserved,baseline_serving,baseline_desired,baseline_billed,oracle_billed,alarm:high-invocations,alarm:low-invocations',
    );
    expect(csv[1]).toMatch(/^2024-05-01T06:00:00\.000Z,420,false,/);
    const activities = (await readFile(activitiesPath, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(activities.map((a) => a.time)).toEqual(['2024-05-01T07:00:00.000Z', '2024-05-01T07:01:00.000Z']);
  });

  it('keeps a 90,000-minute report under 2 MB by drawing one column per pixel', async () => {
    await mkdir(OUTPUT, { recursive: true });
    const { reportPath } = await writeSimulationOutputs(join(OUTPUT, 'report-long'), syntheticRun(90_000));
    const html = await readFile(reportPath, 'utf8');
    expect(Buffer.byteLength(html)).toBeLessThan(2_000_000);
    expect(html).toContain('Each drawn column stands for about');
  });
});
