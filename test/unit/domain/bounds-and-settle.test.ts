import { describe, expect, it } from 'vitest';
import { decideBoundsCorrection, reconcileConfigBounds } from '../../../shared/domain/bounds-decision.ts';
import type { Decision } from '../../../shared/domain/decision.ts';
import { acceptChange, intentOf } from '../../../shared/domain/settle.ts';
import { describeStepInterval, effectiveSuspension } from '../../../shared/domain/state.ts';
import { MINUTE, stateOf, T0, target } from '../../support/builders.ts';

describe('bounds correction', () => {
  const config = target({ minCapacity: 2, maxCapacity: 10 });

  it('brings a variant reset below min by a model deployment back inside', () => {
    const decision = decideBoundsCorrection(config, stateOf(config), { now: T0, currentCapacity: 1 });
    expect(decision).toMatchObject({
      action: 'scale-out',
      toCapacity: 2,
      cause: 'capacity outside the bounds in force',
    });
  });

  it('does nothing inside the bounds, or when that direction is suspended', () => {
    expect(decideBoundsCorrection(config, stateOf(config), { now: T0, currentCapacity: 5 })).toBeUndefined();
    const paused = stateOf(config, {
      pausedState: {
        dynamicScalingInSuspended: true,
        dynamicScalingOutSuspended: true,
        scheduledScalingSuspended: false,
      },
    });
    expect(decideBoundsCorrection(config, paused, { now: T0, currentCapacity: 12 })).toBeUndefined();
    expect(decideBoundsCorrection(config, paused, { now: T0, currentCapacity: 1 })).toBeUndefined();
  });

  it('resets the bounds in force when scaling.yml changed them, and says so', () => {
    const state = stateOf(config, {
      bounds: {
        minCapacity: 6,
        maxCapacity: 20,
        setBy: { kind: 'scheduled', scheduledActionName: 'peak', scheduledTime: T0 },
        since: T0,
      },
    });
    expect(reconcileConfigBounds(config, state, T0).note).toBeUndefined();
    const redeployed = reconcileConfigBounds({ ...config, maxCapacity: 12 }, state, T0 + MINUTE);
    expect(redeployed.state.bounds).toEqual({
      minCapacity: 2,
      maxCapacity: 12,
      setBy: { kind: 'config' },
      since: T0 + MINUTE,
    });
    expect(redeployed.note).toContain('from [2, 10] to [2, 12]');
  });

  it('combines suspension flags from scaling.yml and from a runtime pause', () => {
    const fileSuspended = target({
      suspendedState: {
        dynamicScalingInSuspended: true,
        dynamicScalingOutSuspended: false,
        scheduledScalingSuspended: false,
      },
    });
    const state = stateOf(fileSuspended, {
      pausedState: {
        dynamicScalingInSuspended: false,
        dynamicScalingOutSuspended: false,
        scheduledScalingSuspended: true,
      },
    });
    expect(effectiveSuspension(fileSuspended, state)).toEqual({
      dynamicScalingInSuspended: true,
      dynamicScalingOutSuspended: false,
      scheduledScalingSuspended: true,
    });
  });
});

describe('settling an accepted change', () => {
  const config = target();
  const change = (overrides: Partial<Decision> = {}): Decision => ({
    action: 'scale-out',
    fromCapacity: 3,
    toCapacity: 4,
    cause: 'c',
    reason: 'r',
    state: stateOf(config),
    ...overrides,
  });

  it('records the capacity set and drops cooldowns that have ended', () => {
    const state = stateOf(config, {
      cooldowns: [
        {
          policyName: 'old',
          direction: 'in',
          startedAt: T0 - 10 * MINUTE,
          endsAt: T0 - MINUTE,
          baselineCapacity: 5,
          targetCapacity: 4,
        },
      ],
    });
    const next = acceptChange(state, change(), T0);
    expect(next).toMatchObject({ lastSetCapacity: 4, cooldowns: [] });
  });

  it('starts a cooldown at acceptance time for the policy cooldown seconds, replacing its previous one', () => {
    const state = stateOf(config, {
      cooldowns: [
        {
          policyName: 'out',
          direction: 'out',
          startedAt: T0 - MINUTE,
          endsAt: T0 + MINUTE,
          baselineCapacity: 2,
          targetCapacity: 3,
        },
      ],
    });
    const next = acceptChange(
      state,
      change({
        cooldownEffect: {
          kind: 'start',
          policyName: 'out',
          direction: 'out',
          seconds: 300,
          baselineCapacity: 3,
          targetCapacity: 4,
        },
      }),
      T0,
    );
    expect(next.cooldowns).toEqual([
      {
        policyName: 'out',
        direction: 'out',
        startedAt: T0,
        endsAt: T0 + 5 * MINUTE,
        baselineCapacity: 3,
        targetCapacity: 4,
      },
    ]);
  });

  it('keeps other policies cooldowns when a scale-in starts its own', () => {
    const other = {
      policyName: 'other',
      direction: 'out' as const,
      startedAt: T0,
      endsAt: T0 + MINUTE,
      baselineCapacity: 2,
      targetCapacity: 3,
    };
    const next = acceptChange(
      stateOf(config, { cooldowns: [other] }),
      change({
        cooldownEffect: {
          kind: 'start',
          policyName: 'in',
          direction: 'in',
          seconds: 60,
          baselineCapacity: 4,
          targetCapacity: 3,
        },
      }),
      T0,
    );
    expect(next.cooldowns.map((w) => w.policyName)).toEqual(['other', 'in']);
  });

  it('raises only the scale-out window of the policy, never lowering its target', () => {
    const windows = [
      {
        policyName: 'out',
        direction: 'out' as const,
        startedAt: T0,
        endsAt: T0 + MINUTE,
        baselineCapacity: 2,
        targetCapacity: 5,
      },
      {
        policyName: 'other',
        direction: 'out' as const,
        startedAt: T0,
        endsAt: T0 + MINUTE,
        baselineCapacity: 2,
        targetCapacity: 3,
      },
    ];
    const raised = acceptChange(
      stateOf(config, { cooldowns: windows }),
      change({ cooldownEffect: { kind: 'raise', policyName: 'out', targetCapacity: 7 } }),
      T0,
    );
    expect(raised.cooldowns.map((w) => w.targetCapacity)).toEqual([7, 3]);
    const lower = acceptChange(
      stateOf(config, { cooldowns: windows }),
      change({ cooldownEffect: { kind: 'raise', policyName: 'out', targetCapacity: 4 } }),
      T0,
    );
    expect(lower.cooldowns.map((w) => w.targetCapacity)).toEqual([5, 3]);
  });

  it('turns a decision into an intent carrying what to do on acceptance', () => {
    const ids = { activityId: 'act-1', eventKey: 'evt-1', eventId: 'evt-1' };
    const intent = intentOf(change({ policyName: 'out' }), ids, T0);
    expect(intent).toMatchObject({
      activityId: 'act-1',
      eventKey: 'evt-1',
      eventId: 'evt-1',
      decidedAt: T0,
      fromCapacity: 3,
      desiredCapacity: 4,
      policyName: 'out',
    });
  });

  it('formats step intervals with the inclusivity of their side of the threshold', () => {
    expect(
      describeStepInterval(
        { metricIntervalLowerBound: 0, metricIntervalUpperBound: 200, scalingAdjustment: 1 },
        true,
      ),
    ).toBe('[0, 200)');
    expect(describeStepInterval({ metricIntervalUpperBound: -20, scalingAdjustment: -1 }, false)).toBe(
      '(-inf, -20]',
    );
    expect(describeStepInterval({ metricIntervalLowerBound: 200, scalingAdjustment: 3 }, true)).toBe(
      '[200, +inf)',
    );
  });
});
