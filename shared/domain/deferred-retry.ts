import { actionBetween, type Decision, type DecisionContext, notScaled } from './decision.ts';
import { withChanges } from './objects.ts';
import { dynamicBounds } from './predictive/floor.ts';
import type { TargetState } from './state.ts';
import { clampCapacity } from './step-math.ts';

/**
 * Retries a deferred intent once the endpoint is InService again: the same desired count, kept
 * inside the bounds in force now. Undefined when nothing is deferred. When capacity already
 * is what the intent wanted, the intent is dropped as overtaken.
 *
 * A target tracking intent is not retried as it was: target tracking acts on the metric now, only
 * while its alarm is in ALARM (as AAS applies it every minute of the breach). While the alarm is
 * still in ALARM the tick's re-evaluation decides afresh and supersedes it (undefined here); once
 * the alarm has left ALARM it is dropped.
 */
export function decideDeferredRetry(
  state: TargetState,
  context: DecisionContext & { alarmsInAlarm: ReadonlySet<string> },
): Decision | undefined {
  const deferred = state.deferred;
  if (!deferred) return undefined;
  const tracking = deferred.alarm?.policyType === 'TargetTracking' ? deferred.alarm.alarmName : undefined;
  if (tracking !== undefined && context.alarmsInAlarm.has(tracking)) return undefined;
  const current = context.currentCapacity;
  const desired = clampCapacity(deferred.desiredCapacity, dynamicBounds(state.bounds, context.floor));
  const base = {
    fromCapacity: current,
    cause: deferred.cause,
    policyName: deferred.policyName,
    scheduledActionName: deferred.scheduledActionName,
    alarm: deferred.alarm,
    state: withChanges(state, { deferred: undefined }),
    continuesActivity: { activityId: deferred.activityId, startTime: deferred.decidedAt },
  };
  if (tracking !== undefined) {
    return notScaled(
      base,
      `${deferred.reason}; dropped: alarm ${tracking} left ALARM while the endpoint was busy, and target tracking acts only while its alarm is in ALARM`,
      'AlarmNotInAlarm',
    );
  }
  if (desired === current) {
    return notScaled(
      base,
      `${deferred.reason}; overtaken: capacity is already ${current}`,
      'AlreadyAtDesiredCapacity',
    );
  }
  return withChanges(base, {
    action: actionBetween(current, desired),
    toCapacity: desired,
    reason: `${deferred.reason}; retried after waiting for ${deferred.waitingFor ?? 'the endpoint'}`,
    cooldownEffect: deferred.cooldownEffect,
  });
}
