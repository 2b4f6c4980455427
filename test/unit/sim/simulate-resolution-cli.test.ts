import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CONFIG = 'test/fixtures/config/high-resolution.yml';
const CONV_1S = 'traces/azure_llm_2023_conv_1s.csv';
const NASA_SLICE = 'test/fixtures/traces/nasa_http_1995_0712-0713_1min.csv';
const HIGH_ALARM = 'ScalerTargetTracking-endpoint/chat-llm/variant/AllTraffic-concurrency-AlarmHigh';
const work = mkdtempSync(join(tmpdir(), 'scaler-simulate-10s-'));

function simulate(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/scaler.mjs'), 'simulate', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('scaler simulate with a high-resolution policy', () => {
  it('runs the high-resolution command of docs/simulate.md at 10-s resolution, says so, and writes one timeline row per step', () => {
    const out = join(work, 'latency');
    const run = simulate(
      '--config',
      CONFIG,
      '--trace',
      CONV_1S,
      '--capacity-per-instance',
      '180',
      '--latency-ms',
      '2000',
      '--out',
      out,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'endpoint/chat-llm/variant/AllTraffic: 60 simulated minutes in 360 steps of 10 s (2023-11-16T18:15Z .. 2023-11-16T19:15Z)',
    );
    expect(run.stdout).toContain(
      `resolution 10 s: high-resolution alarm ${HIGH_ALARM} (period 10 s); the trace's 1-s rows summed into 10-s steps\n`,
    );
    expect(run.stdout).toContain(
      "ConcurrentRequestsPerModel: arrivals × 2000 ms per request (--latency-ms) over the serving instances (Little's law)",
    );
    // Under-provisioned time stays in minutes, to a tenth (a 10-s step is a sixth of one).
    expect(run.stdout).toMatch(/minutes under-provisioned\s+\d+\.\d \(\d+\.\d\d %\)/);
    const timeline = readFileSync(join(out, 'timeline.csv'), 'utf8').trim().split('\n');
    expect(timeline).toHaveLength(1 + 360);
    expect(timeline[2]?.startsWith('2023-11-16T18:15:10.000Z,')).toBe(true);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain(`resolution 10 s: high-resolution alarm ${HIGH_ALARM} (period 10 s)`);
    expect(report).toContain('60 minutes in 360 10-s steps');
    // Activities between whole minutes are listed to the second.
    expect(report).toContain('<td>2023-11-16 18:16:40</td><td>scale-out</td>');
  });

  it('adds the resolution to --json and keeps every one-minute field', () => {
    const run = simulate(
      '--config',
      CONFIG,
      '--trace',
      CONV_1S,
      '--capacity-per-instance',
      '180',
      '--ms-per-token',
      '1.5',
      '--json',
    );
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(Object.keys(summary)).toEqual([
      'minutes',
      'instanceHours',
      'underProvisionedMinutes',
      'underProvisionedPercent',
      'unservedRequests',
      'unservedPercent',
      'scalingActions',
      'deferredActions',
      'oracleInstanceHours',
      'costRatio',
      'baseline',
      'resolution',
    ]);
    expect(summary.minutes).toBe(60);
    expect(summary.resolution).toEqual({
      stepSeconds: 10,
      steps: 360,
      reason: `high-resolution alarm ${HIGH_ALARM} (period 10 s)`,
      traceStepSeconds: 1,
    });
    expect(summary.scalingActions).toBeGreaterThan(0);
  });

  it('exits 2 naming the options when nothing gives ConcurrentRequestsPerModel a service time', () => {
    const run = simulate('--config', CONFIG, '--trace', CONV_1S, '--capacity-per-instance', '180');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give --latency-ms N (a fixed time per request) or --ms-per-token N');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for --ms-per-token on a trace without token columns, naming the file and the columns', () => {
    const run = simulate(
      '--config',
      CONFIG,
      '--trace',
      NASA_SLICE,
      '--capacity-per-instance',
      '180',
      '--ms-per-token',
      '2',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `${NASA_SLICE}: --ms-per-token times the trace's context_tokens + generated_tokens per request, but the trace has no context_tokens or generated_tokens column; give --latency-ms N (a fixed time per request) instead\n`,
    );
  });

  it('exits 2 when both service-time options are given', () => {
    const run = simulate(
      '--config',
      CONFIG,
      '--trace',
      CONV_1S,
      '--capacity-per-instance',
      '180',
      '--latency-ms',
      '2000',
      '--ms-per-token',
      '2',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      '--latency-ms and --ms-per-token both give the service time of a request: choose one\n',
    );
  });
});
