import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const NASA = 'traces/nasa_http_1995_1min.csv';
const work = mkdtempSync(join(tmpdir(), 'scaler-forecast-'));

function scaler(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/scaler.mjs'), 'forecast', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('scaler forecast --trace', () => {
  it('prints hourly request totals learned from the trace before --at as JSON, and writes the report with --out', () => {
    const out = join(work, 'report');
    const run = scaler('--trace', NASA, '--at', '1995-08-25T04:00:00Z', '--json', '--out', out);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.points).toHaveLength(48);
    expect(printed.points[0].time).toBe('1995-08-25T04:00:00.000Z');
    expect(printed.points[47].time).toBe('1995-08-27T03:00:00.000Z');
    for (const point of printed.points)
      expect(Number.isInteger(point.requests) && point.requests > 0).toBe(true);
    expect(printed.history).toEqual({
      from: '1995-08-11T04:00:00.000Z',
      to: '1995-08-25T04:00:00.000Z',
      hours: 336,
      hoursWithData: 336,
    });
    expect(run.stderr).toContain(join(out, 'report.html'));
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg id="forecast-chart"');
    expect(html).toContain('data-series="forecast"');
    expect(html).toContain("default-src 'none'");
    // Self-contained: nothing to fetch (the only URL is the SVG namespace).
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
  });

  it('prints a table beside what happened, with the WAPE over the hours the trace shows', () => {
    const run = scaler('--trace', NASA, '--at', '1995-08-31T12:30:00Z', '--horizon', '24');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      `forecast of ${NASA} from 1995-08-31T12:00:00Z, learned from 336 hours (1995-08-17T12:00:00Z .. 1995-08-31T12:00:00Z, 336 with data)`,
    );
    expect(lines[2]).toMatch(/^hour \(UTC\)\s+forecast requests\s+per minute\s+actual\s+forecast vs actual$/);
    expect(lines.filter((line) => line.startsWith('1995-'))).toHaveLength(24);
    // The trace ends at 1995-09-01T04:00Z: 16 of the 24 hours have an outcome.
    expect(lines.at(-1)).toMatch(
      /^over the 16 hours with an outcome: WAPE \d+\.\d %, under-forecast in \d+ % of hours$/,
    );
  });

  // One process per case: each gets its own test timeout on a busy machine.
  const badInput: [string[], string][] = [
    [
      ['--trace', 'nope.csv', '--at', '1995-08-25T04:00:00Z'],
      'nope.csv: cannot read the trace (file not found)',
    ],
    [
      ['--trace', NASA, '--at', '1995-10-01T00:00:00Z'],
      `--at 1995-10-01T00:00:00Z lies outside the trace ${NASA} (1995-07-01T04:00:00Z .. 1995-09-01T04:00:00Z)`,
    ],
    [
      ['--trace', NASA, '--at', '1995-07-01T20:00:00Z'],
      `${NASA}: not enough history: 16 hours with data in the 14 days before 1995-07-01T20:00:00Z; a forecast needs 24 (the trace starts at 1995-07-01T04:00:00Z: choose a later --at)`,
    ],
    [
      ['--trace', NASA, '--at', '1995-08-25T04:00:00Z', '--horizon', 'abc'],
      "error: option '--horizon <hours>' argument 'abc' is invalid. --horizon expects a whole number of hours from 1 to 168, found 'abc'",
    ],
    [
      ['--trace', NASA],
      '--trace needs --at ISO: the instant to forecast from (the trace before it is the history)',
    ],
  ];

  it.each(badInput)('turns bad input into one sentence and exit 2, never a stack: %j', (args, message) => {
    const run = scaler(...args);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(message);
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(join(ROOT, 'report.html'))).toBe(false);
  });
});
