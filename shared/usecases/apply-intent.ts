import { type ScalingConfig, type TargetConfig, targetKey } from '../domain/model.ts';
import { withChanges } from '../domain/objects.ts';
import type { ScalingIntent, TargetState } from '../domain/state.ts';
import type { ActivityAction, ActivityRecord, ActivityStatus } from '../ports/activity.ts';
import type { EndpointCapacityPort, VariantCapacity } from '../ports/endpoint-capacity.ts';
import type { EndpointLock } from '../ports/endpoint-lock.ts';
import { CapacityRejectedError, EndpointBusyError, EndpointNotFoundError } from '../ports/errors.ts';
import type { ForecastStore } from '../ports/forecast-store.ts';
import type { IdGenerator, ScalingStateStore } from '../ports/scaling-state-store.ts';
import { activityOf, type EventIdentity, type EventOutcome, outcomeOf } from './outcome.ts';
import { retryOnConflict } from './retry-on-conflict.ts';

/** The world the use cases act on. */
export interface ScalerPorts {
  config: ScalingConfig;
  endpoints: EndpointCapacityPort;
  store: ScalingStateStore;
  ids: IdGenerator;
  /** Needed when scaling.yml manages several variants of one endpoint. */
  endpointLock?: EndpointLock | undefined;
  /** Needed when scaling.yml has predictive policies: their forecasts, for the floor. */
  forecasts?: ForecastStore | undefined;
}

/** Writes `state` as the next version after `expectedVersion`, with its activities, atomically. */
export async function commitNext(
  ports: Pick<ScalerPorts, 'store'>,
  target: TargetConfig,
  expectedVersion: number,
  state: TargetState,
  activities: readonly ActivityRecord[],
  processedEventKey?: string,
): Promise<TargetState> {
  const next = withChanges(state, { version: expectedVersion + 1 });
  await ports.store.commit({
    targetKey: targetKey(target),
    expectedVersion,
    state: next,
    activities,
    processedEventKey,
  });
  return next;
}

const STATUS_OF_FINISH = {
  applied: 'InProgress',
  completed: 'Successful',
  deferred: 'Pending',
  failed: 'Failed',
  undone: 'Failed',
} as const;

/**
 * What became of an intent: `applied` (SageMaker accepted it; InProgress until the endpoint is
 * InService again), then `completed` or `undone` (accepted, then rolled back); or, when SageMaker
 * did not take it, `deferred` or `failed`.
 */
export type Finish =
  | { kind: 'applied' }
  | { kind: 'completed' }
  | { kind: 'deferred'; why: string }
  | { kind: 'failed'; why: string }
  | { kind: 'undone'; why: string };

/**
 * Sends the in-flight intent's absolute count to SageMaker and records how it ended. When the
 * variant already shows that count (an earlier attempt got through before dying), nothing is
 * sent. Errors other than the three handled ones propagate: the event fails, the platform
 * retries it, and the intent stays in flight for that retry (or for the tick) to finish.
 */
export async function applyInFlightIntent(
  ports: ScalerPorts,
  request: EventIdentity & { target: TargetConfig },
  state: TargetState,
  variant: VariantCapacity,
): Promise<EventOutcome> {
  const intent = state.inFlight as ScalingIntent;
  const { target } = request;
  let finish: Finish = { kind: 'applied' };
  try {
    if (variant.desiredInstanceCount !== intent.desiredCapacity) {
      await ports.endpoints.updateDesiredCapacity(target.endpointName, [
        { variantName: target.variantName, desiredInstanceCount: intent.desiredCapacity },
      ]);
    }
  } catch (error) {
    if (error instanceof EndpointBusyError) finish = { kind: 'deferred', why: error.message };
    else if (error instanceof CapacityRejectedError || error instanceof EndpointNotFoundError) {
      finish = { kind: 'failed', why: error.message };
    } else throw error;
  }
  return finishIntent(ports, request, state, intent, finish);
}

/**
 * Records how the intent ended. The first attempt writes on top of the state the intent was
 * read or written with (no extra read in the common path); a lost race reads afresh.
 */
async function finishIntent(
  ports: ScalerPorts,
  request: EventIdentity & { target: TargetConfig },
  known: TargetState,
  intent: ScalingIntent,
  finish: Finish,
): Promise<EventOutcome> {
  const record = intentActivity(request, intent, finish);
  let state: TargetState | undefined = known;
  await retryOnConflict(async () => {
    state ??= (await ports.store.load(targetKey(request.target), intent.eventKey)).state;
    const current = state;
    state = undefined;
    // Another invocation (a retry, or the tick) may have finished this intent already.
    if (current?.inFlight?.activityId !== intent.activityId) return;
    await commitNext(
      ports,
      request.target,
      current.version,
      settled(current, intent, finish, request.now),
      [record],
      intent.eventKey,
    );
  });
  return outcomeOf(record, request.now);
}

function settled(state: TargetState, intent: ScalingIntent, finish: Finish, now: number): TargetState {
  if (finish.kind === 'applied')
    return withChanges(state, { inFlight: undefined, accepted: withChanges(intent, { acceptedAt: now }) });
  // The change did not happen, so neither did its cooldown (AAS starts none for it).
  const undone: TargetState = withChanges(state, {
    inFlight: undefined,
    cooldowns: intent.rollback?.cooldowns ?? state.cooldowns,
    lastSetCapacity: intent.rollback ? intent.rollback.lastSetCapacity : state.lastSetCapacity,
  });
  if (finish.kind === 'failed') return undone;
  return withChanges(undone, {
    deferred: withChanges(intent, { rollback: undefined, waitingFor: 'update in progress' }),
  });
}

/** The activity record of an intent, as `finish` leaves it (the same id each time, so it is updated in place). */
export function intentActivity(
  request: EventIdentity & { target: TargetConfig },
  intent: ScalingIntent,
  finish: Finish,
): ActivityRecord {
  const changed = finish.kind === 'applied' || finish.kind === 'completed';
  const action: ActivityAction = changed
    ? intent.desiredCapacity > intent.fromCapacity
      ? 'scale-out'
      : 'scale-in'
    : finish.kind === 'deferred'
      ? 'deferred'
      : 'failed';
  const status: ActivityStatus = STATUS_OF_FINISH[finish.kind];
  const message = changed
    ? intent.reason
    : finish.kind === 'deferred'
      ? `${intent.reason}; deferred: ${finish.why}; retried when the endpoint is InService`
      : `${intent.reason}; failed: ${finish.why}`;
  return activityOf(
    request.target,
    // The event that decided it, not the invocation that happens to finish it.
    withChanges(request, { eventKey: intent.eventKey, eventId: intent.eventId ?? request.eventId }),
    {
      action: 'none',
      fromCapacity: intent.fromCapacity,
      toCapacity: intent.desiredCapacity,
      cause: intent.cause,
      policyName: intent.policyName,
      scheduledActionName: intent.scheduledActionName,
      alarm: intent.alarm,
    },
    {
      activityId: intent.activityId,
      action,
      status,
      statusMessage: message,
      reasonCode:
        finish.kind === 'deferred'
          ? 'EndpointNotInService'
          : finish.kind === 'failed'
            ? 'CapacityRejected'
            : finish.kind === 'undone'
              ? 'EndpointFailed'
              : undefined,
      startTime: intent.activityStart,
      // A change that did not happen (or was undone) leaves the capacity where it was.
      toCapacity:
        finish.kind === 'failed' || finish.kind === 'undone' ? intent.fromCapacity : intent.desiredCapacity,
    },
  );
}
