import { actionBetween, type Decision, type DecisionContext, isoTime, notScaled } from './decision.ts';
import type { ScheduledAction, ScheduledTrigger, TargetConfig } from './model.ts';
import { withChanges } from './objects.ts';
import { effectiveSuspension, type TargetState } from './state.ts';
import { clampCapacity } from './step-math.ts';

const MINUTE_MS = 60_000;

/** The slot a firing belongs to: schedules have one-minute resolution. */
export function scheduledSlot(scheduledTime: number): number {
  return Math.floor(scheduledTime / MINUTE_MS) * MINUTE_MS;
}

/** The key that makes a scheduled firing idempotent: the Scheduler's execution id changes per retry. */
export function scheduledEventKey(
  trigger: Pick<ScheduledTrigger, 'scheduledActionName' | 'scheduledTime'>,
): string {
  return `${trigger.scheduledActionName}@${isoTime(scheduledSlot(trigger.scheduledTime))}`;
}

/**
 * Decides what a scheduled action firing does: it replaces the bounds in force and moves
 * capacity at once to a bound it now lies outside. Cooldowns do not apply (AAS).
 */
export function decideOnSchedule(
  target: TargetConfig,
  state: TargetState,
  trigger: ScheduledTrigger,
  context: DecisionContext,
): Decision {
  const slot = scheduledSlot(trigger.scheduledTime);
  const action = target.scheduledActions.find((a) => a.scheduledActionName === trigger.scheduledActionName);
  const base = {
    fromCapacity: context.currentCapacity,
    cause: `scheduled action ${trigger.scheduledActionName} for ${isoTime(slot)}`,
    scheduledActionName: trigger.scheduledActionName,
    state,
  };
  if (!action) {
    return notScaled(base, 'this target has no scheduled action of that name', 'UnknownScheduledAction');
  }
  const handled = state.firedSlots[action.scheduledActionName];
  if (handled === slot) {
    return notScaled(base, 'this slot was already handled', 'DuplicateEvent');
  }
  if (handled !== undefined && slot < handled) {
    return notScaled(base, `a later slot (${isoTime(handled)}) was already handled`, 'StaleEvent');
  }
  // From here on the slot counts as handled, whatever it does: a skipped slot is not replayed.
  const consumed = withChanges(state, {
    firedSlots: withChanges(state.firedSlots, { [action.scheduledActionName]: slot }),
  });
  const withState = withChanges(base, { state: consumed });
  if (state.newestScheduledSlot !== undefined && slot < state.newestScheduledSlot) {
    const reason = `superseded: the bounds in force come from a later slot (${isoTime(state.newestScheduledSlot)})`;
    return notScaled(withState, reason, 'StaleEvent');
  }
  if (outsideWindow(action, slot)) {
    return notScaled(withState, 'the slot lies outside the action start/end time', 'OutsideScheduleWindow');
  }
  if (effectiveSuspension(target, state).scheduledScalingSuspended) {
    return notScaled(withState, 'scheduled scaling is suspended; this slot is skipped', 'ScalingSuspended');
  }
  const minCapacity = action.scalableTargetAction.minCapacity ?? state.bounds.minCapacity;
  const maxCapacity = action.scalableTargetAction.maxCapacity ?? state.bounds.maxCapacity;
  if (minCapacity > maxCapacity) {
    const reason = `would set min ${minCapacity} above max ${maxCapacity}; bounds left at [${state.bounds.minCapacity}, ${state.bounds.maxCapacity}]`;
    return notScaled(withState, reason, 'InvalidScheduledBounds');
  }
  const next: TargetState = withChanges(consumed, {
    newestScheduledSlot: slot,
    bounds: {
      minCapacity,
      maxCapacity,
      setBy: {
        kind: 'scheduled' as const,
        scheduledActionName: action.scheduledActionName,
        scheduledTime: slot,
      },
      since: context.now,
    },
  });
  const current = context.currentCapacity;
  const desired = clampCapacity(current, next.bounds);
  const range = `min/max set to [${minCapacity}, ${maxCapacity}]`;
  if (desired === current) {
    return notScaled(
      withChanges(base, { state: next }),
      `${range}; capacity ${current} is inside`,
      'CapacityWithinNewBounds',
    );
  }
  return withChanges(base, {
    state: next,
    action: actionBetween(current, desired),
    toCapacity: desired,
    reason: `${range}: ${current} -> ${desired} at once`,
  });
}

function outsideWindow(action: ScheduledAction, slot: number): boolean {
  return (
    (action.startTime !== undefined && slot < action.startTime) ||
    (action.endTime !== undefined && slot > action.endTime)
  );
}
