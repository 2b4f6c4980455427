import { reconcileConfigBounds } from '../domain/bounds-decision.ts';
import type { Decision } from '../domain/decision.ts';
import { type ScalingConfig, type TargetConfig, targetKey } from '../domain/model.ts';
import { acceptChange, intentOf } from '../domain/settle.ts';
import { initialTargetState, type ScalingIntent, type TargetState } from '../domain/state.ts';
import type { ActivityRecord } from '../ports/activity.ts';
import { TRANSIENT_STATUSES, type VariantCapacity } from '../ports/endpoint-capacity.ts';
import { EndpointNotFoundError, UnsupportedVariantError } from '../ports/errors.ts';
import { applyInFlightIntent, commitNext, type ScalerPorts } from './apply-intent.ts';
import {
  activityOf,
  type EventIdentity,
  type EventOutcome,
  outcomeOf,
  unrecordedOutcome,
} from './outcome.ts';
import { retryOnConflict } from './retry-on-conflict.ts';

/** One event to decide on for one target. */
export interface DecisionRequest extends EventIdentity {
  target: TargetConfig;
  /**
   * The pure decision, given the state (after config reconciliation) and the current capacity.
   * Undefined means there was nothing to decide: nothing is written.
   */
  decide(state: TargetState, currentCapacity: number, variant: VariantCapacity): Decision | undefined;
}

/**
 * The path of one event for one target: load state, read the endpoint, decide, record the
 * intent, apply, record the outcome. Every write is conditional on the version read; a lost
 * race starts over from the new state, so concurrent events decide on what the winner wrote.
 */
export async function runDecisionPath(
  ports: ScalerPorts,
  request: DecisionRequest,
): Promise<EventOutcome | undefined> {
  return retryOnConflict(() => attemptDecision(ports, request));
}

/** runDecisionPath for a request whose `decide` always decides. */
export async function runRequiredDecision(
  ports: ScalerPorts,
  request: DecisionRequest,
): Promise<EventOutcome> {
  const outcome = await runDecisionPath(ports, request);
  if (!outcome) throw new Error(`no decision was made for ${request.eventKey}`);
  return outcome;
}

async function attemptDecision(
  ports: ScalerPorts,
  request: DecisionRequest,
): Promise<EventOutcome | undefined> {
  const key = targetKey(request.target);
  const loaded = await ports.store.load(key, request.eventKey);
  const described = await describeVariant(ports, request.target);
  const variant = described instanceof Error ? undefined : described;
  if (loaded.processed) {
    return unrecordedOutcome(request, {
      targetKey: key,
      capacity: variant?.desiredInstanceCount ?? 0,
      cause: `event ${request.eventKey}`,
      reason: 'this event was already handled for this target',
      reasonCode: 'DuplicateEvent',
    });
  }
  const stored = loaded.state ?? initialTargetState(request.target, request.now);
  const reconciled = reconcileConfigBounds(request.target, stored, request.now);
  const write = new PendingWrite(ports, request, stored.version, reconciled.state);
  if (reconciled.note) write.note(reconciled.note);
  // An endpoint or variant that does not exist (or cannot be scaled) will not appear on a retry:
  // a failed activity and an alert, no retry loop.
  if (!variant) return write.failWithoutDecision((described as Error).message);
  if (reconciled.state.inFlight?.eventKey === request.eventKey) {
    // A retry of an event whose invocation died after recording its intent: finish that intent
    // (an absolute count, so sending it again cannot change anything twice).
    return applyInFlightIntent(ports, request, reconciled.state, variant);
  }
  // While another invocation's change is in flight, decide from what it asked for.
  const current = reconciled.state.inFlight?.desiredCapacity ?? variant.desiredInstanceCount;
  const decision = request.decide(reconciled.state, current, variant);
  if (decision) return write.carryOut(decision, variant);
  return reconciled.note ? write.commitNotesOnly() : undefined;
}

/** The variant, or the error saying it does not exist or cannot be scaled. */
async function describeVariant(ports: ScalerPorts, target: TargetConfig): Promise<VariantCapacity | Error> {
  try {
    return await ports.endpoints.describeVariant(target.endpointName, target.variantName);
  } catch (error) {
    if (error instanceof EndpointNotFoundError || error instanceof UnsupportedVariantError) return error;
    throw error;
  }
}

/** How long an endpoint lease lasts: far beyond one describe-and-update, short enough if its holder dies. */
const ENDPOINT_LEASE_MS = 60_000;

type RecordOf = (result: Parameters<typeof activityOf>[3]) => ActivityRecord;

/** Why a change cannot be sent now, or undefined when it can. */
function waitingFor(decision: Decision, variant: VariantCapacity): string | undefined {
  if (decision.state.inFlight) return 'another change in flight';
  return TRANSIENT_STATUSES.has(variant.endpointStatus) ? `endpoint ${variant.endpointStatus}` : undefined;
}

/** Whether scaling.yml manages more than one variant of the target's endpoint. */
function sharesEndpoint(config: ScalingConfig, target: TargetConfig): boolean {
  return config.targets.some((other) => other !== target && other.endpointName === target.endpointName);
}

/** Collects the activities of one attempt and commits them with the state they belong to. */
class PendingWrite {
  private readonly activities: ActivityRecord[] = [];

  constructor(
    private readonly ports: ScalerPorts,
    private readonly request: DecisionRequest,
    private readonly expectedVersion: number,
    private readonly state: TargetState,
  ) {}

  note(message: string): void {
    this.activities.push(
      activityOf(
        this.request.target,
        this.request,
        { action: 'none', fromCapacity: 0, toCapacity: 0, cause: 'scaling.yml deployed' },
        {
          activityId: this.ports.ids.nextId(),
          action: 'none',
          status: 'Successful',
          statusMessage: message,
          reasonCode: 'ConfigurationChanged',
        },
      ),
    );
  }

  async failWithoutDecision(message: string): Promise<EventOutcome> {
    const record = activityOf(
      this.request.target,
      this.request,
      { action: 'none', fromCapacity: 0, toCapacity: 0, cause: `event ${this.request.eventKey}` },
      {
        activityId: this.ports.ids.nextId(),
        action: 'failed',
        status: 'Failed',
        statusMessage: message,
        reasonCode: 'EndpointFailed',
      },
    );
    return this.commit(this.state, record);
  }

  async carryOut(decision: Decision, variant: VariantCapacity): Promise<EventOutcome> {
    const continued = decision.continuesActivity;
    const activityId = continued?.activityId ?? this.ports.ids.nextId();
    const record: RecordOf = (result) =>
      activityOf(this.request.target, this.request, decision, { ...result, startTime: continued?.startTime });
    if (decision.action === 'none') {
      return this.commit(
        decision.state,
        record({
          activityId,
          action: 'none',
          status: 'NotScaled',
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
    const intent = intentOf(decision, { activityId, eventKey: this.request.eventKey }, now);
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
    this.overrideDeferred(decision.state, decision.toCapacity);
    const message = `${decision.reason}; deferred: ${waiting}, retried when the endpoint is InService`;
    return this.commit(
      { ...decision.state, deferred: { ...intent, waitingFor: waiting } },
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
    const inFlightState: TargetState = {
      ...acceptChange(decision.state, decision, this.request.now),
      inFlight: { ...intent, rollback },
      deferred: undefined,
    };
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
    const deferred = state.deferred;
    if (!deferred) return;
    this.activities.push(
      activityOf(
        this.request.target,
        { ...this.request, eventKey: deferred.eventKey },
        {
          action: 'none',
          fromCapacity: deferred.fromCapacity,
          toCapacity: deferred.desiredCapacity,
          cause: deferred.cause,
          policyName: deferred.policyName,
          scheduledActionName: deferred.scheduledActionName,
        },
        {
          activityId: deferred.activityId,
          action: 'deferred',
          status: 'Overridden',
          statusMessage: `superseded by a newer decision for ${newDesired}`,
          reasonCode: 'IntentOverridden',
          startTime: deferred.activityStart,
        },
      ),
    );
  }

  /** Only the configuration-change note: the event itself decided nothing. */
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
