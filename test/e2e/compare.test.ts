import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetKey } from '../../shared/domain/model.ts';
import { localDynamoClients } from '../../shared/local/dynamodb-local.ts';
import { applyEnvironment } from '../../shared/local/local-run.ts';
import { type LocalStack, startLocalStack } from '../../shared/local/stack.ts';
import type { ActivityRecord } from '../../shared/ports/activity.ts';
import {
  activity,
  CONFIG,
  configFile,
  RECOMMENDER,
  runCli,
  seed,
  storeOn,
} from '../integration/operate/operate-fixture.ts';

/**
 * `scaler compare` end to end on the local stack: the recommender runs in shadow mode, so its
 * decisions sit in DynamoDB Local, recorded by the production store; native AAS's activities are
 * recorded in the emulator (simulated native scaling: the emulator runs no native policy) and read
 * back over HTTP by the SDK's DescribeScalingActivities. The CLI pairs them.
 */

const ROOT = new URL('../../', import.meta.url).pathname;
const MIN = 60_000;
const at = (hhmm: string) => Date.parse(`2026-11-27T${hhmm}Z`);
const RESOURCE = targetKey(RECOMMENDER);
const ALARM_CAUSE =
  'monitor alarm TargetTracking-endpoint/recommender/variant/AllTraffic-AlarmHigh-5f1c in state ALARM triggered policy recommender-tt';
const WINDOW = ['--since', '2026-11-27T14:00:00Z', '--until', '2026-11-27T17:00:00Z'];
const NOW = at('18:00:00');

let stack: LocalStack;
let restore: () => void;
let config = '';

/** A shadow decision of ours, as the scaler records it. */
function decided(
  hhmm: string,
  from: number,
  to: number,
  overrides: Partial<ActivityRecord> = {},
): ActivityRecord {
  return activity(RECOMMENDER, {
    startTime: at(hhmm),
    fromCapacity: from,
    toCapacity: to,
    action: to > from ? 'scale-out' : 'scale-in',
    status: 'Successful',
    statusMessage: 'recorded (shadow mode: recorded, not applied)',
    reasonCode: undefined,
    shadow: true,
    ...overrides,
  });
}

function native(hhmm: string, desiredCount: number, statusCode?: 'Successful' | 'Failed') {
  stack.emulator.recordSimulatedNativeActivity({
    resourceId: RESOURCE,
    desiredCount,
    at: at(hhmm),
    cause: ALARM_CAUSE,
    statusCode,
  });
}

beforeAll(async () => {
  config = configFile();
  stack = await startLocalStack({ config: CONFIG, configFile: config });
  restore = applyEnvironment(stack.environment);
  const { client, documentClient } = localDynamoClients(stack.dynamo.endpoint);
  try {
    await seed(storeOn(documentClient, stack.tableName), RECOMMENDER, [
      decided('14:05:00', 1, 2), // native the same minute: agree
      decided('14:20:00', 2, 2, { action: 'none', status: 'NotScaled', reasonCode: 'CooldownInEffect' }),
      decided('14:40:00', 2, 3), // native 6 minutes later: ours earlier
      decided('15:19:00', 3, 4), // native 3 minutes before: ours later
      decided('16:00:00', 4, 6), // native went to 5: different size
      decided('16:30:00', 5, 4), // native kept 5 then: only ours
      decided('17:20:00', 3, 4), // after the window
    ]);
  } finally {
    documentClient.destroy();
    client.destroy();
  }
  native('13:10:00', 1); // before the window: where native stood at 14:00
  native('14:05:30', 2);
  native('14:46:00', 3);
  native('15:16:00', 4);
  native('16:01:00', 5);
  native('16:20:00', 6, 'Failed');
  native('16:50:00', 3); // 20 minutes after our scale-in: only native
  native('17:30:00', 4); // after the window
});

afterAll(async () => {
  restore?.();
  await stack?.stop();
});

const run = (args: string[]) =>
  runCli(['compare', ...args, '--config', config], { env: stack.environment, now: () => NOW });

describe('scaler compare against the emulator and DynamoDB Local', () => {
  it('pairs a shadow target’s decisions with native activities and says how each pair differs', async () => {
    const { stdout, error } = await run(['recommender/AllTraffic', ...WINDOW]);
    expect(error).toBeUndefined();
    const rows = stdout
      .split('\n')
      .filter((line) => /^(agree|ours-|different-size|only-)/.test(line))
      .map((line) => line.split(/\s{2,}/));
    expect(rows).toEqual([
      ['agree', '14:05:00', '1 -> 2', '14:05:30', '1 -> 2', 'same minute'],
      ['ours-earlier', '14:40:00', '2 -> 3', '14:46:00', '2 -> 3', 'ours 6.0 min earlier'],
      ['ours-later', '15:19:00', '3 -> 4', '15:16:00', '3 -> 4', 'ours 3.0 min later'],
      ['different-size', '16:00:00', '4 -> 6', '16:01:00', '4 -> 5', 'ours 1 instance more, 1.0 min earlier'],
      ['only-ours', '16:30:00', '5 -> 4', '-', 'native did not scale'],
      ['only-native', '-', '16:50:00', '5 -> 3', 'ours did not scale'],
    ]);
    expect(stdout).toContain(
      '4 pairs: 1 agree, 1 ours earlier, 1 ours later, 1 different size; 1 only ours, 1 only native.\nMedian lead: ours 0.8 min earlier (scale-out ours 0.8 min earlier, scale-in -).',
    );
    expect(stdout).toContain('note: 1 native Failed activity changed nothing and was left out');
    expect(stdout).not.toContain('this target is active');
  });

  it('prints the rows and summary as JSON, instants in ISO-8601', async () => {
    const { stdout } = await run(['recommender/AllTraffic', ...WINDOW, '--json']);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      target: 'recommender/AllTraffic',
      mode: 'shadow',
      from: '2026-11-27T14:00:00Z',
      to: '2026-11-27T17:00:00Z',
      toleranceMinutes: 10,
      summary: {
        counts: {
          agree: 1,
          'ours-earlier': 1,
          'ours-later': 1,
          'different-size': 1,
          'only-ours': 1,
          'only-native': 1,
        },
        matched: 4,
        medianLeadMinutes: 0.8,
      },
    });
    expect(json.rows[1]).toMatchObject({
      kind: 'ours-earlier',
      leadMs: 6 * MIN,
      ours: { at: '2026-11-27T14:40:00Z', fromCount: 2, toCount: 3 },
      native: { at: '2026-11-27T14:46:00Z', fromCount: 2, toCount: 3, cause: ALARM_CAUSE },
    });
    expect(json.series.native[0]).toEqual({ at: '2026-11-27T14:00:00Z', count: 1 });
  });

  it('writes compare.html: self-contained, both step lines in inline SVG and the table', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'scaler-compare-')), 'report');
    const { stdout } = await run(['recommender/AllTraffic', ...WINDOW, '--out', out]);
    const file = join(out, 'compare.html');
    expect(stdout).toContain(`wrote ${file}`);
    expect(existsSync(file)).toBe(true);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|https?:\/\/(?!docs\.aws)/);
    expect(html.match(/<path d="M/g)).toHaveLength(2);
    expect(html.match(/<tr class="/g)).toHaveLength(6);
    expect(html).toContain('<tr class="different-size">');
  });

  it('compares an active target too, and says what that means', async () => {
    const { stdout, error } = await run(['fraud-detector/AllTraffic', ...WINDOW]);
    expect(error).toBeUndefined();
    expect(stdout).toContain('neither side changed the desired count in the window');
    expect(stdout).toContain('note: this target is active');
    expect(stdout).toContain('note: native Application Auto Scaling recorded no activity for this variant');
  });

  it('runs the same from the real binary (the compiled CLI), reaching both services over HTTP', async () => {
    // Asynchronous: the emulator answers from this process, which must keep running meanwhile.
    const child = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin/scaler.mjs'), 'compare', 'recommender', ...WINDOW, '--config', config, '--json'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...stack.environment } },
    );
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout).rows.map((row: { kind: string }) => row.kind)).toEqual([
      'agree',
      'ours-earlier',
      'ours-later',
      'different-size',
      'only-ours',
      'only-native',
    ]);
  });

  it('refuses an unknown target, a malformed time and an empty window (exit 2)', async () => {
    const unknown = await run(['nope/AllTraffic']);
    const badTime = await run(['recommender/AllTraffic', '--until', 'tomorrow']);
    const empty = await run([
      'recommender/AllTraffic',
      '--since',
      '2026-11-27T17:00:00Z',
      '--until',
      '2026-11-27T14:00:00Z',
    ]);
    expect([unknown.error?.exitCode, badTime.error?.exitCode, empty.error?.exitCode]).toEqual([2, 2, 2]);
    expect(badTime.error?.message).toContain('--until expects an ISO-8601 instant');
    expect(empty.error?.message).toBe('--since must come before --until (the window is empty)');
  });
});
