import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const NASA_SLICE = join(ROOT, 'test/fixtures/traces/nasa_http_1995_0712-0713_1min.csv');
const work = mkdtempSync(join(tmpdir(), 'scaler-simulate-'));

function scaler(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/scaler.mjs'), 'simulate', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('scaler simulate', () => {
  it('prints one JSON summary with --json and writes the report with --out', () => {
    const out = join(work, 'report');
    const run = scaler(
      '--trace',
      NASA_SLICE,
      '--capacity-per-instance',
      '1000',
      '--scale',
      '25',
      '--json',
      '--out',
      out,
    );
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(Object.keys(summary).sort()).toEqual(
      [
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
      ].sort(),
    );
    expect(summary.minutes).toBe(2880);
    expect(run.stderr).toContain(join(out, 'report.html'));
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it('prints a side-by-side table without --json', () => {
    const run = scaler(
      '--trace',
      NASA_SLICE,
      '--capacity-per-instance',
      '1000',
      '--scale',
      '25',
      '--to',
      '1995-07-12T10:00:00Z',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/policy \(scaling.yml\)\s+baseline \(target tracking @ 500.0\)\s+oracle/);
    expect(run.stdout).toContain(
      'baseline: AAS target tracking on InvocationsPerInstance at 500 per instance per minute: half the capacity per instance',
    );
    expect(run.stdout).toMatch(/instance-hours/);
  });

  it('names the file and line of a bad trace row and exits 2 without a stack trace', () => {
    const trace = file('bad.csv', 'timestamp,requests\n2026-01-05T10:00:00Z,1\n2026-01-05T10:01:00Z,lots\n');
    const run = scaler('--trace', trace, '--capacity-per-instance', '10');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${trace}:3: requests: expected a number, found 'lots'\n`);
  });

  it('exits 1 for a policy the simulator cannot play, naming it', () => {
    const config = file(
      'external.yml',
      `targets:
  - endpointName: shop
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 4
    stepPolicies:
      - policyName: external
        alarmName: someone-elses-alarm
        adjustmentType: ChangeInCapacity
        stepAdjustments:
          - { metricIntervalLowerBound: 0, scalingAdjustment: 1 }
`,
    );
    const run = scaler(
      '--config',
      config,
      '--trace',
      NASA_SLICE,
      '--capacity-per-instance',
      '10',
      '--baseline-target',
      '5',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/policy external: alarm someone-elses-alarm has no 'alarm:' block/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for an unknown target and asks for one when scaling.yml has several', () => {
    const unknown = scaler(
      '--trace',
      NASA_SLICE,
      '--capacity-per-instance',
      '10',
      '--target',
      'nope/AllTraffic',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown target 'nope\/AllTraffic'/);
    const several = scaler(
      '--config',
      join(ROOT, 'test/fixtures/config/two-targets.yml'),
      '--trace',
      NASA_SLICE,
      '--capacity-per-instance',
      '10',
    );
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(
      /2 targets \(fraud-detector\/AllTraffic, recommender\/Primary\): choose one with --target/,
    );
  });
});
