import { describe, expect, it } from 'vitest';
import { periodFor } from '../../../shared/adapters/aws/cloudwatch-load-history.ts';
import {
  cloudWatchReadPlan,
  readCloudWatchWindow,
  tuneHistorySource,
} from '../../../shared/cli/commands/tune-history.ts';
import { CliError } from '../../../shared/cli/errors.ts';
import type { LoadHistory } from '../../../shared/domain/forecast/index.ts';
import type { LoadHistoryReader } from '../../../shared/ports/load-history.ts';
import { traceFromLoadHistories } from '../../../shared/sim/trace/load-history-trace.ts';
import { totalRequests } from '../../../shared/sim/trace/trace.ts';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
// Not on a five-minute boundary: the window ends at 10:15.
const NOW = Date.parse('2026-12-06T10:17:42.000Z');
const TO = Date.parse('2026-12-06T10:15:00.000Z');

describe('cloudWatchReadPlan', () => {
  it('reads the last 14 days at 60 s and the days before them at 300 s', () => {
    const plan = cloudWatchReadPlan(NOW, 30);
    expect(plan.window).toEqual({ from: TO - 30 * DAY, to: TO });
    expect(plan.parts).toEqual([
      { from: TO - 30 * DAY, to: TO - 14 * DAY, periodSeconds: 300 },
      { from: TO - 14 * DAY, to: TO, periodSeconds: 60 },
    ]);
    // The production adapter asks for the same periods for those starts at that time.
    for (const part of plan.parts) expect(periodFor(part.from, NOW)).toBe(part.periodSeconds);
  });

  it('reads 14 days or fewer at one minute only', () => {
    expect(cloudWatchReadPlan(NOW, 14).parts).toEqual([{ from: TO - 14 * DAY, to: TO, periodSeconds: 60 }]);
    expect(cloudWatchReadPlan(NOW, 3).parts).toEqual([{ from: TO - 3 * DAY, to: TO, periodSeconds: 60 }]);
  });

  it('reads the 15th day back at five minutes: it starts more than 15 days before now', () => {
    const [older] = cloudWatchReadPlan(NOW, 15).parts;
    expect(older).toEqual({ from: TO - 15 * DAY, to: TO - 14 * DAY, periodSeconds: 300 });
    expect(NOW - TO + 15 * DAY).toBeGreaterThan(15 * DAY);
    expect(periodFor(TO - 15 * DAY, NOW)).toBe(300);
  });

  it('starts a 63-day read at the oldest five minutes CloudWatch still keeps', () => {
    const plan = cloudWatchReadPlan(NOW, 63);
    expect(plan.window.from).toBe(TO - 63 * DAY);
    // 63 days before 10:17:42 is 10:17:42; the first whole five minutes after it is 10:20.
    expect(plan.parts[0]).toEqual({
      from: Date.parse('2026-10-04T10:20:00.000Z'),
      to: TO - 14 * DAY,
      periodSeconds: 300,
    });
    expect(periodFor(plan.parts[0]?.from as number, NOW)).toBe(300);
    expect(periodFor(plan.window.from, NOW)).toBe(3600);
  });
});

describe('tuneHistorySource', () => {
  const usage = (options: Parameters<typeof tuneHistorySource>[0]) => {
    try {
      tuneHistorySource(options);
    } catch (error) {
      if (error instanceof CliError) return { code: error.exitCode, message: error.message };
      throw error;
    }
    throw new Error('expected a usage error');
  };

  it('takes exactly one of --trace and --from-cloudwatch --days', () => {
    expect(tuneHistorySource({ trace: 'a.csv' })).toEqual({ kind: 'trace', path: 'a.csv' });
    expect(tuneHistorySource({ fromCloudwatch: true, days: 20 })).toEqual({ kind: 'cloudwatch', days: 20 });
    expect(usage({ trace: 'a.csv', fromCloudwatch: true, days: 3 })).toEqual({
      code: 2,
      message: 'choose one history: --trace FILE or --from-cloudwatch --days N, not both',
    });
    expect(usage({})).toEqual({
      code: 2,
      message: 'choose the history: --trace FILE, or --from-cloudwatch --days N',
    });
    expect(usage({ fromCloudwatch: true })).toEqual({
      code: 2,
      message: '--from-cloudwatch needs --days N: the days of history to read, up to 63',
    });
    expect(usage({ trace: 'a.csv', days: 3 }).message).toMatch(/^--days goes with --from-cloudwatch/);
    expect(usage({ fromCloudwatch: true, days: 3, from: 0 }).message).toMatch(/^--from and --to cut a trace/);
  });
});

describe('traceFromLoadHistories', () => {
  it('spreads five-minute counts evenly over their minutes as the trace reader does, keeps minutes, and marks the rest as gaps', () => {
    const from = Date.parse('2026-11-01T00:00:00.000Z');
    const fiveMinutes: LoadHistory = {
      periodMs: 5 * MINUTE,
      points: [
        { time: from + 5 * MINUTE, requests: 503 },
        { time: from + 10 * MINUTE, requests: 2.5 },
      ],
    };
    const minutes: LoadHistory = {
      periodMs: MINUTE,
      points: [
        { time: from + 15 * MINUTE, requests: 7 },
        { time: from + 16 * MINUTE, requests: 0 },
      ],
    };
    const trace = traceFromLoadHistories([fiveMinutes, minutes], { from, to: from + 18 * MINUTE });
    expect(trace.start).toBe(from);
    expect(trace.length).toBe(18);
    expect([...trace.requests]).toEqual([
      0, 0, 0, 0, 0, 101, 101, 101, 100, 100, 0.5, 0.5, 0.5, 0.5, 0.5, 7, 0, 0,
    ]);
    expect([...trace.gap]).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(totalRequests(trace)).toBe(503 + 2.5 + 7);
    expect(trace.time[5]).toBe(from + 5 * MINUTE);
    expect(
      traceFromLoadHistories([minutes], { from, to: from + 18 * MINUTE }, { scale: 2 }).requests[15],
    ).toBe(14);
  });
});

describe('readCloudWatchWindow', () => {
  /** A reader answering each part with one point per period of `requests`, recording what it was asked. */
  function steadyReader(requestsPerMinute: number) {
    const asked: { from: number; to: number }[] = [];
    const reader: LoadHistoryReader = {
      async readLoadHistory(_target, window) {
        asked.push(window);
        const periodMs = periodFor(window.from, NOW) * 1000;
        const points = [];
        for (let time = window.from; time < window.to; time += periodMs)
          points.push({ time, requests: (requestsPerMinute * periodMs) / MINUTE });
        return { periodMs, points };
      },
    };
    return { reader, asked };
  }

  it('reads each part, lays them on the minutes of the window, and says which days came at five minutes', async () => {
    const { reader, asked } = steadyReader(40);
    const plan = cloudWatchReadPlan(NOW, 20);
    const window = await readCloudWatchWindow(
      reader,
      { endpointName: 'shop', variantName: 'AllTraffic' },
      plan,
      1,
    );
    expect(asked).toEqual(plan.parts.map(({ from, to }) => ({ from, to })));
    expect(window.trace.length).toBe(20 * 1440);
    expect(window.history).toBe(window.trace);
    expect(window.trace.requests.every((value) => value === 40)).toBe(true);
    expect(window.note).toBe(
      '20 days of CloudWatch history: days 1..6 at 5-minute resolution, spread evenly over their minutes; days 7..20 at 1-minute resolution',
    );
    expect(window.source).toBe(
      'CloudWatch AWS/SageMaker Invocations of shop/AllTraffic, 2026-11-16T10:15Z .. 2026-12-06T10:15Z',
    );
  });

  it('is a usage error when the variant has no data point in the window', async () => {
    const empty: LoadHistoryReader = { readLoadHistory: async () => ({ periodMs: MINUTE, points: [] }) };
    const read = readCloudWatchWindow(
      empty,
      { endpointName: 'shop', variantName: 'AllTraffic' },
      cloudWatchReadPlan(NOW, 5),
      undefined,
    );
    await expect(read).rejects.toMatchObject({
      exitCode: 2,
      message:
        'shop/AllTraffic: CloudWatch has no AWS/SageMaker Invocations data points for it from 2026-12-01T10:15Z to 2026-12-06T10:15Z (check --target and --region, or use --trace)',
    });
  });
});
