import { describe, expect, it } from 'vitest';
import { decideDeferredRetry } from '../../../shared/domain/deferred-retry.ts';
import { targetKey } from '../../../shared/domain/model.ts';
import type { ScalingIntent } from '../../../shared/domain/state.ts';
import { MINUTE, stateOf, T0, target } from '../../support/builders.ts';

const deferred: ScalingIntent = {
  activityId: 'act-1',
  eventKey: 'evt-1',
  decidedAt: T0,
  activityStart: T0,
  fromCapacity: 3,
  desiredCapacity: 6,
  cause: 'alarm high in state ALARM triggered policy out',
  reason: 'matched step +3',
  policyName: 'out',
  cooldownEffect: {
    kind: 'start',
    policyName: 'out',
    direction: 'out',
    seconds: 300,
    baselineCapacity: 3,
    targetCapacity: 6,
  },
  waitingFor: 'endpoint Updating',
};

const NONE: ReadonlySet<string> = new Set();

describe('retrying a deferred intent', () => {
  const config = target();

  it('has nothing to retry when nothing is deferred', () => {
    expect(
      decideDeferredRetry(stateOf(config), { now: T0, currentCapacity: 3, alarmsInAlarm: NONE }),
    ).toBeUndefined();
  });

  it('applies the same desired count, continuing the deferred activity and its cooldown plan', () => {
    const decision = decideDeferredRetry(stateOf(config, { deferred }), {
      now: T0 + MINUTE,
      currentCapacity: 3,
      alarmsInAlarm: NONE,
    });
    expect(decision).toMatchObject({
      action: 'scale-out',
      fromCapacity: 3,
      toCapacity: 6,
      continuesActivity: { activityId: 'act-1', startTime: T0 },
      cooldownEffect: deferred.cooldownEffect,
    });
    expect(decision?.reason).toContain('retried after waiting for endpoint Updating');
    expect(decision?.state.deferred).toBeUndefined();
  });

  it('keeps the retried count inside the bounds in force now', () => {
    const narrowed = stateOf(config, {
      deferred: { ...deferred, waitingFor: undefined },
      bounds: { minCapacity: 1, maxCapacity: 5, setBy: { kind: 'config' }, since: T0 },
    });
    const decision = decideDeferredRetry(narrowed, {
      now: T0 + MINUTE,
      currentCapacity: 3,
      alarmsInAlarm: NONE,
    });
    expect(decision?.toCapacity).toBe(5);
    expect(decision?.reason).toContain('waiting for the endpoint');
  });

  it('drops an intent capacity has overtaken', () => {
    const decision = decideDeferredRetry(stateOf(config, { deferred }), {
      now: T0 + MINUTE,
      currentCapacity: 6,
      alarmsInAlarm: NONE,
    });
    expect(decision).toMatchObject({ action: 'none', reasonCode: 'AlreadyAtDesiredCapacity' });
  });

  it('a step intent is retried as it was, whether or not its alarm is still in ALARM', () => {
    const decision = decideDeferredRetry(stateOf(config, { deferred }), {
      now: T0 + MINUTE,
      currentCapacity: 3,
      alarmsInAlarm: new Set(['high']),
    });
    expect(decision).toMatchObject({ action: 'scale-out', toCapacity: 6 });
  });

  describe('a target tracking intent', () => {
    const tracking: ScalingIntent = {
      ...deferred,
      alarm: { alarmName: 'tt-high', policyName: 'tt', policyType: 'TargetTracking', metricValue: 1500 },
    };

    it('is left to the re-evaluation while its alarm is still in ALARM', () => {
      const decision = decideDeferredRetry(stateOf(config, { deferred: tracking }), {
        now: T0 + MINUTE,
        currentCapacity: 3,
        alarmsInAlarm: new Set(['tt-high']),
      });
      expect(decision).toBeUndefined();
    });

    it('is dropped, ending its activity, once its alarm has left ALARM', () => {
      const decision = decideDeferredRetry(stateOf(config, { deferred: tracking }), {
        now: T0 + MINUTE,
        currentCapacity: 3,
        alarmsInAlarm: NONE,
      });
      expect(decision).toMatchObject({
        action: 'none',
        toCapacity: 3,
        reasonCode: 'AlarmNotInAlarm',
        continuesActivity: { activityId: 'act-1', startTime: T0 },
      });
      expect(decision?.reason).toContain('alarm tt-high left ALARM while the endpoint was busy');
      expect(decision?.state.deferred).toBeUndefined();
    });
  });

  it('names a target by its AAS resource id', () => {
    expect(targetKey(config)).toBe('endpoint/worked-example/variant/AllTraffic');
  });
});
