/**
 * Activity records a decision path writes besides the decision's own: a note that scaling.yml
 * changed the bounds, a failure found before anything was decided, a deferred intent that a
 * newer decision overrode.
 */
import type { TargetConfig } from '../domain/model.ts';
import type { ScalingIntent } from '../domain/state.ts';
import type { ActivityRecord } from '../ports/activity.ts';
import { activityOf, type EventIdentity } from './outcome.ts';

type Request = EventIdentity & { target: TargetConfig };

/** scaling.yml was deployed with other min/max: the bounds in force were reset (ConfigurationChanged). */
export function configurationNote(request: Request, activityId: string, message: string): ActivityRecord {
  return activityOf(
    request.target,
    request,
    { action: 'none', fromCapacity: 0, toCapacity: 0, cause: 'scaling.yml deployed' },
    {
      activityId,
      action: 'none',
      status: 'Successful',
      statusMessage: message,
      reasonCode: 'ConfigurationChanged',
    },
  );
}

/** The endpoint or variant is missing or cannot be scaled: a failed activity, nothing decided. */
export function failureWithoutDecision(
  request: Request,
  activityId: string,
  message: string,
): ActivityRecord {
  return activityOf(
    request.target,
    request,
    { action: 'none', fromCapacity: 0, toCapacity: 0, cause: `event ${request.eventKey}` },
    { activityId, action: 'failed', status: 'Failed', statusMessage: message, reasonCode: 'EndpointFailed' },
  );
}

/** A newer decision supersedes a deferred intent (semantics: recorded as Overridden). */
export function overriddenRecord(
  request: Request,
  deferred: ScalingIntent,
  newDesired: number,
): ActivityRecord {
  return activityOf(
    request.target,
    { ...request, eventKey: deferred.eventKey },
    {
      action: 'none',
      fromCapacity: deferred.fromCapacity,
      toCapacity: deferred.desiredCapacity,
      cause: deferred.cause,
      policyName: deferred.policyName,
      scheduledActionName: deferred.scheduledActionName,
    },
    {
      activityId: deferred.activityId,
      action: 'deferred',
      status: 'Overridden',
      statusMessage: `superseded by a newer decision for ${newDesired}`,
      reasonCode: 'IntentOverridden',
      startTime: deferred.activityStart,
    },
  );
}
