import type { Decision } from '../domain/decision.ts';
import type { ScalingConfig, TargetConfig } from '../domain/model.ts';
import { withChanges } from '../domain/objects.ts';
import { acceptChange, intentOf } from '../domain/settle.ts';
import type { ScalingIntent, TargetState } from '../domain/state.ts';
import type { ActivityRecord } from '../ports/activity.ts';
import { TRANSIENT_STATUSES, type VariantCapacity } from '../ports/endpoint-capacity.ts';
import { applyInFlightIntent, commitNext, type ScalerPorts } from './apply-intent.ts';
import type { DecisionRequest } from './decision-path.ts';
import { activityOf, type EventOutcome, outcomeOf } from './outcome.ts';
import { configurationNote, failureWithoutDecision, overriddenRecord } from './side-records.ts';

/** How long an endpoint lease lasts: far beyond one describe-and-update, short enough if its holder dies. */
const ENDPOINT_LEASE_MS = 60_000;

type RecordOf = (result: Parameters<typeof activityOf>[3]) => ActivityRecord;

/** Why a change cannot be sent now, or undefined when it can. */
function waitingFor(decision: Decision, variant: VariantCapacity): string | undefined {
  if (decision.state.inFlight) return 'another change in flight';
  return TRANSIENT_STATUSES.has(variant.endpointStatus) ? `endpoint ${variant.endpointStatus}` : undefined;
}

/** Whether two intents ask the same change (from, to and what decided it). */
function sameChange(a: ScalingIntent, b: ScalingIntent): boolean {
  return (
    a.fromCapacity === b.fromCapacity &&
    a.desiredCapacity === b.desiredCapacity &&
    a.policyName === b.policyName &&
    a.scheduledActionName === b.scheduledActionName
  );
}

/** Whether scaling.yml manages more than one variant of the target's endpoint. */
function sharesEndpoint(config: ScalingConfig, target: TargetConfig): boolean {
  return config.targets.some((other) => other !== target && other.endpointName === target.endpointName);
}

/**
 * Collects the activities of one attempt of the decision path and commits them with the state
 * they belong to: a decision that changes nothing, a deferral, a failure, or a change sent to
 * SageMaker after its intent is recorded.
 */
export class PendingWrite {
  private readonly activities: ActivityRecord[] = [];

  constructor(
    private readonly ports: ScalerPorts,
    private readonly request: DecisionRequest,
    private readonly expectedVersion: number,
    private readonly state: TargetState,
  ) {}

  /** An activity to commit with whatever this attempt writes (an accepted change that ended). */
  add(record: ActivityRecord): void {
    this.activities.push(record);
  }

  hasActivities(): boolean {
    return this.activities.length > 0;
  }

  note(message: string): void {
    this.activities.push(configurationNote(this.request, this.ports.ids.nextId(), message));
  }

  async failWithoutDecision(message: string): Promise<EventOutcome> {
    const record = failureWithoutDecision(this.request, this.ports.ids.nextId(), message);
    return this.commit(this.state, record);
  }

  async carryOut(decision: Decision, variant: VariantCapacity): Promise<EventOutcome> {
    const continued = decision.continuesActivity;
    const activityId = continued?.activityId ?? this.ports.ids.nextId();
    const record: RecordOf = (result) =>
      activityOf(
        this.request.target,
        this.request,
        decision,
        withChanges(result, { startTime: continued?.startTime }),
      );
    if (decision.action === 'none') {
      return this.commit(
        decision.state,
        record({
          activityId,
          action: 'none',
          // A scheduled action that set the bounds did its job though capacity was already inside.
          status: decision.reasonCode === 'CapacityWithinNewBounds' ? 'Successful' : 'NotScaled',
          statusMessage: decision.reason,
          reasonCode: decision.reasonCode,
        }),
      );
    }
    const now = this.request.now;
    if (this.request.target.mode === 'shadow') {
      const message = `${decision.reason} (shadow mode: recorded, not applied)`;
      return this.commit(
        acceptChange(decision.state, decision, now),
        record({ activityId, action: decision.action, status: 'Successful', statusMessage: message }),
      );
    }
    const { eventKey, eventId } = this.request;
    const intent = intentOf(decision, { activityId, eventKey, eventId }, now);
    const waiting = waitingFor(decision, variant);
    if (waiting) return this.defer(decision, intent, record, waiting);
    if (variant.endpointStatus !== 'InService') {
      const message = `${decision.reason}; not applied: endpoint is ${variant.endpointStatus}`;
      return this.commit(
        decision.state,
        record({
          activityId,
          action: 'failed',
          status: 'Failed',
          statusMessage: message,
          reasonCode: 'EndpointFailed',
          toCapacity: decision.fromCapacity,
        }),
      );
    }
    const lock = this.ports.endpointLock;
    const { target } = this.request;
    if (!lock || !sharesEndpoint(this.ports.config, target))
      return this.apply(decision, intent, record, variant);
    // Variants of one endpoint share its Updating lock: hold the endpoint's lease while sending,
    // and look at the endpoint again once it is held (another variant may just have updated it).
    if (!(await lock.acquire(target.endpointName, activityId, now, ENDPOINT_LEASE_MS))) {
      return this.defer(
        decision,
        intent,
        record,
        `another variant of endpoint ${target.endpointName} is being updated`,
      );
    }
    try {
      const fresh = await this.ports.endpoints.describeVariant(target.endpointName, target.variantName);
      const stillWaiting = waitingFor(decision, fresh);
      if (stillWaiting) return await this.defer(decision, intent, record, stillWaiting);
      return await this.apply(decision, intent, record, fresh);
    } finally {
      await lock.release(target.endpointName, activityId);
    }
  }

  private async defer(decision: Decision, intent: ScalingIntent, record: RecordOf, waiting: string) {
    const message = `${decision.reason}; deferred: ${waiting}, retried when the endpoint is InService`;
    const already = decision.state.deferred;
    if (already && sameChange(already, intent)) {
      // The same change already waits, with its Pending record: the tick re-evaluates the alarms
      // still in ALARM every minute while the endpoint is Updating, and each would otherwise
      // override the deferral with an identical one (two history rows a minute). Keep the first.
      await commitNext(
        this.ports,
        this.request.target,
        this.expectedVersion,
        decision.state,
        this.activities,
        this.request.eventKey,
      );
      return outcomeOf(
        record({
          activityId: already.activityId,
          action: 'deferred',
          status: 'Pending',
          statusMessage: `${message} (already deferred since ${new Date(already.activityStart).toISOString()})`,
          reasonCode: 'EndpointNotInService',
        }),
        this.request.now,
      );
    }
    this.overrideDeferred(decision.state, decision.toCapacity);
    return this.commit(
      withChanges(decision.state, { deferred: withChanges(intent, { waitingFor: waiting }) }),
      record({
        activityId: intent.activityId,
        action: 'deferred',
        status: 'Pending',
        statusMessage: message,
        reasonCode: 'EndpointNotInService',
      }),
    );
  }

  private async apply(decision: Decision, intent: ScalingIntent, record: RecordOf, variant: VariantCapacity) {
    this.overrideDeferred(decision.state, decision.toCapacity);
    const rollback = { cooldowns: decision.state.cooldowns, lastSetCapacity: decision.state.lastSetCapacity };
    // The cooldown starts with the intent, so a concurrent event already sees it; it is rolled
    // back if SageMaker refuses the update.
    const inFlightState: TargetState = withChanges(acceptChange(decision.state, decision, this.request.now), {
      inFlight: withChanges(intent, { rollback }),
      deferred: undefined,
    });
    this.activities.push(
      record({
        activityId: intent.activityId,
        action: decision.action,
        status: 'InProgress',
        statusMessage: decision.reason,
      }),
    );
    const written = await commitNext(
      this.ports,
      this.request.target,
      this.expectedVersion,
      inFlightState,
      this.activities,
    );
    return applyInFlightIntent(this.ports, this.request, written, variant);
  }

  /** A newer decision supersedes a deferred one (semantics: recorded as Overridden). */
  private overrideDeferred(state: TargetState, newDesired: number): void {
    if (state.deferred) this.activities.push(overriddenRecord(this.request, state.deferred, newDesired));
  }

  /** Only the activities gathered so far (a configuration note, an ended change): the event itself decided nothing. */
  async commitNotesOnly(): Promise<undefined> {
    await commitNext(this.ports, this.request.target, this.expectedVersion, this.state, this.activities);
    return undefined;
  }

  private async commit(state: TargetState, record: ActivityRecord): Promise<EventOutcome> {
    await commitNext(
      this.ports,
      this.request.target,
      this.expectedVersion,
      state,
      [...this.activities, record],
      this.request.eventKey,
    );
    return outcomeOf(record, this.request.now);
  }
}
