import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { isoTime } from '../domain/decision.ts';
import type { EventOutcome } from '../usecases/outcome.ts';

/**
 * The log line an alerting metric filter matches for failed scaling activities: keep it stable
 * (the deploy issue's CloudWatch alarm counts it).
 */
export const FAILED_ACTIVITY_LOG_MESSAGE = 'ScalingActivityFailed';

/** The metric a dropped malformed event is counted in: keep it stable (an alert alarm sums it). */
export const MALFORMED_EVENTS_METRIC = 'MalformedEvents';

/**
 * Logs one structured line per outcome (target, event id and activity id on each) and emits
 * EMF metrics: decisions by action and reason code, desired capacity per target, deferrals and
 * failed activities (a change the endpoint rolled back included). The end of an accepted change
 * is logged as `ScalingActivityEnded` (or as a failure) and is not counted as a decision.
 */
export function reportOutcomes(outcomes: readonly EventOutcome[], logger: Logger, metrics: Metrics): void {
  for (const outcome of outcomes) {
    const fields = {
      target: outcome.targetKey,
      eventId: outcome.eventId,
      eventKey: outcome.eventKey,
      activityId: outcome.activityId,
      action: outcome.action,
      status: outcome.status,
      fromCapacity: outcome.fromCapacity,
      toCapacity: outcome.toCapacity,
      reasonCode: outcome.reasonCode,
      policyName: outcome.policyName,
      scheduledActionName: outcome.scheduledActionName,
      cause: outcome.cause,
      reason: outcome.reason,
      shadow: outcome.shadow,
      time: isoTime(outcome.time),
    };
    if (outcome.action === 'failed') logger.error(FAILED_ACTIVITY_LOG_MESSAGE, fields);
    else logger.info(outcome.endsActivity ? 'ScalingActivityEnded' : 'ScalingDecision', fields);

    if (!outcome.endsActivity) {
      const decision = metrics.singleMetric();
      decision.addDimensions({ action: outcome.action, reasonCode: outcome.reasonCode ?? 'Scaled' });
      decision.addMetric('Decisions', MetricUnit.Count, 1);
    }
    if (outcome.targetKey && outcome.recorded) {
      const capacity = metrics.singleMetric();
      capacity.addDimension('target', outcome.targetKey);
      capacity.addMetric('DesiredCapacity', MetricUnit.Count, outcome.toCapacity);
    }
    if (outcome.action === 'deferred') metrics.addMetric('DeferredIntents', MetricUnit.Count, 1);
    if (outcome.action === 'failed') metrics.addMetric('FailedActivities', MetricUnit.Count, 1);
  }
}
