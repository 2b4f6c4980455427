import { describe, expect, it } from 'vitest';
import { runScaler } from '../../support/scaler-cli.ts';

const CONFIG = 'test/fixtures/config/target-tracking.yml';
const EVENTS = 'events/replay/target-tracking.jsonl';
const HIGH = 'ScalerTargetTracking-endpoint/worked-tracking/variant/AllTraffic-invocations-AlarmHigh';
const LOW = 'ScalerTargetTracking-endpoint/worked-tracking/variant/AllTraffic-invocations-AlarmLow';

/** `npx scaler replay --json` on the target tracking worked examples, each JSON line parsed. */
async function replay(state: 'memory' | 'dynamodb-local'): Promise<Record<string, unknown>[]> {
  const args = [
    'replay',
    '--config',
    CONFIG,
    '--events',
    EVENTS,
    '--capacity',
    '4',
    '--json',
    '--state',
    state,
  ];
  const run = await runScaler(args);
  if (run.code !== 0) throw new Error(`scaler replay exited ${run.code}: ${run.stderr}`);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The worked numbers of scaling-semantics.md's target tracking rules, event by event. */
const EXPECTED = [
  { alarm: HIGH, action: 'scale-out', from: 4, to: 6, reason: 'ceil(4 x 1.5) = 6' },
  // Inside the cooldown, measured from the 4 before it: ceil(4 x 2) = 8 is past the 6 it targets.
  { alarm: HIGH, action: 'scale-out', from: 6, to: 8, reason: 'ceil(4 x 2) = 8' },
  { alarm: HIGH, action: 'none', from: 8, to: 8, code: 'CooldownInEffect', reason: 'ceil(4 x 1.8) = 8' },
  // The cooldown is over: measured from 8 again.
  { alarm: HIGH, action: 'scale-out', from: 8, to: 9, reason: 'ceil(8 x 1.1) = 9' },
  { alarm: HIGH, action: 'none', from: 9, to: 9, code: 'AlarmNotInAlarm' },
  { alarm: LOW, action: 'scale-in', from: 9, to: 5, reason: 'ceil(9 x 0.45) = 5' },
  { alarm: LOW, action: 'none', from: 5, to: 5, code: 'CooldownInEffect', reason: 'scale-in cooldown' },
  { alarm: LOW, action: 'scale-in', from: 5, to: 2, reason: 'ceil(5 x 0.3) = 2' },
  { alarm: LOW, action: 'none', from: 2, to: 2, code: 'AlreadyAtMinCapacity', reason: 'asks 1' },
  { alarm: LOW, action: 'none', from: 2, to: 2, code: 'StaleEvent' },
  // 4 x 1.05 / 0.7 is 6.000000000000001 in floating point: 6, not 7.
  {
    alarm: 'ScalerTargetTracking-endpoint/tolerance-tracking/variant/AllTraffic-utilization-AlarmHigh',
    action: 'scale-out',
    from: 4,
    to: 6,
    reason: 'ModelUtilization 1.05 against target 0.7 at 4 instances: ceil(4 x 1.5) = 6: 4 -> 6',
  },
];

function checkWorkedNumbers(lines: Record<string, unknown>[]): void {
  expect(lines).toHaveLength(EXPECTED.length);
  EXPECTED.forEach((expected, index) => {
    const line = lines[index] ?? {};
    expect(line).toMatchObject({
      line: index + 1,
      action: expected.action,
      fromCapacity: expected.from,
      toCapacity: expected.to,
      ...(expected.code === undefined ? {} : { reasonCode: expected.code }),
    });
    expect(String(line.cause)).toContain(`alarm ${expected.alarm} in state`);
    if (expected.reason !== undefined) expect(String(line.reason)).toContain(expected.reason);
  });
}

describe('scaler replay --json on target tracking policies', () => {
  it('reproduces the worked numbers in memory', async () => {
    checkWorkedNumbers(await replay('memory'));
  });

  it('reproduces them through the real handlers over DynamoDB Local, decision for decision', async () => {
    const [inMemory, throughHandlers] = await Promise.all([replay('memory'), replay('dynamodb-local')]);
    checkWorkedNumbers(throughHandlers);
    const decisions = (lines: Record<string, unknown>[]) =>
      lines.map(({ line, target, action, fromCapacity, toCapacity, reasonCode, reason }) => ({
        line,
        target,
        action,
        fromCapacity,
        toCapacity,
        reasonCode,
        reason,
      }));
    expect(decisions(throughHandlers)).toEqual(decisions(inMemory));
  });
});
