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

/** An event as the file holds it, with what its parse gave. */
export interface RawEvent {
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
  // Replay prints decisions, not EMF: Powertools metrics are switched off by environment only.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  let clock = 0;
  const runtime: ScalerRuntime = {
    config,
    ports: {
      config,
      endpoints: new InstantEndpoints(
        config.targets.map((t) => ({ ...t, desiredInstanceCount: options.initialCapacity })),
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
  const steps: ReplayStep[] = [];
  for (const [index, { raw, trigger }] of events.entries()) {
    clock = eventTimeOf(trigger);
    const handler = trigger.kind === 'alarm' ? onAlarm : onSchedule;
    const name = trigger.kind === 'alarm' ? 'onAlarm' : 'onSchedule';
    const result = (await handler(raw, lambdaContext(`sagemaker-scaler-replay-${name}`))) as HandlerResult;
    for (const outcome of decisionsOf(result.outcomes)) steps.push({ line: index + 1, trigger, outcome });
  }
  return steps;
}
