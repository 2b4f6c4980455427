/**
 * Red-team findings on the simulator and its CLI (issue 15, item 4): absurd numbers, a trace
 * needing more instances than the heap could count, columns silently ignored, an unchecked
 * `--reason`. Each is answered with exit 2 and the option (or column) named, or computed in bounds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oracleInstanceHours, oracleSchedule } from '../../../shared/sim/references/oracle.ts';
import { parseTrace, TraceFormatError } from '../../../shared/sim/trace/trace.ts';
import { TRACE_COLUMNS } from '../../../shared/sim/trace/trace-csv.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const NASA_SLICE = join(ROOT, 'test/fixtures/traces/nasa_http_1995_0712-0713_1min.csv');
const AZURE = join(ROOT, 'test/fixtures/traces/azure_llm_2023_code_1min.csv');
const work = mkdtempSync(join(tmpdir(), 'scaler-red-team-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function scaler(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/scaler.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const simulate = (...args: string[]) =>
  scaler('simulate', '--trace', NASA_SLICE, '--to', '1995-07-12T06:00:00Z', ...args);

describe('red-team: scaler simulate and its numbers', () => {
  it('red-team 4.1: --initial-capacity outside the target bounds exits 2 naming the option and the bounds', () => {
    const run = simulate('--capacity-per-instance', '1000', '--initial-capacity', '50');

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^--initial-capacity 50 lies outside fraud-detector\/AllTraffic's bounds \[2, 10\] in scaling\.yml/,
    );
  });

  it('red-team 4.2: --metric-delay beyond a day (or below a minute) exits 2 naming the option', () => {
    const late = simulate('--capacity-per-instance', '1000', '--metric-delay', '100000');
    const none = simulate('--capacity-per-instance', '1000', '--metric-delay', '0');

    for (const run of [late, none]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--metric-delay expects a whole number of minutes from 1 to 1440/);
    }
  });

  it('red-team 4.3: a --capacity-per-instance so small or a --scale so large that a variant would need more instances than it can have exits 2 naming both', () => {
    const tiny = simulate('--capacity-per-instance', '0.000000001');
    const huge = simulate('--capacity-per-instance', '1000', '--scale', '1e15');

    for (const run of [tiny, huge]) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^--capacity-per-instance .* with --scale .*: the busiest minute \(1995-07-12T.*\) would need .* instances, more than a SageMaker variant can have \(2,147,483,647, the largest DesiredInstanceCount\)/,
      );
    }
  });

  it('red-team 4.4: the oracle plans a trace needing 10^12 instances in bounded memory, exactly', () => {
    // Levels 1..5e11 run at minutes 1-2 and 4 (one-minute bridges before each run); the levels
    // above, at minutes 1-2 only: 5 billed minutes each below, 3 above.
    const demand = [0, 1e12, 1e12, 0, 5e11];
    const options = { capacityPerInstance: 1, startupSteps: 2, minCapacity: 0 };
    const before = process.memoryUsage().heapUsed;

    const hours = oracleInstanceHours(demand, options);
    const billed = Array.from(oracleSchedule(demand, options));

    expect(process.memoryUsage().heapUsed - before).toBeLessThan(16 * 1024 * 1024);
    expect(hours).toBe((5e11 * 5 + 5e11 * 3) / 60);
    expect(billed).toEqual([1e12, 1e12, 1e12, 5e11, 5e11]);
  });

  it('red-team 4.5: a CSV column the simulator does not know is refused by name; the documented ones are read or accepted', () => {
    const misread = () =>
      parseTrace('timestamp,requests,latency_ms\n2026-01-05T10:00:00Z,1,20\n2026-01-05T10:01:00Z,2,25\n', {
        source: 'latency.csv',
      });
    const tokens = parseTrace(
      'timestamp,requests,gap,context_tokens,generated_tokens\n2026-01-05T10:00:00Z,3,0,100,10\n2026-01-05T10:01:00Z,0,1,0,0\n',
    );
    const csv = join(work, 'extra.csv');
    writeFileSync(csv, 'timestamp,requests,Requests\n2026-01-05T10:00:00Z,1,1\n2026-01-05T10:01:00Z,2,2\n');
    const cli = scaler('simulate', '--trace', csv, '--capacity-per-instance', '10');

    expect(misread).toThrow(TraceFormatError);
    expect(misread).toThrow(
      'latency.csv:1: column 3 "latency_ms" is not a trace column: expected timestamp, requests, gap, context_tokens, generated_tokens (timestamp and requests first)',
    );
    expect([...TRACE_COLUMNS]).toEqual([
      'timestamp',
      'requests',
      'gap',
      'context_tokens',
      'generated_tokens',
    ]);
    expect(Array.from(tokens.requests)).toEqual([3, 0]);
    expect(Array.from(tokens.gap)).toEqual([0, 1]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe(`${csv}:1: column 3 "requests" repeats column 2\n`);
    // The LLM traces the target-tracking work will read keep loading.
    expect(scaler('simulate', '--trace', AZURE, '--capacity-per-instance', '50', '--json').code).toBe(0);
  });

  it('red-team 4.7: history --reason checks its value as --status does (exit 2, listing the codes)', () => {
    const run = scaler('history', '--reason', 'CooldownInEfect');

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--reason expects one of AlreadyAtMaxCapacity, .*CooldownInEffect, .*MarksReset, .*found 'CooldownInEfect'/,
    );
  });
});
