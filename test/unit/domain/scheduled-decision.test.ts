import { describe, expect, it } from 'vitest';
import type { ScheduledAction, TargetConfig } from '../../../shared/domain/model.ts';
import {
  decideOnSchedule,
  scheduledEventKey,
  scheduledSlot,
} from '../../../shared/domain/scheduled-decision.ts';
import { MINUTE, scheduled, stateOf, T0, target } from '../../support/builders.ts';

function action(overrides: Partial<ScheduledAction> = {}): ScheduledAction {
  return {
    scheduledActionName: 'peak',
    schedule: 'cron(0 18 ? * FRI *)',
    timezone: 'Europe/Berlin',
    scalableTargetAction: { minCapacity: 6, maxCapacity: 20 },
    ...overrides,
  };
}

function withActions(...actions: ScheduledAction[]): TargetConfig {
  return target({ minCapacity: 2, maxCapacity: 10, scheduledActions: actions });
}

describe('scheduled actions', () => {
  it('sets min/max and scales out to the new min at once', () => {
    const config = withActions(action());
    const decision = decideOnSchedule(config, stateOf(config), scheduled(), { now: T0, currentCapacity: 3 });
    expect(decision).toMatchObject({
      action: 'scale-out',
      fromCapacity: 3,
      toCapacity: 6,
      scheduledActionName: 'peak',
    });
    expect(decision.state.bounds).toMatchObject({
      minCapacity: 6,
      maxCapacity: 20,
      setBy: { kind: 'scheduled', scheduledActionName: 'peak' },
    });
    expect(decision.cooldownEffect).toBeUndefined();
  });

  it('scales in to a lower new max at once', () => {
    const config = withActions(action({ scalableTargetAction: { maxCapacity: 4 } }));
    const decision = decideOnSchedule(config, stateOf(config), scheduled(), { now: T0, currentCapacity: 9 });
    expect(decision).toMatchObject({ action: 'scale-in', toCapacity: 4 });
    expect(decision.state.bounds).toMatchObject({ minCapacity: 2, maxCapacity: 4 });
  });

  it('changes only the bounds when capacity already lies inside them', () => {
    const config = withActions(action());
    const decision = decideOnSchedule(config, stateOf(config), scheduled(), { now: T0, currentCapacity: 8 });
    expect(decision).toMatchObject({ action: 'none', reasonCode: 'CapacityWithinNewBounds' });
    expect(decision.state.bounds.minCapacity).toBe(6);
  });

  it('fires once per slot: a retry with a new execution id is a duplicate', () => {
    const config = withActions(action());
    const first = decideOnSchedule(config, stateOf(config), scheduled({ eventId: 'a' }), {
      now: T0,
      currentCapacity: 3,
    });
    const retry = decideOnSchedule(
      config,
      first.state,
      scheduled({ eventId: 'b', scheduledTime: T0 + 20_000 }),
      {
        now: T0 + MINUTE,
        currentCapacity: 6,
      },
    );
    expect(retry).toMatchObject({ action: 'none', reasonCode: 'DuplicateEvent' });
    expect(scheduledEventKey(scheduled({ scheduledTime: T0 + 20_000 }))).toBe(
      'peak@2026-11-23T10:00:00.000Z',
    );
  });

  it('ignores an older slot of the same action arriving late', () => {
    const config = withActions(action());
    const first = decideOnSchedule(config, stateOf(config), scheduled(), { now: T0, currentCapacity: 3 });
    const late = decideOnSchedule(
      config,
      first.state,
      scheduled({ scheduledTime: T0 - 7 * 24 * 60 * MINUTE }),
      {
        now: T0,
        currentCapacity: 6,
      },
    );
    expect(late.reasonCode).toBe('StaleEvent');
  });

  it('lets a newer slot of another action supersede a late one', () => {
    const config = withActions(
      action(),
      action({ scheduledActionName: 'baseline', scalableTargetAction: { minCapacity: 2, maxCapacity: 10 } }),
    );
    const monday = decideOnSchedule(
      config,
      stateOf(config),
      scheduled({ scheduledActionName: 'baseline', scheduledTime: T0 }),
      {
        now: T0,
        currentCapacity: 6,
      },
    );
    const lateFriday = decideOnSchedule(
      config,
      monday.state,
      scheduled({ scheduledTime: T0 - 3 * 24 * 60 * MINUTE }),
      {
        now: T0 + MINUTE,
        currentCapacity: 6,
      },
    );
    expect(lateFriday).toMatchObject({ action: 'none', reasonCode: 'StaleEvent' });
    expect(lateFriday.state.bounds.maxCapacity).toBe(10);
    expect(lateFriday.state.firedSlots.peak).toBe(T0 - 3 * 24 * 60 * MINUTE);
  });

  it('does not fire outside its start and end time', () => {
    const early = withActions(action({ startTime: T0 + MINUTE }));
    expect(
      decideOnSchedule(early, stateOf(early), scheduled(), { now: T0, currentCapacity: 3 }).reasonCode,
    ).toBe('OutsideScheduleWindow');
    const late = withActions(action({ endTime: T0 - MINUTE }));
    expect(
      decideOnSchedule(late, stateOf(late), scheduled(), { now: T0, currentCapacity: 3 }).reasonCode,
    ).toBe('OutsideScheduleWindow');
    const inside = withActions(action({ startTime: T0, endTime: T0 }));
    expect(
      decideOnSchedule(inside, stateOf(inside), scheduled(), { now: T0, currentCapacity: 3 }).action,
    ).toBe('scale-out');
  });

  it('skips the slot, without replaying it later, while scheduled scaling is suspended', () => {
    const config = withActions(action());
    const paused = stateOf(config, {
      pausedState: {
        dynamicScalingInSuspended: false,
        dynamicScalingOutSuspended: false,
        scheduledScalingSuspended: true,
      },
    });
    const skipped = decideOnSchedule(config, paused, scheduled(), { now: T0, currentCapacity: 3 });
    expect(skipped.reasonCode).toBe('ScalingSuspended');
    const afterResume = decideOnSchedule(
      config,
      { ...skipped.state, pausedState: stateOf(config).pausedState },
      scheduled(),
      {
        now: T0 + MINUTE,
        currentCapacity: 3,
      },
    );
    expect(afterResume.reasonCode).toBe('DuplicateEvent');
  });

  it('refuses bounds whose min would exceed the max in force', () => {
    const config = withActions(action({ scalableTargetAction: { minCapacity: 12 } }));
    const decision = decideOnSchedule(config, stateOf(config), scheduled(), { now: T0, currentCapacity: 3 });
    expect(decision.reasonCode).toBe('InvalidScheduledBounds');
    expect(decision.state.bounds.minCapacity).toBe(2);
  });

  it('reports an action the target does not have', () => {
    const config = withActions(action());
    const decision = decideOnSchedule(config, stateOf(config), scheduled({ scheduledActionName: 'nope' }), {
      now: T0,
      currentCapacity: 3,
    });
    expect(decision.reasonCode).toBe('UnknownScheduledAction');
  });

  it('puts a firing in its one-minute slot', () => {
    expect(scheduledSlot(T0 + 59_999)).toBe(T0);
  });
});
