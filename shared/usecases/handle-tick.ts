import { decideOnAlarms } from '../domain/alarm-decision.ts';
import { policyAlarmNames } from '../domain/alarm-policies.ts';
import { decideBoundsCorrection } from '../domain/bounds-decision.ts';
import { isoTime } from '../domain/decision.ts';
import { decideDeferredRetry } from '../domain/deferred-retry.ts';
import { type AlarmTrigger, type TargetConfig, targetKey } from '../domain/model.ts';
import { dynamicBounds, type PredictiveFloor, scalingFloor } from '../domain/predictive/floor.ts';
import { scheduledSlot } from '../domain/scheduled-decision.ts';
import type { TargetState } from '../domain/state.ts';
import type { AlarmEvaluation, AlarmReader } from '../ports/alarm-reader.ts';
import { EndpointNotFoundError } from '../ports/errors.ts';
import { recordAcceptedChangeEnd } from './accepted-change.ts';
import { applyInFlightIntent, type ScalerPorts } from './apply-intent.ts';
import { runDecisionPath } from './decision-path.ts';
import { type EventOutcome, withEnded } from './outcome.ts';
import { applyFloors } from './predictive/floor-steps.ts';
import { floorsNow } from './predictive/floors-now.ts';
import { type TickOptions, type TickResult, TickTargetsFailedError, walkTargets } from './tick-schedule.ts';
import { targetsOfShard } from './tick-shard.ts';

export { type TickOptions, type TickResult, TickTargetsFailedError } from './tick-schedule.ts';

/** The tick also reads alarms. */
export interface TickPorts extends ScalerPorts {
  alarms: AlarmReader;
}

/**
 * An in-flight intent older than this belongs to an invocation that died (the functions time
 * out well before): the tick finishes it by sending the same absolute count.
 */
export const STALE_IN_FLIGHT_MS = 2 * 60_000;

/**
 * The one-minute tick, per target: record how the last accepted change ended, finish a dead
 * invocation's change, retry a deferred one, step again for every managed alarm still in ALARM
 * (AAS keeps applying the policy while the alarm stays in breach), raise capacity to a
 * predictive floor, and bring a variant that drifted outside its bounds back inside. Each is
 * keyed by the minute, so a retried tick acts once.
 *
 * At fleet size: alarms are read in batches (DescribeAlarms by 100 names, GetMetricData by 500
 * queries), the targets' states in one BatchGetItem per 100 targets, and the targets run as
 * {@link walkTargets} paces them. A failing target does not stop the others; the tick then
 * fails with its error (or {@link TickTargetsFailedError} when several failed).
 */
export async function handleTick(
  ports: TickPorts,
  now: number,
  tickId: string,
  options: TickOptions = {},
): Promise<EventOutcome[]> {
  return (await tickFleet(ports, now, tickId, options)).outcomes;
}

/** {@link handleTick}, also saying which targets were left for the next tick. */
export async function tickFleet(
  ports: TickPorts,
  now: number,
  tickId: string,
  options: TickOptions = {},
): Promise<TickResult> {
  const minute = isoTime(scheduledSlot(now));
  const targets = targetsOfShard(ports.config.targets, options.shard);
  const alarmNames = [...new Set(targets.flatMap(policyAlarmNames))];
  const [evaluations, states] = await Promise.all([
    alarmNames.length > 0 ? ports.alarms.alarmsInAlarm(alarmNames, now) : [],
    ports.store.loadStates(targets.map(targetKey)),
  ]);
  const walk = await walkTargets(
    targets,
    {
      concurrency: options.concurrency ?? 1,
      hasTime: options.hasTime ?? (() => true),
      // The minute's number: when a deadline leaves targets over, the next tick starts elsewhere.
      startAt: Math.floor(scheduledSlot(now) / 60_000),
    },
    (target) => tickTarget(ports, target, states.get(targetKey(target)), evaluations, now, tickId, minute),
  );
  const [first, ...others] = walk.errors;
  if (first !== undefined && others.length === 0) throw first.error;
  if (first !== undefined) {
    throw new TickTargetsFailedError(
      walk.errors.map(({ target, error }) => ({ target: targetKey(target), error })),
    );
  }
  return {
    outcomes: walk.results.flatMap((outcomes) => outcomes ?? []),
    deferredTargets: walk.notStarted.map(targetKey),
  };
}

/**
 * Each step first checks a snapshot of the state (read for the whole fleet at once) and of the
 * endpoint, so a quiet minute costs one DescribeEndpoint per target; a step that has work runs
 * the full decision path, which reads both again and decides on what it finds then.
 */
async function tickTarget(
  ports: TickPorts,
  target: TargetConfig,
  state: TargetState | undefined,
  evaluations: readonly AlarmEvaluation[],
  now: number,
  tickId: string,
  minute: string,
): Promise<EventOutcome[]> {
  // A missing endpoint is for the event paths to record as a failed activity; the tick skips it.
  const variant = await ports.endpoints
    .describeVariant(target.endpointName, target.variantName)
    .catch((error: unknown) => {
      if (error instanceof EndpointNotFoundError) return undefined;
      throw error;
    });
  const outcomes: (EventOutcome | undefined)[] = [];
  const event = { eventId: tickId, now, target };
  const floors = await floorsNow(ports, target, now);
  const floor = scalingFloor(floors);
  if (state?.accepted && variant) {
    // The endpoint may have finished (or rolled back) the last change SageMaker accepted.
    outcomes.push(
      await recordAcceptedChangeEnd(ports, { ...event, eventKey: state.accepted.eventKey }, state, variant),
    );
  }
  if (state?.inFlight && now - state.inFlight.decidedAt >= STALE_IN_FLIGHT_MS && variant) {
    const intent = state.inFlight;
    outcomes.push(await applyInFlightIntent(ports, { ...event, eventKey: intent.eventKey }, state, variant));
  } else if (state?.deferred && variant?.endpointStatus === 'InService') {
    const inAlarm = new Set(evaluations.map((evaluation) => evaluation.alarmName));
    outcomes.push(
      await runDecisionPath(ports, {
        ...event,
        eventKey: `retry@${minute}`,
        decide: (fresh, currentCapacity, fresher) =>
          fresher.endpointStatus === 'InService' && !fresh.inFlight
            ? decideDeferredRetry(fresh, { now, currentCapacity, floor, alarmsInAlarm: inAlarm })
            : undefined,
      }),
    );
  }
  outcomes.push(await reevaluateAlarms(ports, target, evaluations, { now, tickId, minute, floor }));
  if (variant) {
    const snapshot = { state, desiredInstanceCount: variant.desiredInstanceCount };
    outcomes.push(...(await applyFloors(ports, event, floors, snapshot, minute)));
  }
  const bounds = dynamicBounds(state?.bounds ?? target, floor);
  const count = variant?.desiredInstanceCount;
  if (count !== undefined && (count < (state?.bounds ?? target).minCapacity || count > bounds.maxCapacity)) {
    outcomes.push(
      await runDecisionPath(ports, {
        ...event,
        eventKey: `drift@${minute}`,
        decide: (fresh, currentCapacity) =>
          decideBoundsCorrection(target, fresh, { now, currentCapacity, floor }),
      }),
    );
  }
  return outcomes.filter((outcome): outcome is EventOutcome => outcome !== undefined).flatMap(withEnded);
}

async function reevaluateAlarms(
  ports: TickPorts,
  target: TargetConfig,
  evaluations: readonly AlarmEvaluation[],
  tick: { now: number; tickId: string; minute: string; floor: PredictiveFloor | undefined },
): Promise<EventOutcome | undefined> {
  const { now, tickId, floor } = tick;
  const mine = new Set(policyAlarmNames(target));
  const triggers = evaluations.filter((e) => mine.has(e.alarmName)).map((e) => reevaluation(e, now, tickId));
  if (triggers.length === 0) return undefined;
  return runDecisionPath(ports, {
    eventId: tickId,
    eventKey: `tick@${tick.minute}`,
    now,
    target,
    decide: (state, currentCapacity) =>
      decideOnAlarms(target, state, triggers, { now, currentCapacity, floor }),
  });
}

/** An alarm still in ALARM, measured now, as the engine's trigger (the tick's, or a resume's). */
export function reevaluation(evaluation: AlarmEvaluation, now: number, requestId: string): AlarmTrigger {
  return {
    kind: 'alarm',
    eventId: `${requestId}:${evaluation.alarmName}`,
    eventTime: now,
    alarmName: evaluation.alarmName,
    state: 'ALARM',
    previousState: 'ALARM',
    stateTimestamp: evaluation.stateTimestamp,
    datapoints: evaluation.datapoints,
    threshold: evaluation.threshold,
    reevaluation: true,
  };
}
