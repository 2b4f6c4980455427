import { describe, expect, it } from 'vitest';
import { decideOnAlarms } from '../../../shared/domain/alarm-decision.ts';
import type { Decision } from '../../../shared/domain/decision.ts';
import { acceptChange } from '../../../shared/domain/settle.ts';
import type { TargetState } from '../../../shared/domain/state.ts';
import { alarm, MINUTE, policy, stateOf, T0, target, workedExampleTarget } from '../../support/builders.ts';

/** The state after a decision, settled as if SageMaker accepted any change at the same instant. */
function settledAfter(decision: Decision, at: number): TargetState {
  return decision.action === 'none' ? decision.state : acceptChange(decision.state, decision, at);
}

describe('the semantics doc worked example', () => {
  it('steps 10 -> 11 -> 14 -> 13 -> 10 on metrics 60, 70, 40, 30', () => {
    const config = workedExampleTarget();
    let state = stateOf(config);
    let capacity = 10;
    const seen: number[] = [];
    const inputs = [
      { alarmName: 'high', value: 60 },
      { alarmName: 'high', value: 70 },
      { alarmName: 'low', value: 40 },
      { alarmName: 'low', value: 30 },
    ];
    for (const [index, input] of inputs.entries()) {
      // Each step comes after the previous policy's cooldown (300 s) has run out.
      const at = T0 + index * 10 * MINUTE;
      const decision = decideOnAlarms(config, state, [alarm({ ...input, eventTime: at })], {
        now: at,
        currentCapacity: capacity,
      });
      state = settledAfter(decision, at);
      capacity = decision.toCapacity;
      seen.push(capacity);
    }
    expect(seen).toEqual([11, 14, 13, 10]);
  });

  it('does nothing in the 40..60 dead band', () => {
    const config = workedExampleTarget();
    const decision = decideOnAlarms(config, stateOf(config), [alarm({ value: 55 })], {
      now: T0,
      currentCapacity: 10,
    });
    expect(decision).toMatchObject({ action: 'none', reasonCode: 'ZeroStepAdjustment', toCapacity: 10 });
  });
});

describe('alarm states and data', () => {
  const config = target();

  it.each(['OK', 'INSUFFICIENT_DATA'] as const)('never scales on %s', (state) => {
    const decision = decideOnAlarms(config, stateOf(config), [alarm({ state })], {
      now: T0,
      currentCapacity: 3,
    });
    expect(decision).toMatchObject({ action: 'none', reasonCode: 'AlarmNotInAlarm' });
    expect(decision.cause).toContain('did not trigger');
  });

  it('does not scale when the alarm carries no datapoints', () => {
    const decision = decideOnAlarms(config, stateOf(config), [alarm({ datapoints: [] })], {
      now: T0,
      currentCapacity: 3,
    });
    expect(decision.reasonCode).toBe('MissingMetricData');
  });

  it('takes the threshold from scaling.yml when the event has none, and refuses without either', () => {
    const withAlarm = target({
      stepPolicies: [
        policy({
          alarm: {
            metricName: 'InvocationsPerInstance',
            namespace: 'AWS/SageMaker',
            statistic: 'Sum',
            period: 60,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            threshold: 50,
            comparisonOperator: 'GreaterThanOrEqualToThreshold',
            treatMissingData: 'missing',
          },
        }),
      ],
    });
    const trigger = alarm({ threshold: undefined });
    expect(
      decideOnAlarms(withAlarm, stateOf(withAlarm), [trigger], { now: T0, currentCapacity: 3 }).toCapacity,
    ).toBe(4);
    expect(
      decideOnAlarms(config, stateOf(config), [trigger], { now: T0, currentCapacity: 3 }).reasonCode,
    ).toBe('MissingThreshold');
  });

  it('says which delta fell in no step', () => {
    const decision = decideOnAlarms(config, stateOf(config), [alarm({ value: 40 })], {
      now: T0,
      currentCapacity: 3,
    });
    expect(decision.reasonCode).toBe('NoMatchingStep');
    expect(decision.reason).toContain('delta -10');
  });

  it('aggregates several datapoints per the policy before comparing', () => {
    const maxPolicy = target({ stepPolicies: [policy({ metricAggregationType: 'Maximum' })] });
    const trigger = alarm({ datapoints: [10, 20, 55] });
    expect(
      decideOnAlarms(maxPolicy, stateOf(maxPolicy), [trigger], { now: T0, currentCapacity: 3 }).toCapacity,
    ).toBe(4);
    expect(
      decideOnAlarms(config, stateOf(config), [trigger], { now: T0, currentCapacity: 3 }).reasonCode,
    ).toBe('NoMatchingStep');
  });
});

describe('staleness', () => {
  const config = target();

  it('ignores an event whose state timestamp is older than one already seen for the alarm', () => {
    const state = stateOf(config, { alarmTimestamps: { high: T0 } });
    const decision = decideOnAlarms(config, state, [alarm({ stateTimestamp: T0 - 1 })], {
      now: T0,
      currentCapacity: 3,
    });
    expect(decision).toMatchObject({ action: 'none', reasonCode: 'StaleEvent' });
    expect(decision.state.alarmTimestamps.high).toBe(T0);
  });

  it('accepts a re-evaluation carrying the same state timestamp and remembers newer ones', () => {
    const state = stateOf(config, { alarmTimestamps: { high: T0 } });
    const same = decideOnAlarms(config, state, [alarm({ stateTimestamp: T0, reevaluation: true })], {
      now: T0 + MINUTE,
      currentCapacity: 3,
    });
    expect(same.action).toBe('scale-out');
    const newer = decideOnAlarms(config, state, [alarm({ stateTimestamp: T0 + 5 })], {
      now: T0,
      currentCapacity: 3,
    });
    expect(newer.state.alarmTimestamps.high).toBe(T0 + 5);
  });

  it('reports an alarm that drives no policy of the target', () => {
    const decision = decideOnAlarms(config, stateOf(config), [alarm({ alarmName: 'other' })], {
      now: T0,
      currentCapacity: 3,
    });
    expect(decision.reasonCode).toBe('UnknownAlarm');
  });
});

describe('bounds', () => {
  it('clamps to max and says so, or reports AlreadyAtMaxCapacity at the bound', () => {
    const config = target({
      stepPolicies: [policy({ stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 5 }] })],
    });
    const clamped = decideOnAlarms(config, stateOf(config), [alarm()], { now: T0, currentCapacity: 8 });
    expect(clamped).toMatchObject({ action: 'scale-out', toCapacity: 10 });
    expect(clamped.reason).toContain('clamped to [1, 10]');
    const atMax = decideOnAlarms(config, stateOf(config), [alarm()], { now: T0, currentCapacity: 10 });
    expect(atMax.reasonCode).toBe('AlreadyAtMaxCapacity');
  });

  it('reports AlreadyAtMinCapacity when a scale-in finds the variant at min', () => {
    const config = target({
      stepPolicies: [policy({ stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: -1 }] })],
    });
    const decision = decideOnAlarms(config, stateOf(config), [alarm()], { now: T0, currentCapacity: 1 });
    expect(decision.reasonCode).toBe('AlreadyAtMinCapacity');
  });

  it('reports AlreadyAtDesiredCapacity when an exact step asks for the current count', () => {
    const config = target({
      stepPolicies: [
        policy({
          adjustmentType: 'ExactCapacity',
          stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 4 }],
        }),
      ],
    });
    const decision = decideOnAlarms(config, stateOf(config), [alarm()], { now: T0, currentCapacity: 4 });
    expect(decision.reasonCode).toBe('AlreadyAtDesiredCapacity');
    expect(decision.reason).toContain('set 4');
  });

  it('brings a variant that drifted above max back inside on its next decision', () => {
    const config = target();
    const decision = decideOnAlarms(config, stateOf(config), [alarm()], { now: T0, currentCapacity: 14 });
    expect(decision).toMatchObject({ action: 'scale-in', fromCapacity: 14, toCapacity: 10 });
  });

  it('moves an exact step that equals a drifted count back inside the bounds', () => {
    const config = target({
      stepPolicies: [
        policy({
          adjustmentType: 'ExactCapacity',
          stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 12 }],
        }),
      ],
    });
    const decision = decideOnAlarms(config, stateOf(config), [alarm()], { now: T0, currentCapacity: 12 });
    expect(decision).toMatchObject({ action: 'scale-in', toCapacity: 10 });
  });

  it('scales in with an exact step below the current count', () => {
    const config = target({
      stepPolicies: [
        policy({
          adjustmentType: 'ExactCapacity',
          stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 2 }],
        }),
      ],
    });
    const decision = decideOnAlarms(config, stateOf(config), [alarm()], { now: T0, currentCapacity: 6 });
    expect(decision).toMatchObject({ action: 'scale-in', toCapacity: 2 });
    expect(decision.cooldownEffect).toMatchObject({ kind: 'start', direction: 'in' });
  });
});

describe('suspension', () => {
  it('blocks scale-out when dynamic scale-out is suspended in scaling.yml', () => {
    const config = target({
      suspendedState: {
        dynamicScalingOutSuspended: true,
        dynamicScalingInSuspended: false,
        scheduledScalingSuspended: false,
      },
    });
    const decision = decideOnAlarms(config, stateOf(config), [alarm()], { now: T0, currentCapacity: 3 });
    expect(decision.reasonCode).toBe('ScalingSuspended');
  });

  it('blocks scale-in when paused at runtime, and leaves scale-out free', () => {
    const config = workedExampleTarget();
    const state = stateOf(config, {
      pausedState: {
        dynamicScalingInSuspended: true,
        dynamicScalingOutSuspended: false,
        scheduledScalingSuspended: false,
      },
    });
    const low = decideOnAlarms(config, state, [alarm({ alarmName: 'low', value: 30 })], {
      now: T0,
      currentCapacity: 10,
    });
    expect(low.reasonCode).toBe('ScalingSuspended');
    const high = decideOnAlarms(config, state, [alarm({ alarmName: 'high', value: 70 })], {
      now: T0,
      currentCapacity: 10,
    });
    expect(high.action).toBe('scale-out');
  });
});

describe('cooldowns', () => {
  const plusTwoThenThree = target({
    maxCapacity: 50,
    stepPolicies: [
      policy({
        stepAdjustments: [
          { metricIntervalLowerBound: 0, metricIntervalUpperBound: 20, scalingAdjustment: 2 },
          { metricIntervalLowerBound: 20, scalingAdjustment: 3 },
        ],
      }),
    ],
  });

  it('adds only the difference when a larger step fires during scale-out cooldown', () => {
    const first = decideOnAlarms(plusTwoThenThree, stateOf(plusTwoThenThree), [alarm({ value: 60 })], {
      now: T0,
      currentCapacity: 10,
    });
    expect(first.toCapacity).toBe(12);
    let state = acceptChange(first.state, first, T0);
    const larger = decideOnAlarms(plusTwoThenThree, state, [alarm({ value: 80, eventTime: T0 + MINUTE })], {
      now: T0 + MINUTE,
      currentCapacity: 12,
    });
    expect(larger).toMatchObject({ action: 'scale-out', toCapacity: 13 });
    state = acceptChange(larger.state, larger, T0 + MINUTE);
    // The top-up neither restarts the cooldown nor moves its baseline.
    expect(state.cooldowns).toEqual([
      expect.objectContaining({ startedAt: T0, baselineCapacity: 10, targetCapacity: 13 }),
    ]);
    const again = decideOnAlarms(
      plusTwoThenThree,
      state,
      [alarm({ value: 80, eventTime: T0 + 2 * MINUTE })],
      {
        now: T0 + 2 * MINUTE,
        currentCapacity: 13,
      },
    );
    expect(again).toMatchObject({ action: 'none', reasonCode: 'CooldownInEffect' });
    expect(again.alarm?.cooldownEndsAt).toBe(T0 + 5 * MINUTE);
  });

  it('takes a percent step inside the cooldown of the same baseline', () => {
    const percent = target({
      maxCapacity: 50,
      stepPolicies: [
        policy({
          adjustmentType: 'PercentChangeInCapacity',
          stepAdjustments: [
            { metricIntervalLowerBound: 0, metricIntervalUpperBound: 20, scalingAdjustment: 20 },
            { metricIntervalLowerBound: 20, scalingAdjustment: 50 },
          ],
        }),
      ],
    });
    const first = decideOnAlarms(percent, stateOf(percent), [alarm({ value: 60 })], {
      now: T0,
      currentCapacity: 10,
    });
    const state = acceptChange(first.state, first, T0);
    const larger = decideOnAlarms(percent, state, [alarm({ value: 90 })], {
      now: T0 + MINUTE,
      currentCapacity: 12,
    });
    // 50 % of the baseline 10, not of 12.
    expect(larger.toCapacity).toBe(15);
  });

  it('steps again once the cooldown has run out', () => {
    const first = decideOnAlarms(plusTwoThenThree, stateOf(plusTwoThenThree), [alarm({ value: 60 })], {
      now: T0,
      currentCapacity: 10,
    });
    const state = acceptChange(first.state, first, T0);
    const later = decideOnAlarms(plusTwoThenThree, state, [alarm({ value: 60 })], {
      now: T0 + 5 * MINUTE,
      currentCapacity: 12,
    });
    expect(later).toMatchObject({ action: 'scale-out', toCapacity: 14 });
  });

  it('blocks scale-in while a scale-in cooldown runs, and while a scale-out cooldown runs', () => {
    const config = workedExampleTarget();
    const scaledIn = decideOnAlarms(config, stateOf(config), [alarm({ alarmName: 'low', value: 30 })], {
      now: T0,
      currentCapacity: 20,
    });
    let state = acceptChange(scaledIn.state, scaledIn, T0);
    const blockedByIn = decideOnAlarms(config, state, [alarm({ alarmName: 'low', value: 30 })], {
      now: T0 + MINUTE,
      currentCapacity: 14,
    });
    expect(blockedByIn).toMatchObject({ reasonCode: 'CooldownInEffect' });
    expect(blockedByIn.reason).toContain('scale-in cooldown of scale-in');

    state = stateOf(config);
    const scaledOut = decideOnAlarms(config, state, [alarm({ alarmName: 'high', value: 70 })], {
      now: T0,
      currentCapacity: 10,
    });
    state = acceptChange(scaledOut.state, scaledOut, T0);
    const blockedByOut = decideOnAlarms(config, state, [alarm({ alarmName: 'low', value: 30 })], {
      now: T0 + MINUTE,
      currentCapacity: 13,
    });
    expect(blockedByOut.reason).toContain('scale-out cooldown of scale-out');
  });

  it('waits for the cooldown that ends last when several block a scale-in', () => {
    const config = workedExampleTarget();
    const state = stateOf(config, {
      cooldowns: [
        {
          policyName: 'a',
          direction: 'out',
          startedAt: T0,
          endsAt: T0 + 9 * MINUTE,
          baselineCapacity: 1,
          targetCapacity: 2,
        },
        {
          policyName: 'b',
          direction: 'in',
          startedAt: T0,
          endsAt: T0 + 3 * MINUTE,
          baselineCapacity: 1,
          targetCapacity: 2,
        },
      ],
    });
    const decision = decideOnAlarms(config, state, [alarm({ alarmName: 'low', value: 30 })], {
      now: T0,
      currentCapacity: 10,
    });
    expect(decision.alarm?.cooldownEndsAt).toBe(T0 + 9 * MINUTE);
  });

  it('scales out at once during a scale-in cooldown and ends that cooldown', () => {
    const config = workedExampleTarget();
    const scaledIn = decideOnAlarms(config, stateOf(config), [alarm({ alarmName: 'low', value: 30 })], {
      now: T0,
      currentCapacity: 20,
    });
    let state = acceptChange(scaledIn.state, scaledIn, T0);
    const out = decideOnAlarms(config, state, [alarm({ alarmName: 'high', value: 70 })], {
      now: T0 + MINUTE,
      currentCapacity: 14,
    });
    expect(out).toMatchObject({ action: 'scale-out', toCapacity: 18 });
    state = acceptChange(out.state, out, T0 + MINUTE);
    expect(state.cooldowns.map((window) => window.direction)).toEqual(['out']);
  });

  it('holds one scale-out through ALARM / OK / ALARM flapping inside the cooldown', () => {
    const config = target();
    const first = decideOnAlarms(config, stateOf(config), [alarm({ stateTimestamp: T0 })], {
      now: T0,
      currentCapacity: 3,
    });
    let state = acceptChange(first.state, first, T0);
    const ok = decideOnAlarms(config, state, [alarm({ state: 'OK', stateTimestamp: T0 + MINUTE })], {
      now: T0 + MINUTE,
      currentCapacity: 4,
    });
    state = ok.state;
    const again = decideOnAlarms(config, state, [alarm({ stateTimestamp: T0 + 2 * MINUTE })], {
      now: T0 + 2 * MINUTE,
      currentCapacity: 4,
    });
    expect([first.action, ok.action, again.action]).toEqual(['scale-out', 'none', 'none']);
    expect(again.reasonCode).toBe('CooldownInEffect');
  });
});

describe('several policies at once', () => {
  const config = workedExampleTarget();

  it('lets the policy giving the largest capacity win', () => {
    const decision = decideOnAlarms(
      config,
      stateOf(config),
      [alarm({ alarmName: 'low', value: 30 }), alarm({ alarmName: 'high', value: 70 })],
      { now: T0, currentCapacity: 10 },
    );
    expect(decision).toMatchObject({ action: 'scale-out', toCapacity: 13, policyName: 'scale-out' });
    expect(decision.reason).toContain('the larger capacity wins over scale-in (7)');
  });

  it('keeps capacity when a triggered policy asks for no change and another for a scale-in', () => {
    const decision = decideOnAlarms(
      config,
      stateOf(config),
      [alarm({ alarmName: 'high', value: 55 }), alarm({ alarmName: 'low', value: 30 })],
      { now: T0, currentCapacity: 10 },
    );
    expect(decision).toMatchObject({ action: 'none', reasonCode: 'ZeroStepAdjustment' });
  });

  it('lets the larger of two scale-ins win', () => {
    const two = workedExampleTarget({
      stepPolicies: [
        ...workedExampleTarget().stepPolicies,
        policy({
          policyName: 'gentle-in',
          alarmName: 'low2',
          stepAdjustments: [{ metricIntervalUpperBound: 0, scalingAdjustment: -1 }],
        }),
      ],
    });
    const decision = decideOnAlarms(
      two,
      stateOf(two),
      [alarm({ alarmName: 'low', value: 30 }), alarm({ alarmName: 'low2', value: 30 })],
      { now: T0, currentCapacity: 10 },
    );
    expect(decision).toMatchObject({ toCapacity: 9, policyName: 'gentle-in' });
  });

  it('does not let an alarm outside ALARM compete', () => {
    const decision = decideOnAlarms(
      config,
      stateOf(config),
      [alarm({ alarmName: 'high', state: 'OK' }), alarm({ alarmName: 'low', value: 30 })],
      { now: T0, currentCapacity: 10 },
    );
    expect(decision).toMatchObject({ action: 'scale-in', toCapacity: 7 });
  });

  it('reports the first evaluation when none of them competes, and a plain no-op for none at all', () => {
    const decision = decideOnAlarms(config, stateOf(config), [alarm({ alarmName: 'high', state: 'OK' })], {
      now: T0,
      currentCapacity: 10,
    });
    expect(decision.reasonCode).toBe('AlarmNotInAlarm');
    const nothing = decideOnAlarms(config, stateOf(config), [], { now: T0, currentCapacity: 10 });
    expect(nothing).toMatchObject({ action: 'none', reasonCode: 'AlarmNotInAlarm', toCapacity: 10 });
  });
});
