/**
 * `scaler tune --from-cloudwatch` against the local AWS emulator: the production CloudWatch
 * adapter reads the history with GetMetricData, the older days at five minutes (the emulator, as
 * CloudWatch, returns nothing for a one-minute query starting more than 15 days ago), and the
 * whole command runs on it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudWatchLoadHistory } from '../../../shared/adapters/aws/cloudwatch-load-history.ts';
import { cloudWatchReadPlan, readCloudWatchWindow } from '../../../shared/cli/commands/tune-history.ts';
import { parseConfigText } from '../../../shared/config/index.ts';
import type { EmulatorBackend } from '../../../shared/local/emulator/backend.ts';
import { type AwsEmulator, startEmulator } from '../../../shared/local/emulator/server.ts';
import { SimulatedCloudWatch } from '../../../shared/sim/cloudwatch/simulated-cloudwatch.ts';
import { SimulatedMetricStore } from '../../../shared/sim/cloudwatch/simulated-metrics.ts';
import { SimulatedEndpointFleet } from '../../../shared/sim/fleet/simulated-endpoint.ts';
import { runScaler, type ScalerRun } from '../../support/scaler-cli.ts';

const MINUTE = 60_000;
const FIVE_MINUTES = 5 * MINUTE;
const DAY = 1440 * MINUTE;
const TARGET = { endpointName: 'ranker', variantName: 'AllTraffic' };
const INVOCATIONS = {
  namespace: 'AWS/SageMaker',
  metricName: 'Invocations',
  dimensions: { EndpointName: 'ranker', VariantName: 'AllTraffic' },
};

/** A daily pattern, one count a minute: busy 12:00-20:00 UTC. */
function requestsAt(time: number): number {
  const hour = new Date(time).getUTCHours();
  return (hour >= 12 && hour < 20 ? 4200 : 1200) + (((time / MINUTE) * 7919) % 600);
}

/**
 * 20 days of Invocations up to `now`, as CloudWatch holds them when read at `now`: one data point a
 * minute for the last 14 days (and a margin), one per five minutes (the five minutes' sum) before.
 */
function backendWithHistory(now: () => number): EmulatorBackend {
  const end = Math.floor(now() / MINUTE) * MINUTE;
  const start = end - 20 * DAY;
  const store = new SimulatedMetricStore(start, 20 * 1440 + 24 * 60);
  const minutesFrom = Math.floor((end - 14 * DAY - 60 * MINUTE) / FIVE_MINUTES) * FIVE_MINUTES;
  for (let time = start; time < end; time += MINUTE) {
    if (time >= minutesFrom) store.addDatapoint(INVOCATIONS, time, requestsAt(time));
    else if (time % FIVE_MINUTES === 0) {
      let sum = 0;
      for (let minute = time; minute < time + FIVE_MINUTES; minute += MINUTE) sum += requestsAt(minute);
      store.addDatapoint(INVOCATIONS, time, sum);
    }
  }
  return {
    fleet: new SimulatedEndpointFleet(),
    cloudWatch: new SimulatedCloudWatch(store),
    region: 'eu-west-1',
    account: '123456789012',
    alarmActions: new Map(),
    now,
  };
}

let emulator: AwsEmulator;
const work = mkdtempSync(join(tmpdir(), 'scaler-tune-cw-'));

beforeAll(async () => {
  emulator = await startEmulator({ backend: backendWithHistory(() => Date.now()) });
});
afterAll(async () => {
  await emulator.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the history of tune --from-cloudwatch, read through the CloudWatch adapter from the emulator', () => {
  it('reads the days older than 14 at five minutes and spreads them evenly; the recent days minute by minute', async () => {
    const now = Date.parse('2026-12-06T10:17:42.000Z');
    emulator.serve(backendWithHistory(() => now));
    const client = new CloudWatchClient({
      endpoint: emulator.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const plan = cloudWatchReadPlan(now, 17);
      const window = await readCloudWatchWindow(
        new CloudWatchLoadHistory(client, () => now),
        TARGET,
        plan,
        1,
      );
      expect(window.note).toBe(
        '17 days of CloudWatch history: days 1..3 at 5-minute resolution, spread evenly over their minutes; days 4..17 at 1-minute resolution',
      );
      const { trace } = window;
      expect(trace.start).toBe(plan.window.from);
      expect(trace.gap.every((gap) => gap === 0)).toBe(true);
      // An old five minutes: its sum, split into whole counts over its minutes.
      const old = 2 * 1440 + 125;
      const fiveMinuteSum = [0, 1, 2, 3, 4].reduce(
        (sum, i) => sum + requestsAt(trace.start + (old + i) * MINUTE),
        0,
      );
      const spread = [...trace.requests.slice(old, old + 5)];
      expect(spread.reduce((a, b) => a + b, 0)).toBe(fiveMinuteSum);
      expect(Math.max(...spread) - Math.min(...spread)).toBeLessThanOrEqual(1);
      // A recent minute: exactly what was published for it.
      const recent = 10 * 1440 + 77;
      expect(trace.requests[recent]).toBe(requestsAt(trace.start + recent * MINUTE));
      // A one-minute query over the old days gets nothing, as from CloudWatch: the period matters.
      const minuteRead = await new CloudWatchLoadHistory(
        client,
        () => plan.window.from + 14 * DAY,
      ).readLoadHistory(TARGET, {
        from: plan.window.from,
        to: plan.window.from + DAY,
      });
      expect(minuteRead).toEqual({ periodMs: MINUTE, points: [] });
    } finally {
      client.destroy();
      emulator.serve(backendWithHistory(() => Date.now()));
    }
  });
});

describe('scaler tune --from-cloudwatch', () => {
  function scaler(...args: string[]): Promise<ScalerRun> {
    return runScaler(['tune', ...args], { AWS_ENDPOINT_URL_CLOUDWATCH: emulator.endpoint });
  }

  const config = join(work, 'scaling.yml');
  writeFileSync(
    config,
    `targets:
  - endpointName: ranker
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 20
    targetTrackingPolicies:
      - policyName: mine
        targetValue: 500
        predefinedMetricSpecification: { predefinedMetricType: SageMakerVariantInvocationsPerInstance }
`,
  );

  it('tunes end to end on 16 days read from the emulator, and says which days came at five minutes', async () => {
    const out = join(work, 'out');
    const run = await scaler(
      '--config',
      config,
      '--from-cloudwatch',
      '--days',
      '16',
      '--region',
      'eu-west-1',
      '--capacity-per-instance',
      '1000',
      '--max-under-provisioned',
      '2',
      '--holdout',
      '14',
      '--candidates',
      '10',
      '--out',
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      '16 days of CloudWatch history: days 1..2 at 5-minute resolution, spread evenly over their minutes; days 3..16 at 1-minute resolution',
    );
    expect(run.stdout).toMatch(/ranker\/AllTraffic: \d+ candidates in \d+ families simulated/);
    expect(emulator.calls.get('cloudwatch.GetMetricData')).toBeGreaterThanOrEqual(2);
    const tuned = readFileSync(join(out, 'scaling.yml'), 'utf8');
    expect(tuned).toMatch(
      /# Tuned by `scaler tune` on .+ from CloudWatch AWS\/SageMaker Invocations of ranker\/AllTraffic/,
    );
    expect(parseConfigText(tuned, 'tuned.yml').targets).toHaveLength(1);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 120_000);

  it('caps --days at 63, what CloudWatch keeps at five minutes (exit 2)', async () => {
    const run = await scaler(
      '--config',
      config,
      '--from-cloudwatch',
      '--days',
      '64',
      '--capacity-per-instance',
      '1000',
      '--max-under-provisioned',
      '2',
      '--out',
      join(work, 'never'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "--days expects a whole number of days from 1 to 63 (CloudWatch keeps five-minute data for 63 days), found '64'",
    );
  });
});
