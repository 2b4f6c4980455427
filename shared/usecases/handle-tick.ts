import { decideOnAlarms } from '../domain/alarm-decision.ts';
import { alarmPolicyOf, policyAlarmNames } from '../domain/alarm-policies.ts';
import { decideBoundsCorrection } from '../domain/bounds-decision.ts';
import { isoTime } from '../domain/decision.ts';
import { decideDeferredRetry } from '../domain/deferred-retry.ts';
import { type AlarmTrigger, type ScalingConfig, type TargetConfig, targetKey } from '../domain/model.ts';
import { dynamicBounds, scalingFloor } from '../domain/predictive/floor.ts';
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

/** Every alarm that drives a policy, once per configuration (configurations are never changed in place). */
const managedAlarms = new WeakMap<ScalingConfig, readonly string[]>();

function managedAlarmNames(config: ScalingConfig, targets: readonly TargetConfig[], sharded: boolean) {
  if (sharded) return [...new Set(targets.flatMap(policyAlarmNames))];
  let names = managedAlarms.get(config);
  if (names === undefined) {
    names = [...new Set(config.targets.flatMap(policyAlarmNames))];
    managedAlarms.set(config, names);
  }
  return names;
}

const NOTHING_IN_ALARM: readonly AlarmEvaluation[] = [];
const NOTHING_DONE: readonly EventOutcome[] = [];

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
  // The minute's text keys the tick's decisions; a quiet minute never needs it.
  let minuteText: string | undefined;
  const minute = () => {
    minuteText ??= isoTime(scheduledSlot(now));
    return minuteText;
  };
  const targets = targetsOfShard(ports.config.targets, options.shard);
  const sharded = options.shard !== undefined && options.shard.count > 1;
  const alarmNames = managedAlarmNames(ports.config, targets, sharded);
  const [evaluations, states] = await Promise.all([
    alarmNames.length > 0 ? ports.alarms.alarmsInAlarm(alarmNames, now) : NOTHING_IN_ALARM,
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
 * endpoint, so a quiet minute costs one DescribeEndpoint per target (and, in process, next to no
 * allocation: the simulator ticks every simulated minute); a step that has work runs the full
 * decision path, which reads both again and decides on what it finds then.
 */
async function tickTarget(
  ports: TickPorts,
  target: TargetConfig,
  state: TargetState | undefined,
  evaluations: readonly AlarmEvaluation[],
  now: number,
  tickId: string,
  minuteText: () => string,
): Promise<readonly EventOutcome[]> {
  const variant = await describeUnlessMissing(ports, target);
  const triggers = reevaluations(target, evaluations, now, tickId);
  if (isQuiet(target, state, triggers, variant?.desiredInstanceCount)) return NOTHING_DONE;
  const minute = minuteText();
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
  if (triggers.length > 0) {
    outcomes.push(
      await runDecisionPath(ports, {
        ...event,
        eventKey: `tick@${minute}`,
        decide: (fresh, currentCapacity) =>
          decideOnAlarms(target, fresh, triggers, { now, currentCapacity, floor }),
      }),
    );
  }
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
  const done: EventOutcome[] = [];
  for (const outcome of outcomes) if (outcome !== undefined) done.push(...withEnded(outcome));
  return done;
}

/**
 * Nothing for the tick to do: no change to follow, finish or retry, no alarm in ALARM, no
 * predictive policy, and the count inside the bounds.
 */
function isQuiet(
  target: TargetConfig,
  state: TargetState | undefined,
  triggers: readonly AlarmTrigger[],
  count: number | undefined,
): boolean {
  if (state?.accepted || state?.inFlight || state?.deferred || triggers.length > 0) return false;
  if (target.predictivePolicies.length > 0) return false;
  const bounds = state?.bounds ?? target;
  return count === undefined || (count >= bounds.minCapacity && count <= bounds.maxCapacity);
}

/** The variant, or undefined for a missing endpoint: the event paths record that as a failed activity; the tick skips it. */
async function describeUnlessMissing(ports: TickPorts, target: TargetConfig) {
  try {
    return await ports.endpoints.describeVariant(target.endpointName, target.variantName);
  } catch (error) {
    if (error instanceof EndpointNotFoundError) return undefined;
    throw error;
  }
}

const NO_TRIGGERS: readonly AlarmTrigger[] = Object.freeze([]);

/** The target's alarms still in ALARM, as the engine's triggers (one shared empty list in a quiet minute). */
function reevaluations(
  target: TargetConfig,
  evaluations: readonly AlarmEvaluation[],
  now: number,
  tickId: string,
): readonly AlarmTrigger[] {
  if (evaluations.length === 0) return NO_TRIGGERS;
  const triggers: AlarmTrigger[] = [];
  for (const evaluation of evaluations) {
    if (alarmPolicyOf(target, evaluation.alarmName) !== undefined)
      triggers.push(reevaluation(evaluation, now, tickId));
  }
  return triggers;
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
