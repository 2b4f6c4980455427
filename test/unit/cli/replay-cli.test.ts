/**
 * `scaler replay` from the real binary: red-team findings on its input (issue 15, items 1 and 4).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const WORKED = readFileSync(join(ROOT, 'events/replay/worked-example.jsonl'), 'utf8').trim().split('\n');
const work = mkdtempSync(join(tmpdir(), 'scaler-replay-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function replay(events: string, extra: string[] = [], nodeOptions: string[] = []) {
  const run = spawnSync(
    process.execPath,
    [...nodeOptions, join(ROOT, 'bin/scaler.mjs'), 'replay', '--events', events, ...extra],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function eventsFile(name: string, lines: readonly string[]): string {
  const path = join(work, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const WORKED_CONFIG = ['--config', 'test/fixtures/config/worked-example.yml', '--capacity', '10'];

describe('red-team: scaler replay', () => {
  it('red-team 1.3: a line whose state timestamp lies far after its envelope time (the processing time of a replay) exits 2 naming the line, before anything is printed', () => {
    const skewed = JSON.parse(WORKED[2] as string);
    skewed.detail.state.timestamp = '2036-11-23T10:20:00.000+0000';
    const path = eventsFile('skewed.jsonl', [
      WORKED[0] as string,
      WORKED[1] as string,
      JSON.stringify(skewed),
    ]);

    const run = replay(path, WORKED_CONFIG);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /skewed\.jsonl:line 3: detail\.state\.timestamp: expected an instant at most 5 minutes after the processing time 2026-11-23T10:20:00\.000Z .*found 2036-11-23T10:20:00\.000Z/,
    );
  });

  it('red-team 4.8: an alarm no target uses shows no capacity (not 0), in the table and in --json', () => {
    const unknown = JSON.parse(WORKED[0] as string);
    unknown.id = 'unknown-alarm-event';
    unknown.detail.alarmName = 'nobody-uses-this-alarm';
    const path = eventsFile('unknown.jsonl', [JSON.stringify(unknown), WORKED[0] as string]);

    const table = replay(path, WORKED_CONFIG);
    const json = replay(path, [...WORKED_CONFIG, '--json']);

    const unknownRow = table.stdout.split('\n').find((line) => line.includes('nobody-uses-this-alarm'));
    expect(unknownRow).toMatch(/none \(UnknownAlarm\)\s+-\s+no target in scaling\.yml/);
    const [first, second] = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(first).toMatchObject({ eventId: 'unknown-alarm-event', reasonCode: 'UnknownAlarm' });
    expect(first).not.toHaveProperty('fromCapacity');
    expect(first).not.toHaveProperty('toCapacity');
    expect(second).toMatchObject({ fromCapacity: 10, toCapacity: 11 });
  });

  it('red-team 4.6: replays 100,000 lines in a heap smaller than the file, streaming its output', {
    timeout: 300_000,
  }, () => {
    // Minimal alarm events, alternating the two alarms of scaling.yml a minute apart: ~50 MB.
    const path = join(work, 'hundred-thousand.jsonl');
    const file = openSync(path, 'w');
    const start = Date.UTC(2026, 10, 23, 10, 0, 0);
    for (let i = 0; i < 100_000; i++) {
      const at = new Date(start + i * 60_000).toISOString();
      const high = i % 2 === 0;
      const event = {
        version: '0',
        id: `evt-${i}`,
        'detail-type': 'CloudWatch Alarm State Change',
        source: 'aws.cloudwatch',
        account: '123456789012',
        time: at.replace('.000Z', 'Z'),
        region: 'eu-west-1',
        resources: [],
        detail: {
          alarmName: high ? 'fraud-detector-invocations-high' : 'fraud-detector-invocations-low',
          state: {
            value: 'ALARM',
            reason: 'replayed',
            reasonData: JSON.stringify({
              recentDatapoints: [high ? 1000 : 100],
              threshold: high ? 800 : 300,
            }),
            timestamp: at,
          },
          previousState: { value: 'OK', reason: 'replayed', timestamp: at },
          configuration: { metrics: [] },
        },
      };
      writeSync(file, `${JSON.stringify(event)}\n`);
    }
    closeSync(file);
    const out = join(work, 'hundred-thousand.out');
    const fd = openSync(out, 'w');
    const run = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=64',
        join(ROOT, 'bin/scaler.mjs'),
        'replay',
        '--events',
        path,
        '--capacity',
        '4',
        '--json',
      ],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', fd, 'pipe'] },
    );
    closeSync(fd);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(100_000);
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ line: 100_000, eventId: 'evt-99999' });
  });
});
