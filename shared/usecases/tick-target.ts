/**
 * The tick's step for one target in one minute: nothing when the minute is quiet for it (most
 * minutes, for most targets); else, in order, how the last accepted change ended, a dead
 * invocation's change finished, a deferred one retried, the policies of the alarms still in ALARM
 * applied again, capacity raised to a predictive floor, and a drift outside the bounds corrected.
 */
import { decideOnAlarms } from '../domain/alarm-decision.ts';
import { alarmPolicyOf } from '../domain/alarm-policies.ts';
import { decideBoundsCorrection } from '../domain/bounds-decision.ts';
import { isoTime } from '../domain/decision.ts';
import { decideDeferredRetry } from '../domain/deferred-retry.ts';
import { type AlarmTrigger, type TargetConfig, targetKey } from '../domain/model.ts';
import { withChanges } from '../domain/objects.ts';
import { dynamicBounds, scalingFloor } from '../domain/predictive/floor.ts';
import { scheduledSlot } from '../domain/scheduled-decision.ts';
import type { TargetState } from '../domain/state.ts';
import type { AlarmEvaluation, AlarmReader } from '../ports/alarm-reader.ts';
import type { VariantCapacity } from '../ports/endpoint-capacity.ts';
import { EndpointNotFoundError } from '../ports/errors.ts';
import { recordAcceptedChangeEnd } from './accepted-change.ts';
import { applyInFlightIntent, type ScalerPorts } from './apply-intent.ts';
import { runDecisionPath } from './decision-path.ts';
import { type EventOutcome, withEnded } from './outcome.ts';
import { applyFloors } from './predictive/floor-steps.ts';
import { floorsNow, NO_FLOORS, readsFloors } from './predictive/floors-now.ts';

/** The tick also reads alarms. */
export interface TickPorts extends ScalerPorts {
  alarms: AlarmReader;
}

/**
 * An in-flight intent older than this belongs to an invocation that died (the functions time
 * out well before): the tick finishes it by sending the same absolute count.
 */
export const STALE_IN_FLIGHT_MS = 2 * 60_000;

const NOTHING_DONE: readonly EventOutcome[] = [];

/**
 * One minute's tick: what the fleet snapshot read, and each target's step. Most minutes are
 * quiet for most targets, so the step that finds nothing to do is a small function of its own
 * and the minute's text (which keys the decisions) is only written when one needs it.
 */
export class TickMinute {
  private minuteText: string | undefined;

  constructor(
    private readonly ports: TickPorts,
    private readonly now: number,
    private readonly tickId: string,
    private readonly evaluations: readonly AlarmEvaluation[],
    private readonly states: ReadonlyMap<string, TargetState>,
  ) {}

  /** The minute, as decisions' event keys name it. */
  get minute(): string {
    this.minuteText ??= isoTime(scheduledSlot(this.now));
    return this.minuteText;
  }

  /** The step of one target: nothing in a quiet minute, else {@link tickBusyTarget}. */
  readonly tickTarget = async (target: TargetConfig): Promise<readonly EventOutcome[]> => {
    const { ports, now, tickId } = this;
    let variant: VariantCapacity | undefined;
    try {
      variant = await ports.endpoints.describeVariant(target.endpointName, target.variantName);
    } catch (error) {
      // A missing endpoint is for the event paths to record as a failed activity; the tick skips it.
      if (!(error instanceof EndpointNotFoundError)) throw error;
    }
    const state = this.states.get(targetKey(target));
    const triggers = reevaluations(target, this.evaluations, now, tickId);
    if (isQuiet(target, state, triggers, variant?.desiredInstanceCount)) return NOTHING_DONE;
    return tickBusyTarget(
      ports,
      target,
      state,
      variant,
      triggers,
      this.evaluations,
      now,
      tickId,
      this.minute,
    );
  };
}

/**
 * The step of a target with work: each check above read a snapshot of the state (read for the
 * whole fleet at once) and of the endpoint, so a quiet minute costs one DescribeEndpoint per
 * target (and, in process, next to no allocation: the simulator ticks every simulated minute);
 * this runs the full decision path, which reads both again and decides on what it finds then.
 */
async function tickBusyTarget(
  ports: TickPorts,
  target: TargetConfig,
  state: TargetState | undefined,
  variant: VariantCapacity | undefined,
  triggers: readonly AlarmTrigger[],
  evaluations: readonly AlarmEvaluation[],
  now: number,
  tickId: string,
  minute: string,
): Promise<readonly EventOutcome[]> {
  const outcomes: (EventOutcome | undefined)[] = [];
  // Requests are written out field by field, not spread: `objects.ts` says why.
  const event = { eventId: tickId, now, target };
  const floors = readsFloors(ports, target) ? await floorsNow(ports, target, now) : NO_FLOORS;
  const floor = scalingFloor(floors);
  if (state?.accepted && variant) {
    // The endpoint may have finished (or rolled back) the last change SageMaker accepted.
    outcomes.push(
      await recordAcceptedChangeEnd(
        ports,
        withChanges(event, { eventKey: state.accepted.eventKey }),
        state,
        variant,
      ),
    );
  }
  if (state?.inFlight && now - state.inFlight.decidedAt >= STALE_IN_FLIGHT_MS && variant) {
    const intent = state.inFlight;
    outcomes.push(
      await applyInFlightIntent(ports, withChanges(event, { eventKey: intent.eventKey }), state, variant),
    );
  } else if (state?.deferred && variant?.endpointStatus === 'InService') {
    const inAlarm = new Set(evaluations.map((evaluation) => evaluation.alarmName));
    outcomes.push(
      await runDecisionPath(ports, {
        eventId: tickId,
        now,
        target,
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
        eventId: tickId,
        now,
        target,
        eventKey: `tick@${minute}`,
        decide: (fresh, currentCapacity) =>
          decideOnAlarms(target, fresh, triggers, { now, currentCapacity, floor }),
      }),
    );
  }
  if (variant && floors.length > 0) {
    const snapshot = { state, desiredInstanceCount: variant.desiredInstanceCount };
    outcomes.push(...(await applyFloors(ports, event, floors, snapshot, minute)));
  }
  const bounds = dynamicBounds(state?.bounds ?? target, floor);
  const count = variant?.desiredInstanceCount;
  if (count !== undefined && (count < (state?.bounds ?? target).minCapacity || count > bounds.maxCapacity)) {
    outcomes.push(
      await runDecisionPath(ports, {
        eventId: tickId,
        now,
        target,
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
