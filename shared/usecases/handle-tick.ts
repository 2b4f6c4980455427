import { decideOnAlarms } from '../domain/alarm-decision.ts';
import { alarmPolicyOf, policyAlarmNames } from '../domain/alarm-policies.ts';
import { decideBoundsCorrection } from '../domain/bounds-decision.ts';
import { isoTime } from '../domain/decision.ts';
import { decideDeferredRetry } from '../domain/deferred-retry.ts';
import { type AlarmTrigger, type ScalingConfig, type TargetConfig, targetKey } from '../domain/model.ts';
import { scheduledSlot } from '../domain/scheduled-decision.ts';
import type { AlarmEvaluation, AlarmReader } from '../ports/alarm-reader.ts';
import { EndpointNotFoundError } from '../ports/errors.ts';
import { recordAcceptedChangeEnd } from './accepted-change.ts';
import { applyInFlightIntent, type ScalerPorts } from './apply-intent.ts';
import { runDecisionPath } from './decision-path.ts';
import { type EventOutcome, withEnded } from './outcome.ts';

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

function managedAlarmNames(config: ScalingConfig): readonly string[] {
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
 * (AAS keeps applying the policy while the alarm stays in breach), and bring a variant that
 * drifted outside its bounds back inside. Each is keyed by the minute, so a retried tick acts
 * once.
 */
export async function handleTick(ports: TickPorts, now: number, tickId: string): Promise<EventOutcome[]> {
  const alarmNames = managedAlarmNames(ports.config);
  const evaluations =
    alarmNames.length > 0 ? await ports.alarms.alarmsInAlarm(alarmNames, now) : NOTHING_IN_ALARM;
  const outcomes: EventOutcome[] = [];
  // One target after the other: variants of one endpoint share its update lock.
  for (const target of ports.config.targets) {
    for (const outcome of await tickTarget(ports, target, evaluations, now, tickId)) outcomes.push(outcome);
  }
  return outcomes;
}

/** The minute a tick's keys name (`tick@<minute>`): a retried tick finds its own work done. */
function tickMinute(now: number): string {
  return isoTime(scheduledSlot(now));
}

/**
 * Each step first checks a snapshot of the state and the endpoint, so a quiet minute costs one
 * state read and one DescribeEndpoint (and, in process, next to no allocation: the simulator
 * ticks every simulated minute); a step that has work runs the full decision path, which reads
 * both again and decides on what it finds then.
 */
async function tickTarget(
  ports: TickPorts,
  target: TargetConfig,
  evaluations: readonly AlarmEvaluation[],
  now: number,
  tickId: string,
): Promise<readonly EventOutcome[]> {
  const [{ state }, variant] = await Promise.all([
    ports.store.load(targetKey(target), ''),
    // A missing endpoint is for the event paths to record as a failed activity; the tick skips it.
    ports.endpoints.describeVariant(target.endpointName, target.variantName).catch(skipMissingEndpoint),
  ]);
  const triggers = reevaluations(target, evaluations, now, tickId);
  const bounds = state?.bounds ?? target;
  const count = variant?.desiredInstanceCount;
  const drifted = count !== undefined && (count < bounds.minCapacity || count > bounds.maxCapacity);
  const quiet = !state?.accepted && !state?.inFlight && !state?.deferred && triggers.length === 0 && !drifted;
  if (quiet) return NOTHING_DONE;
  const outcomes: (EventOutcome | undefined)[] = [];
  const event = { eventId: tickId, now, target };
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
        eventKey: `retry@${tickMinute(now)}`,
        decide: (fresh, currentCapacity, fresher) =>
          fresher.endpointStatus === 'InService' && !fresh.inFlight
            ? decideDeferredRetry(fresh, { now, currentCapacity, alarmsInAlarm: inAlarm })
            : undefined,
      }),
    );
  }
  if (triggers.length > 0) {
    outcomes.push(
      await runDecisionPath(ports, {
        ...event,
        eventKey: `tick@${tickMinute(now)}`,
        decide: (fresh, currentCapacity) => decideOnAlarms(target, fresh, triggers, { now, currentCapacity }),
      }),
    );
  }
  if (drifted) {
    outcomes.push(
      await runDecisionPath(ports, {
        ...event,
        eventKey: `drift@${tickMinute(now)}`,
        decide: (fresh, currentCapacity) => decideBoundsCorrection(target, fresh, { now, currentCapacity }),
      }),
    );
  }
  const done: EventOutcome[] = [];
  for (const outcome of outcomes) if (outcome !== undefined) done.push(...withEnded(outcome));
  return done;
}

function skipMissingEndpoint(error: unknown): undefined {
  if (error instanceof EndpointNotFoundError) return undefined;
  throw error;
}

/** The target's alarms still in ALARM, as the engine's triggers (none in a quiet minute). */
function reevaluations(
  target: TargetConfig,
  evaluations: readonly AlarmEvaluation[],
  now: number,
  tickId: string,
): AlarmTrigger[] {
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
