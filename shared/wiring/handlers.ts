import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { eventExcerpt, eventIdOf } from '../events/excerpt.ts';
import { InvalidEventError, parseAlarmEvent, parseScheduledEvent } from '../events/index.ts';
import { parseTickShard } from '../events/tick-shard.ts';
import type { NativeScalingPort } from '../ports/native-scaling.ts';
import type { ScalerPorts } from '../usecases/apply-intent.ts';
import { handleAlarm } from '../usecases/handle-alarm.ts';
import { handleSchedule } from '../usecases/handle-schedule.ts';
import { type TickPorts, tickFleet } from '../usecases/handle-tick.ts';
import type { EventOutcome } from '../usecases/outcome.ts';
import { type ForecastPorts, refreshForecasts } from '../usecases/predictive/refresh-forecasts.ts';
import { MALFORMED_EVENTS_METRIC, reportOutcomes } from './outcome-telemetry.ts';
import type { ScalerRuntime } from './runtime-base.ts';

/** What a handler returns: visible in `serverless invoke local` and in Lambda destinations. */
export interface HandlerResult {
  outcomes: EventOutcome[];
  /** Set when the event was malformed and rejected (not retried: a retry cannot fix it). */
  rejected?: string[] | undefined;
}

type Handle<P extends object> = (
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
function scalerHandler<P extends object>(runtime: ScalerRuntime<P>, handle: Handle<P>) {
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

/** `forecast`: every hour; forecasts each predictive policy's load and stores it for the floor. */
export function forecastHandler(runtime: ScalerRuntime<ForecastPorts>) {
  return scalerHandler(runtime, async (_event, { ports, now }, context) =>
    refreshForecasts(ports, now(), `forecast:${context.awsRequestId}`),
  );
}

/** How `on-tick` paces a fleet: endpoints at once, and the time it keeps for targets already started. */
export interface TickPacingSettings {
  concurrency: number;
  /** No new target starts once the invocation has less than this left (its timeout is 50 s). */
  reserveMs: number;
}

/**
 * The defaults, or `SCALER_TICK_CONCURRENCY` / `SCALER_TICK_RESERVE_MS`. 16 endpoints at once
 * keeps a 1,000-target tick near 5 s with 20 ms per call (bench/tick.bench.ts) while staying far
 * under SageMaker's and DynamoDB's request rates; 20 s of reserve leaves a started target's
 * retries (adaptive, 5 attempts) room to finish before the 50 s timeout.
 */
export function tickPacing(env: NodeJS.ProcessEnv): TickPacingSettings {
  const positive = (value: string | undefined, fallback: number) => {
    const number = Number(value);
    return value !== undefined && Number.isInteger(number) && number > 0 ? number : fallback;
  };
  return {
    concurrency: positive(env.SCALER_TICK_CONCURRENCY, 16),
    reserveMs: positive(env.SCALER_TICK_RESERVE_MS, 20_000),
  };
}

/**
 * `on-tick`: every minute; the invocation's request id names the tick in the history. Targets
 * not started when time runs short are logged (`TickDeadlineReached`) and counted
 * (`TickTargetsDeferred`); the next tick takes them.
 */
export function tickHandler(
  runtime: ScalerRuntime<TickPorts>,
  pacing: TickPacingSettings = tickPacing(process.env),
) {
  return scalerHandler(runtime, async (event, { ports, now, logger, metrics }, context) => {
    const result = await tickFleet(ports, now(), `tick:${context.awsRequestId}`, {
      shard: parseTickShard(event),
      concurrency: pacing.concurrency,
      hasTime: () => context.getRemainingTimeInMillis() > pacing.reserveMs,
    });
    if (result.deferredTargets.length > 0) {
      logger.warn('TickDeadlineReached', {
        deferredTargets: result.deferredTargets.length,
        firstDeferred: result.deferredTargets.slice(0, 10),
      });
      metrics.addMetric('TickTargetsDeferred', MetricUnit.Count, result.deferredTargets.length);
    }
    return result.outcomes;
  });
}
