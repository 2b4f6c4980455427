/**
 * Red-team findings on scaling.yml (issue 15, item 3): files `scaler validate` called valid though
 * they meant something else. Each is now refused (or warned about) by validate itself, through the
 * real binary, with the path and the reason.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'scaler-validate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function validate(name: string, text: string) {
  const path = join(work, name);
  writeFileSync(path, text);
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/scaler.mjs'), 'validate', '--config', path], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, path };
}

function withAction(action: string): string {
  return [
    'targets:',
    '  - endpointName: shop',
    '    variantName: AllTraffic',
    '    minCapacity: 1',
    '    maxCapacity: 4',
    '    scheduledActions:',
    '      - scheduledActionName: once',
    ...action.split('\n').map((line) => `        ${line}`),
    '        scalableTargetAction: { minCapacity: 2 }',
    '',
  ].join('\n');
}

describe('red-team: scaler validate', () => {
  it('red-team 3.1: refuses a key given twice in a JSON file (JSON.parse would keep the last), as YAML does', () => {
    const json = validate(
      'twice.json',
      '{\n  "targets": [\n    {"endpointName": "shop", "variantName": "AllTraffic",\n     "minCapacity": 1, "maxCapacity": 4, "minCapacity": 3}\n  ]\n}\n',
    );
    const yaml = validate(
      'twice.yml',
      'targets:\n  - endpointName: shop\n    variantName: AllTraffic\n    minCapacity: 1\n    maxCapacity: 4\n    minCapacity: 3\n',
    );

    expect(json.code).toBe(1);
    expect(json.stderr.trim()).toBe(
      `${json.path}:4:42: duplicate key "minCapacity" in one object: JSON would silently keep only the last value; give each key once`,
    );
    expect(yaml.code).toBe(1);
    expect(yaml.stderr).toContain('Map keys must be unique');
  });

  it('red-team 3.2: refuses a cron that can never fire (30 February)', () => {
    const run = validate('feb30.yml', withAction('schedule: cron(0 12 30 2 ? *)'));

    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'targets[0].scheduledActions[0].schedule: cron(0 12 30 2 ? *) can never fire: no date matches it (a day such as 30 February does not exist)',
    );
  });

  it('red-team 3.3: warns about an at() in the past: valid (it may have run), but it will not fire again', () => {
    const run = validate(
      'past.yml',
      withAction('schedule: at(2020-06-01T09:00:00)\ntimezone: Europe/Berlin'),
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^warning: targets\[0\]\.scheduledActions\[0\]\.schedule: at\(2020-06-01T09:00:00\) in Europe\/Berlin is 2020-06-01T07:00:00\.000Z, before now \(.*\): it will not fire again$/m,
    );
  });

  it('red-team 3.4: refuses an at() inside a daylight-saving gap (02:30 on the night the clocks go forward)', () => {
    // 29 March 2037 is the last Sunday of March: Berlin's clocks go from 02:00 to 03:00.
    const run = validate('gap.yml', withAction('schedule: at(2037-03-29T02:30:00)\ntimezone: Europe/Berlin'));

    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'targets[0].scheduledActions[0].schedule: at(2037-03-29T02:30:00) can never fire: that wall-clock time does not exist in Europe/Berlin (the clocks jump over it when daylight saving begins)',
    );
  });

  it('red-team 3.4: refuses a cron whose every time daylight saving skips, or that has no firing inside its start and end', () => {
    const gap = validate(
      'cron-gap.yml',
      withAction('schedule: cron(30 2 ? 3 1L *)\ntimezone: Europe/Berlin'),
    );
    const window = validate(
      'window.yml',
      withAction(
        'schedule: cron(0 12 ? * MON *)\nstartTime: 2037-01-06T13:00:00Z\nendTime: 2037-01-11T11:00:00Z',
      ),
    );

    expect(gap.code).toBe(1);
    expect(gap.stderr).toMatch(/every time it names from .* on is skipped in Europe\/Berlin/);
    expect(window.code).toBe(1);
    expect(window.stderr).toContain(
      'it has no firing between startTime 2037-01-06T13:00:00.000Z and endTime 2037-01-11T11:00:00.000Z',
    );
  });
});
