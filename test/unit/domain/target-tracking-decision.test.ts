import { describe, expect, it } from 'vitest';
import { decideOnAlarms } from '../../../shared/domain/alarm-decision.ts';
import type { AlarmTrigger, TargetConfig } from '../../../shared/domain/model.ts';
import type { CooldownWindow, TargetState } from '../../../shared/domain/state.ts';
import { trackingCapacity } from '../../../shared/domain/target-tracking/decision.ts';
import {
  alarm,
  MINUTE,
  policy,
  stateOf,
  T0,
  trackingAlarm,
  trackingPolicy,
  trackingTarget,
} from '../../support/builders.ts';

const HIGH = trackingAlarm('high');
const LOW = trackingAlarm('low');

function tracking(role: 'high' | 'low', value: number, overrides: Partial<AlarmTrigger> = {}): AlarmTrigger {
  return alarm({ alarmName: role === 'high' ? HIGH : LOW, value, latestDatapoint: value, ...overrides });
}

function decide(
  config: TargetConfig,
  trigger: AlarmTrigger | AlarmTrigger[],
  current: number,
  state: TargetState = stateOf(config),
  now = T0,
) {
  return decideOnAlarms(config, state, Array.isArray(trigger) ? trigger : [trigger], {
    now,
    currentCapacity: current,
  });
}

function cooldown(overrides: Partial<CooldownWindow>): CooldownWindow {
  return {
    policyName: 'invocations',
    direction: 'out',
    startedAt: T0 - MINUTE,
    endsAt: T0 + 4 * MINUTE,
    baselineCapacity: 4,
    targetCapacity: 6,
    ...overrides,
  };
}

describe('target tracking: ceil(C x metric / target)', () => {
  it('rounds up, counting a value within 1e-9 of a whole number as that number', () => {
    expect(trackingCapacity(10, 0.49, 0.7)).toBe(7);
    expect((10 * 0.49) / 0.7).toBeGreaterThan(7);
    expect(trackingCapacity(4, 1500, 1000)).toBe(6);
    expect(trackingCapacity(4, 1001, 1000)).toBe(5);
    expect(trackingCapacity(10, 500, 1000)).toBe(5);
    expect(trackingCapacity(3, 0, 1000)).toBe(0);
  });
});

describe('target tracking: the high alarm', () => {
  const config = trackingTarget();

  it('scales out to ceil(C x metric / target) and says how, in the worked numbers', () => {
    const decision = decide(config, tracking('high', 1500), 4);
    expect(decision).toMatchObject({
      action: 'scale-out',
      fromCapacity: 4,
      toCapacity: 6,
      policyName: 'invocations',
      cause: `alarm ${HIGH} in state ALARM triggered target tracking policy invocations`,
      alarm: {
        policyType: 'TargetTracking',
        metricName: 'InvocationsPerInstance',
        metricValue: 1500,
        targetValue: 1000,
        measuredFrom: 4,
        requestedCapacity: 6,
      },
      cooldownEffect: {
        kind: 'start',
        direction: 'out',
        seconds: 300,
        baselineCapacity: 4,
        targetCapacity: 6,
      },
    });
    expect(decision.reason).toBe(
      'InvocationsPerInstance 1500 against target 1000 at 4 instances: ceil(4 x 1.5) = 6: 4 -> 6',
    );
  });

  it('measures the newest datapoint, not an aggregate of the recent ones', () => {
    const decision = decide(config, alarm({ alarmName: HIGH, datapoints: [3000, 1200, 1500] }), 4);
    expect(decision.toCapacity).toBe(6);
  });

  it('never lowers capacity, even when the formula asks for less', () => {
    const decision = decide(config, tracking('high', 1000.0000000001), 4);
    expect(decision).toMatchObject({ action: 'none', reasonCode: 'AlreadyAtDesiredCapacity', toCapacity: 4 });
  });

  it('is clamped to max, and says so when capacity already is at max', () => {
    expect(decide(config, tracking('high', 5000), 4)).toMatchObject({ action: 'scale-out', toCapacity: 10 });
    expect(decide(config, tracking('high', 5000), 10)).toMatchObject({
      action: 'none',
      reasonCode: 'AlreadyAtMaxCapacity',
    });
  });

  it('inside its own scale-out cooldown measures from the capacity before it, adding only past its target', () => {
    const state = stateOf(config, { cooldowns: [cooldown({})] });
    // From 4 (before the initiating scale-out): ceil(4 x 1.4) = 6 is what the cooldown already targets.
    expect(decide(config, tracking('high', 1400), 6, state)).toMatchObject({
      action: 'none',
      reasonCode: 'CooldownInEffect',
      alarm: { measuredFrom: 4, requestedCapacity: 6 },
    });
    // ceil(4 x 2) = 8 is larger: raise to 8 without restarting the cooldown.
    expect(decide(config, tracking('high', 2000), 6, state)).toMatchObject({
      action: 'scale-out',
      toCapacity: 8,
      cooldownEffect: { kind: 'raise', policyName: 'invocations', targetCapacity: 8 },
    });
  });

  it("is not held by another policy's scale-out cooldown", () => {
    const state = stateOf(config, { cooldowns: [cooldown({ policyName: 'other' })] });
    expect(decide(config, tracking('high', 1500), 6, state)).toMatchObject({
      action: 'scale-out',
      toCapacity: 9,
    });
  });

  it('scales out at once during a scale-in cooldown', () => {
    const state = stateOf(config, { cooldowns: [cooldown({ direction: 'in' })] });
    expect(decide(config, tracking('high', 1500), 4, state)).toMatchObject({
      action: 'scale-out',
      toCapacity: 6,
    });
  });

  it('does nothing while dynamic scale-out is suspended', () => {
    const state = stateOf(config, {
      pausedState: {
        dynamicScalingInSuspended: false,
        dynamicScalingOutSuspended: true,
        scheduledScalingSuspended: false,
      },
    });
    expect(decide(config, tracking('high', 1500), 4, state)).toMatchObject({
      reasonCode: 'ScalingSuspended',
    });
  });

  it('never scales on OK or INSUFFICIENT_DATA, nor without a datapoint', () => {
    expect(decide(config, tracking('high', 1500, { state: 'OK' }), 4)).toMatchObject({
      action: 'none',
      reasonCode: 'AlarmNotInAlarm',
    });
    expect(
      decide(config, alarm({ alarmName: HIGH, state: 'INSUFFICIENT_DATA', datapoints: [] }), 4),
    ).toMatchObject({ reasonCode: 'AlarmNotInAlarm' });
    expect(decide(config, alarm({ alarmName: HIGH, datapoints: [] }), 4)).toMatchObject({
      reasonCode: 'MissingMetricData',
    });
  });

  it('ignores an alarm state older than one already seen', () => {
    const state = stateOf(config, { alarmTimestamps: { [HIGH]: T0 + MINUTE } });
    expect(decide(config, tracking('high', 1500), 4, state)).toMatchObject({
      reasonCode: 'StaleEvent',
      policyName: 'invocations',
    });
  });
});

describe('target tracking: the low alarm', () => {
  const config = trackingTarget();

  it('scales in to ceil(C x metric / target), remembering what the low alarm showed', () => {
    const decision = decide(config, tracking('low', 450), 10);
    expect(decision).toMatchObject({
      action: 'scale-in',
      toCapacity: 5,
      cooldownEffect: { kind: 'start', direction: 'in', seconds: 300 },
    });
    expect(decision.state.trackingLowAlarms).toEqual({ [LOW]: { state: 'ALARM', metric: 450 } });
  });

  it('never raises capacity: ceil(2 x 0.85) = 2 leaves nothing to remove', () => {
    expect(decide(config, tracking('low', 850), 2)).toMatchObject({
      action: 'none',
      reasonCode: 'AlreadyAtDesiredCapacity',
      toCapacity: 2,
    });
  });

  it('says when capacity already is at the min of the bounds in force', () => {
    const state = stateOf(config, {
      bounds: { minCapacity: 3, maxCapacity: 10, setBy: { kind: 'config' }, since: T0 },
    });
    expect(decide(config, tracking('low', 450), 3, state)).toMatchObject({
      action: 'none',
      reasonCode: 'AlreadyAtMinCapacity',
      alarm: { requestedCapacity: 2 },
    });
  });

  it('is clamped to min', () => {
    expect(decide(config, tracking('low', 0), 5)).toMatchObject({ action: 'scale-in', toCapacity: 1 });
  });

  it('waits for every running cooldown of the target, scale-out ones included', () => {
    for (const direction of ['in', 'out'] as const) {
      const state = stateOf(config, { cooldowns: [cooldown({ direction, policyName: 'any' })] });
      expect(decide(config, tracking('low', 450), 10, state)).toMatchObject({
        action: 'none',
        reasonCode: 'CooldownInEffect',
        alarm: { cooldownEndsAt: T0 + 4 * MINUTE },
      });
    }
  });

  it('does nothing while dynamic scale-in is suspended', () => {
    const suspended = trackingTarget({
      suspendedState: {
        dynamicScalingInSuspended: true,
        dynamicScalingOutSuspended: false,
        scheduledScalingSuspended: false,
      },
    });
    expect(decide(suspended, tracking('low', 450), 10)).toMatchObject({ reasonCode: 'ScalingSuspended' });
  });

  it('remembers an OK low alarm without a metric', () => {
    const decision = decide(config, tracking('low', 950, { state: 'OK' }), 10);
    expect(decision.state.trackingLowAlarms).toEqual({ [LOW]: { state: 'OK', metric: undefined } });
  });
});

describe('several target tracking policies on one target', () => {
  const config = trackingTarget({
    targetTrackingPolicies: [
      trackingPolicy(),
      trackingPolicy({
        policyName: 'cpu',
        targetValue: 50,
        metric: {
          kind: 'customized',
          metricName: 'CPUUtilization',
          namespace: '/aws/sagemaker/Endpoints',
          statistic: 'Average',
        },
      }),
      trackingPolicy({ policyName: 'no-scale-in', targetValue: 1, disableScaleIn: true }),
    ],
  });
  const cpuLow = trackingAlarm('low', 'cpu');

  it('scale out when any asks, the largest capacity winning', () => {
    const decision = decide(
      config,
      [tracking('high', 1500), alarm({ alarmName: trackingAlarm('high', 'cpu'), value: 100 })],
      4,
    );
    expect(decision).toMatchObject({ action: 'scale-out', toCapacity: 8, policyName: 'cpu' });
    expect(decision.reason).toContain('the larger capacity wins over invocations (6)');
  });

  it('scale in only when every policy with scale-in enabled has its low alarm in ALARM', () => {
    const waiting = decide(config, tracking('low', 450), 10);
    expect(waiting).toMatchObject({ action: 'none', reasonCode: 'OtherPolicyNotInAlarm' });
    expect(waiting.reason).toContain('the low alarm of target tracking policy cpu is not seen yet');
    const cpuOk = stateOf(config, { trackingLowAlarms: { [cpuLow]: { state: 'OK' } } });
    expect(decide(config, tracking('low', 450), 10, cpuOk).reason).toContain('policy cpu is OK');
  });

  it('then scales in to the largest capacity any of them asks, from its latest datapoint', () => {
    const cpuInAlarm = stateOf(config, { trackingLowAlarms: { [cpuLow]: { state: 'ALARM', metric: 30 } } });
    const decision = decide(config, tracking('low', 450), 10, cpuInAlarm);
    expect(decision).toMatchObject({ action: 'scale-in', toCapacity: 6 });
    expect(decision.reason).toContain('the largest any tracking policy asks is 6');
  });

  it('sees the low alarms of one evaluation together, whatever their order', () => {
    const decision = decide(config, [tracking('low', 450), alarm({ alarmName: cpuLow, value: 30 })], 10);
    expect(decision).toMatchObject({ action: 'scale-in', toCapacity: 6 });
  });

  it("does not hold back a step policy's scale-in", () => {
    const mixed = trackingTarget({
      stepPolicies: [
        policy({
          policyName: 'step-in',
          alarmName: 'low',
          stepAdjustments: [{ metricIntervalUpperBound: 0, scalingAdjustment: -2 }],
        }),
      ],
      targetTrackingPolicies: config.targetTrackingPolicies,
    });
    const decision = decide(mixed, [tracking('low', 450), alarm({ alarmName: 'low', value: 40 })], 10);
    expect(decision).toMatchObject({ action: 'scale-in', toCapacity: 8, policyName: 'step-in' });
  });

  it('breaks a tie by policy order (step policies, then tracking), whatever order the alarms came in', () => {
    const mixed = trackingTarget({
      stepPolicies: [policy({ stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 2 }] })],
      targetTrackingPolicies: [trackingPolicy()],
    });
    const step = alarm({ alarmName: 'high', value: 60 });
    const both = [tracking('high', 1500), step, alarm({ alarmName: 'nobody', value: 1 })];
    for (const order of [both, [...both].reverse()]) {
      // 4 + 2 = 6 and ceil(4 x 1.5) = 6: the step policy, first in scaling.yml's order, wins.
      expect(decide(mixed, order, 4)).toMatchObject({
        toCapacity: 6,
        policyName: 'out',
        cooldownEffect: { policyName: 'out' },
      });
    }
  });

  it('lets a step scale-out and a tracking scale-out compete on capacity', () => {
    const mixed = trackingTarget({ stepPolicies: [policy()], targetTrackingPolicies: [trackingPolicy()] });
    const decision = decide(mixed, [tracking('high', 1500), alarm({ alarmName: 'high', value: 60 })], 4);
    expect(decision).toMatchObject({ toCapacity: 6, policyName: 'invocations' });
  });
});
