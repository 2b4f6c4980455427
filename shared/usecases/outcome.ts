import type { Decision, ReasonCode } from '../domain/decision.ts';
import type { TargetConfig } from '../domain/model.ts';
import { targetKey } from '../domain/model.ts';
import type { ActivityAction, ActivityRecord, ActivityStatus } from '../ports/activity.ts';

/** What handling one event did for one target (or, for an alarm no target uses, for none). */
export interface EventOutcome {
  /** Processing time. */
  time: number;
  eventId: string;
  eventKey: string;
  targetKey?: string | undefined;
  activityId?: string | undefined;
  action: ActivityAction;
  status?: ActivityStatus | undefined;
  fromCapacity: number;
  toCapacity: number;
  cause: string;
  reason: string;
  reasonCode?: ActivityRecord['reasonCode'];
  policyName?: string | undefined;
  scheduledActionName?: string | undefined;
  shadow?: boolean | undefined;
  /** What the alarm showed, when an alarm drove the decision. */
  alarm?: ActivityRecord['alarm'];
  /** Things an operator should know that are not the decision itself (e.g. native AAS policies). */
  warnings?: string[] | undefined;
  /** False when nothing was written (a duplicate, an unknown alarm). */
  recorded: boolean;
  /**
   * True when this ends an earlier decision's activity (the endpoint finished or rolled back a
   * change SageMaker had accepted) rather than reporting a decision of its own.
   */
  endsActivity?: boolean | undefined;
  /** The end of an earlier accepted change that this decision's write recorded first. */
  ended?: EventOutcome | undefined;
}

/**
 * The endpoint confirming an earlier change (its activity now Successful): history, not a new
 * decision. Timelines and tallies leave it out so that each change counts once; an end that
 * failed (a rollback) is news and stays.
 */
export function confirmsEarlierChange(outcome: EventOutcome): boolean {
  return outcome.endsActivity === true && outcome.status === 'Successful';
}

/** An outcome and the activity end recorded with it, in the order they were recorded. */
export function withEnded(outcome: EventOutcome): EventOutcome[] {
  if (!outcome.ended) return [outcome];
  const { ended, ...decision } = outcome;
  return [ended, decision];
}

/** Identifies the event being handled, for records. */
export interface EventIdentity {
  eventId: string;
  eventKey: string;
  now: number;
}

/** An activity record for a decision, with the status and message of what became of it. */
export function activityOf(
  target: TargetConfig,
  event: EventIdentity,
  decision: Pick<
    Decision,
    'action' | 'fromCapacity' | 'toCapacity' | 'cause' | 'policyName' | 'scheduledActionName' | 'alarm'
  >,
  result: {
    activityId: string;
    action: ActivityAction;
    status: ActivityStatus;
    statusMessage: string;
    reasonCode?: ActivityRecord['reasonCode'];
    toCapacity?: number;
    /** When the activity began, if before this event (a deferred or in-flight intent). */
    startTime?: number;
  },
): ActivityRecord {
  return {
    activityId: result.activityId,
    targetKey: targetKey(target),
    endpointName: target.endpointName,
    variantName: target.variantName,
    eventId: event.eventId,
    eventKey: event.eventKey,
    cause: decision.cause,
    startTime: result.startTime ?? event.now,
    endTime: result.status === 'InProgress' || result.status === 'Pending' ? undefined : event.now,
    fromCapacity: decision.fromCapacity,
    toCapacity: result.toCapacity ?? decision.toCapacity,
    action: result.action,
    status: result.status,
    statusMessage: result.statusMessage,
    reasonCode: result.reasonCode,
    policyName: decision.policyName,
    scheduledActionName: decision.scheduledActionName,
    alarm: decision.alarm,
    shadow: target.mode === 'shadow' ? true : undefined,
  };
}

/** The outcome of a recorded activity. */
export function outcomeOf(record: ActivityRecord, time: number): EventOutcome {
  return {
    time,
    eventId: record.eventId,
    eventKey: record.eventKey,
    targetKey: record.targetKey,
    activityId: record.activityId,
    action: record.action,
    status: record.status,
    fromCapacity: record.fromCapacity,
    toCapacity: record.toCapacity,
    cause: record.cause,
    reason: record.statusMessage,
    reasonCode: record.reasonCode,
    policyName: record.policyName,
    scheduledActionName: record.scheduledActionName,
    shadow: record.shadow,
    alarm: record.alarm,
    recorded: true,
  };
}

/** An outcome that wrote nothing: the event changed nothing and needs no history entry. */
export function unrecordedOutcome(
  event: EventIdentity,
  fields: { targetKey?: string; capacity: number; cause: string; reason: string; reasonCode: ReasonCode },
): EventOutcome {
  return {
    time: event.now,
    eventId: event.eventId,
    eventKey: event.eventKey,
    targetKey: fields.targetKey,
    action: 'none',
    fromCapacity: fields.capacity,
    toCapacity: fields.capacity,
    cause: fields.cause,
    reason: fields.reason,
    reasonCode: fields.reasonCode,
    recorded: false,
  };
}
