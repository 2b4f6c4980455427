import { decideOnAlarms } from '../domain/alarm-decision.ts';
import { decideBoundsCorrection } from '../domain/bounds-decision.ts';
import { isoTime } from '../domain/decision.ts';
import { decideDeferredRetry } from '../domain/deferred-retry.ts';
import { type AlarmTrigger, type TargetConfig, targetKey } from '../domain/model.ts';
import { scheduledSlot } from '../domain/scheduled-decision.ts';
import type { AlarmEvaluation, AlarmReader } from '../ports/alarm-reader.ts';
import { applyInFlightIntent, type ScalerPorts } from './apply-intent.ts';
import { runDecisionPath } from './decision-path.ts';
import type { EventOutcome } from './outcome.ts';

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
 * The one-minute tick, per target: finish a dead invocation's change, retry a deferred one,
 * step again for every managed alarm still in ALARM (AAS keeps applying the policy while the
 * alarm stays in breach), and bring a variant that drifted outside its bounds back inside.
 * Each is keyed by the minute, so a retried tick acts once.
 */
export async function handleTick(ports: TickPorts, now: number, tickId: string): Promise<EventOutcome[]> {
  const minute = isoTime(scheduledSlot(now));
  const alarmNames = [
    ...new Set(ports.config.targets.flatMap((t) => t.stepPolicies.map((p) => p.alarmName))),
  ];
  const evaluations = alarmNames.length > 0 ? await ports.alarms.alarmsInAlarm(alarmNames, now) : [];
  const outcomes: EventOutcome[] = [];
  // One target after the other: variants of one endpoint share its update lock.
  for (const target of ports.config.targets) {
    const event = { eventId: tickId, now, target };
    const steps = [
      await finishStaleInFlight(ports, target, now, tickId),
      await runDecisionPath(ports, {
        ...event,
        eventKey: `retry@${minute}`,
        decide: (state, currentCapacity, variant) =>
          variant.endpointStatus === 'InService' && !state.inFlight
            ? decideDeferredRetry(state, { now, currentCapacity })
            : undefined,
      }),
      await reevaluateAlarms(ports, target, evaluations, now, tickId, minute),
      await runDecisionPath(ports, {
        ...event,
        eventKey: `drift@${minute}`,
        decide: (state, currentCapacity) => decideBoundsCorrection(target, state, { now, currentCapacity }),
      }),
    ];
    for (const outcome of steps) if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

async function finishStaleInFlight(
  ports: TickPorts,
  target: TargetConfig,
  now: number,
  tickId: string,
): Promise<EventOutcome | undefined> {
  const { state } = await ports.store.load(targetKey(target), '');
  const intent = state?.inFlight;
  if (!state || !intent || now - intent.decidedAt < STALE_IN_FLIGHT_MS) return undefined;
  const variant = await ports.endpoints.describeVariant(target.endpointName, target.variantName);
  return applyInFlightIntent(
    ports,
    { target, eventId: tickId, eventKey: intent.eventKey, now },
    state,
    variant,
  );
}

async function reevaluateAlarms(
  ports: TickPorts,
  target: TargetConfig,
  evaluations: readonly AlarmEvaluation[],
  now: number,
  tickId: string,
  minute: string,
): Promise<EventOutcome | undefined> {
  const mine = new Set(target.stepPolicies.map((policy) => policy.alarmName));
  const triggers = evaluations.filter((e) => mine.has(e.alarmName)).map((e) => reevaluation(e, now, tickId));
  if (triggers.length === 0) return undefined;
  return runDecisionPath(ports, {
    eventId: tickId,
    eventKey: `tick@${minute}`,
    now,
    target,
    decide: (state, currentCapacity) => decideOnAlarms(target, state, triggers, { now, currentCapacity }),
  });
}

/** An alarm still in ALARM, measured now, as the engine's trigger. */
function reevaluation(evaluation: AlarmEvaluation, now: number, tickId: string): AlarmTrigger {
  return {
    kind: 'alarm',
    eventId: `${tickId}:${evaluation.alarmName}`,
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
