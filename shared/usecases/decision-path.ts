import { reconcileConfigBounds } from '../domain/bounds-decision.ts';
import type { Decision } from '../domain/decision.ts';
import { type TargetConfig, targetKey } from '../domain/model.ts';
import { withChanges } from '../domain/objects.ts';
import { initialTargetState, type TargetState } from '../domain/state.ts';
import type { VariantCapacity } from '../ports/endpoint-capacity.ts';
import { EndpointNotFoundError, UnsupportedVariantError } from '../ports/errors.ts';
import { endedOutcome, endOfAcceptedChange } from './accepted-change.ts';
import { applyInFlightIntent, type ScalerPorts } from './apply-intent.ts';
import { type EventIdentity, type EventOutcome, unrecordedOutcome } from './outcome.ts';
import { PendingWrite } from './pending-write.ts';
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
  if (!outcome || outcome.endsActivity) throw new Error(`no decision was made for ${request.eventKey}`);
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
  // The last accepted change ends first, so the decision sees its cooldown only if it succeeded.
  const ended = variant ? endOfAcceptedChange(request, reconciled.state, variant) : undefined;
  const state = ended?.state ?? reconciled.state;
  const write = new PendingWrite(ports, request, stored.version, state);
  if (reconciled.note) write.note(reconciled.note);
  if (ended) write.add(ended.record);
  // An endpoint or variant that does not exist (or cannot be scaled) will not appear on a retry:
  // a failed activity and an alert, no retry loop.
  if (!variant) return write.failWithoutDecision((described as Error).message);
  if (reconciled.state.inFlight?.eventKey === request.eventKey) {
    // A retry of an event whose invocation died after recording its intent: finish that intent
    // (an absolute count, so sending it again cannot change anything twice). Its decision path
    // ended any earlier accepted change before recording it; should one remain, the tick ends it.
    return applyInFlightIntent(ports, request, reconciled.state, variant);
  }
  // While another invocation's change is in flight, decide from what it asked for.
  const current = state.inFlight?.desiredCapacity ?? variant.desiredInstanceCount;
  const decision = request.decide(state, current, variant);
  const endOutcome = ended && endedOutcome(ended.record, request.now);
  if (decision) {
    const outcome = await write.carryOut(decision, variant);
    return endOutcome ? withChanges(outcome, { ended: endOutcome }) : outcome;
  }
  if (write.hasActivities()) await write.commitNotesOnly();
  return endOutcome;
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
