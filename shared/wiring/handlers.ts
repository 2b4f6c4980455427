import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { eventExcerpt, eventIdOf } from '../events/excerpt.ts';
import { InvalidEventError, parseAlarmEvent, parseScheduledEvent } from '../events/index.ts';
import type { NativeScalingPort } from '../ports/native-scaling.ts';
import type { ScalerPorts } from '../usecases/apply-intent.ts';
import { handleAlarm } from '../usecases/handle-alarm.ts';
import { handleSchedule } from '../usecases/handle-schedule.ts';
import { handleTick, type TickPorts } from '../usecases/handle-tick.ts';
import type { EventOutcome } from '../usecases/outcome.ts';
import { MALFORMED_EVENTS_METRIC, reportOutcomes } from './outcome-telemetry.ts';
import type { ScalerRuntime } from './runtime.ts';

/** What a handler returns: visible in `serverless invoke local` and in Lambda destinations. */
export interface HandlerResult {
  outcomes: EventOutcome[];
  /** Set when the event was malformed and rejected (not retried: a retry cannot fix it). */
  rejected?: string[] | undefined;
}

type Handle<P extends ScalerPorts> = (
  event: unknown,
  runtime: ScalerRuntime<P>,
  context: Context,
) => Promise<EventOutcome[]>;

/**
 * Wraps a use case in the middy chain every function shares: Powertools logger context and
 * EMF metrics flushing. A malformed event is logged (its id, every issue, a bounded excerpt) and
 * dropped (reliability item 14: a clear log line, nothing written, no retry loop); any other error propagates so the platform
 * retries and, once retries run out, the event lands in the dead-letter queue.
 */
function scalerHandler<P extends ScalerPorts>(runtime: ScalerRuntime<P>, handle: Handle<P>) {
  const { logger, metrics } = runtime;
  return middy(async (event: unknown, context: Context): Promise<HandlerResult> => {
    // Every invocation counts, which also keeps Powertools from flushing an empty metric set.
    metrics.addMetric('EventsHandled', MetricUnit.Count, 1);
    try {
      const outcomes = await handle(event, runtime, context);
      reportOutcomes(outcomes, logger, metrics);
      return { outcomes };
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      // The id and a bounded excerpt: enough to find the event again, never the whole payload.
      logger.error('MalformedEvent', {
        eventId: eventIdOf(event),
        issues: error.issues,
        excerpt: eventExcerpt(event),
      });
      metrics.addMetric(MALFORMED_EVENTS_METRIC, MetricUnit.Count, 1);
      return { outcomes: [], rejected: error.issues };
    }
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}

/** `on-alarm`: EventBridge "CloudWatch Alarm State Change" events for the managed alarms. */
export function alarmHandler(runtime: ScalerRuntime) {
  return scalerHandler(runtime, async (event, { ports, now }) => {
    const processingTime = now();
    return handleAlarm(ports, parseAlarmEvent(event, processingTime), processingTime);
  });
}

/** `on-schedule`: the scaler's scheduled-action events from EventBridge Scheduler. */
export function scheduleHandler(runtime: ScalerRuntime<ScalerPorts & { native?: NativeScalingPort }>) {
  return scalerHandler(runtime, async (event, { ports, now }) => {
    const processingTime = now();
    return handleSchedule(ports, parseScheduledEvent(event, processingTime), processingTime);
  });
}

/** `on-tick`: every minute; the invocation's request id names the tick in the history. */
export function tickHandler(runtime: ScalerRuntime<TickPorts>) {
  return scalerHandler(runtime, async (_event, { ports, now }, context) =>
    handleTick(ports, now(), `tick:${context.awsRequestId}`),
  );
}
