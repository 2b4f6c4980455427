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

/**
 * A newer decision supersedes a deferred intent (semantics: recorded as Overridden). A scheduled
 * action's intent is the exception: the action's job, setting the bounds, was done when it was
 * decided (the newer decision already keeps to them), so its record reads as done and says what
 * became of the capacity move it also asked.
 */
export function overriddenRecord(
  request: Request,
  deferred: ScalingIntent,
  newDesired: number,
): ActivityRecord {
  const decided = {
    action: 'none' as const,
    fromCapacity: deferred.fromCapacity,
    toCapacity: deferred.desiredCapacity,
    cause: deferred.cause,
    policyName: deferred.policyName,
    scheduledActionName: deferred.scheduledActionName,
  };
  const common = {
    activityId: deferred.activityId,
    reasonCode: 'IntentOverridden' as const,
    startTime: deferred.activityStart,
  };
  const target = request.target;
  const event = { ...request, eventKey: deferred.eventKey };
  if (deferred.scheduledActionName !== undefined) {
    const bounds = /^min\/max set to \[\d+, \d+\]/.exec(deferred.reason)?.[0] ?? 'bounds set';
    return activityOf(target, event, decided, {
      ...common,
      action: 'none',
      status: 'Successful',
      statusMessage: `${bounds}; the move ${deferred.fromCapacity} -> ${deferred.desiredCapacity} waited for the endpoint and was taken over by a newer decision for ${newDesired}`,
    });
  }
  return activityOf(target, event, decided, {
    ...common,
    action: 'deferred',
    status: 'Overridden',
    statusMessage: `superseded by a newer decision for ${newDesired}`,
  });
}
