import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { InstantEndpoints } from '../adapters/memory/instant-endpoints.ts';
import { InMemoryEndpointLock } from '../adapters/memory/memory-endpoint-lock.ts';
import { SequentialIds } from '../adapters/memory/sequential-ids.ts';
import type { ScalingConfig, Trigger } from '../domain/model.ts';
import type { ActivityHistory, ScalingStateStore } from '../ports/scaling-state-store.ts';
import { decisionsOf, eventTimeOf, type ReplayStep } from '../usecases/replay.ts';
import { alarmHandler, type HandlerResult, scheduleHandler } from '../wiring/handlers.ts';
import type { ScalerRuntime } from '../wiring/runtime.ts';
import { lambdaContext } from './lambda-context.ts';

/** An event as the file holds it, with what its parse gave (and its line, when from a file). */
export interface RawEvent {
  line?: number | undefined;
  raw: unknown;
  trigger: Trigger;
}

/**
 * Replays events through the real Lambda handlers (the middy chains of `on-alarm` and
 * `on-schedule`) over the given state store, SageMaker replaced by an endpoint that applies
 * each change at once, and the clock set to each event's time. What `scaler replay --state
 * dynamodb-local` runs; it must decide exactly as the in-memory replay does.
 */
export async function replayThroughHandlers(
  config: ScalingConfig,
  events: readonly RawEvent[],
  options: { initialCapacity: number; store: ScalingStateStore & ActivityHistory },
): Promise<ReplayStep[]> {
  const steps: ReplayStep[] = [];
  const numbered = events.map((event, index) => ({ ...event, line: event.line ?? index + 1 }));
  for await (const step of replayStepsThroughHandlers(config, numbered, options)) steps.push(step);
  return steps;
}

/** As {@link replayThroughHandlers}, yielding each decision as it is made (a file of any length). */
export async function* replayStepsThroughHandlers(
  config: ScalingConfig,
  events: AsyncIterable<RawEvent & { line: number }> | Iterable<RawEvent & { line: number }>,
  options: { initialCapacity: number; store: ScalingStateStore & ActivityHistory },
): AsyncGenerator<ReplayStep> {
  // Replay prints decisions, not EMF: Powertools metrics are switched off by environment only.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  let clock = 0;
  const runtime: ScalerRuntime = {
    config,
    ports: {
      config,
      endpoints: new InstantEndpoints(
        config.targets.map((t) => ({ ...t, desiredInstanceCount: options.initialCapacity })),
        { keepUpdates: false },
      ),
      store: options.store,
      ids: new SequentialIds(),
      endpointLock: new InMemoryEndpointLock(),
    },
    logger: new Logger({ serviceName: 'scaler-replay', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'SageMakerScaler', serviceName: 'scaler-replay' }),
    now: () => clock,
  };
  const onAlarm = alarmHandler(runtime);
  const onSchedule = scheduleHandler(runtime);
  for await (const { line, raw, trigger } of events) {
    clock = eventTimeOf(trigger);
    const handler = trigger.kind === 'alarm' ? onAlarm : onSchedule;
    const name = trigger.kind === 'alarm' ? 'onAlarm' : 'onSchedule';
    const result = (await handler(raw, lambdaContext(`sagemaker-scaler-replay-${name}`))) as HandlerResult;
    for (const outcome of decisionsOf(result.outcomes)) yield { line, trigger, outcome };
  }
}
