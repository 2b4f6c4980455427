import type { Decision } from './decision.ts';
import { withChanges } from './objects.ts';
import type { AcceptedChange, CooldownEffect, CooldownWindow, ScalingIntent, TargetState } from './state.ts';

/**
 * The state once SageMaker accepted a change: the scaler's last set capacity, and the cooldown
 * the change starts or raises. AAS starts a cooldown when the activity starts, so `at` is the
 * time the update was accepted, not the time it was decided.
 */
export function acceptChange(
  state: TargetState,
  change: { toCapacity: number; cooldownEffect?: CooldownEffect | undefined },
  at: number,
): TargetState {
  const cooldowns = applyCooldownEffect(
    state.cooldowns.filter((window) => window.endsAt > at),
    change.cooldownEffect,
    at,
  );
  return withChanges(state, { lastSetCapacity: change.toCapacity, cooldowns });
}

function applyCooldownEffect(
  running: CooldownWindow[],
  effect: CooldownEffect | undefined,
  at: number,
): CooldownWindow[] {
  if (!effect) return running;
  if (effect.kind === 'raise') {
    // A larger step inside the cooldown moves its target, never its start or baseline.
    return running.map((window) =>
      window.policyName === effect.policyName && window.direction === 'out'
        ? withChanges(window, { targetCapacity: Math.max(window.targetCapacity, effect.targetCapacity) })
        : window,
    );
  }
  const started: CooldownWindow = {
    policyName: effect.policyName,
    direction: effect.direction,
    startedAt: at,
    endsAt: at + effect.seconds * 1000,
    baselineCapacity: effect.baselineCapacity,
    targetCapacity: effect.targetCapacity,
  };
  // A scale-out ends every running scale-in cooldown of the target (AAS).
  const kept = running.filter(
    (window) =>
      !(window.policyName === effect.policyName && window.direction === effect.direction) &&
      !(effect.direction === 'out' && window.direction === 'in'),
  );
  return [...kept, started];
}

/** The intent a capacity-changing decision becomes before anything is sent to SageMaker. */
export function intentOf(
  decision: Decision,
  ids: { activityId: string; eventKey: string; eventId: string },
  decidedAt: number,
): ScalingIntent {
  return {
    activityId: ids.activityId,
    eventKey: ids.eventKey,
    eventId: ids.eventId,
    decidedAt,
    activityStart: decision.continuesActivity?.startTime ?? decidedAt,
    fromCapacity: decision.fromCapacity,
    desiredCapacity: decision.toCapacity,
    cause: decision.cause,
    reason: decision.reason,
    policyName: decision.policyName,
    scheduledActionName: decision.scheduledActionName,
    alarm: decision.alarm,
    cooldownEffect: decision.cooldownEffect,
  };
}

/** The endpoint as DescribeEndpoint shows it once it is no longer updating. */
export interface SettledEndpoint {
  endpointStatus: string;
  desiredInstanceCount: number;
}

/** How an accepted change ended, and the state that follows. */
export type AcceptedChangeEnd =
  | { kind: 'successful'; change: AcceptedChange; state: TargetState }
  | { kind: 'failed'; change: AcceptedChange; state: TargetState; why: string };

/**
 * Ends the accepted change of `state`, judged from an endpoint that has stopped updating:
 * InService at the count it asked for is a success. Anything else (RollingBack,
 * UpdateRollbackFailed, Failed, or InService at another count because the update was rolled
 * back or overwritten) fails it: the scaler's last set capacity and the cooldowns go back to what
 * they were before it, since a failed activity starts no cooldown, and later decisions start
 * afresh from the endpoint's own count. Undefined when there is no accepted change.
 */
export function endAcceptedChange(
  state: TargetState,
  endpoint: SettledEndpoint,
): AcceptedChangeEnd | undefined {
  const change = state.accepted;
  if (!change) return undefined;
  const { endpointStatus, desiredInstanceCount } = endpoint;
  if (endpointStatus === 'InService' && desiredInstanceCount === change.desiredCapacity) {
    return { kind: 'successful', change, state: withChanges(state, { accepted: undefined }) };
  }
  const why =
    endpointStatus === 'InService'
      ? `SageMaker accepted the update, but the endpoint is InService at ${desiredInstanceCount}, not ${change.desiredCapacity} (rolled back, or changed outside the scaler)`
      : `SageMaker accepted the update, then the endpoint went ${endpointStatus}`;
  const undone = withChanges(state, {
    accepted: undefined,
    cooldowns: change.rollback?.cooldowns ?? state.cooldowns,
    lastSetCapacity: change.rollback ? change.rollback.lastSetCapacity : state.lastSetCapacity,
  });
  return { kind: 'failed', change, state: undone, why };
}
