import { type TargetConfig, targetKey } from '../domain/model.ts';
import { withChanges } from '../domain/objects.ts';
import { endAcceptedChange } from '../domain/settle.ts';
import type { TargetState } from '../domain/state.ts';
import type { ActivityRecord } from '../ports/activity.ts';
import { TRANSIENT_STATUSES, type VariantCapacity } from '../ports/endpoint-capacity.ts';
import { commitNext, intentActivity, type ScalerPorts } from './apply-intent.ts';
import { type EventIdentity, type EventOutcome, outcomeOf } from './outcome.ts';
import { retryOnConflict } from './retry-on-conflict.ts';

/**
 * The end of the accepted change in `state`, once the endpoint has stopped updating: the state
 * without it (and, if it failed, without its cooldown) and its activity record, now Successful
 * or Failed. Undefined while there is none or the endpoint is still updating.
 */
export function endOfAcceptedChange(
  request: EventIdentity & { target: TargetConfig },
  state: TargetState,
  variant: VariantCapacity,
): { state: TargetState; record: ActivityRecord } | undefined {
  if (TRANSIENT_STATUSES.has(variant.endpointStatus)) return undefined;
  const end = endAcceptedChange(state, variant);
  if (!end) return undefined;
  const finish =
    end.kind === 'successful' ? { kind: 'completed' as const } : { kind: 'undone' as const, why: end.why };
  return { state: end.state, record: intentActivity(request, end.change, finish) };
}

/** The outcome that reports an accepted change's end. */
export function endedOutcome(record: ActivityRecord, now: number): EventOutcome {
  return withChanges(outcomeOf(record, now), { endsActivity: true });
}

/**
 * The tick's step for a target whose last accepted change is still InProgress: records how it
 * ended when the endpoint shows it. The first attempt writes on top of the state the tick read
 * (no extra read); a lost race reads afresh, and another invocation may have ended it first,
 * leaving nothing to do.
 */
export async function recordAcceptedChangeEnd(
  ports: ScalerPorts,
  request: EventIdentity & { target: TargetConfig },
  known: TargetState,
  variant: VariantCapacity,
): Promise<EventOutcome | undefined> {
  let next: TargetState | undefined = known;
  return retryOnConflict(async () => {
    const state = next ?? (await ports.store.load(targetKey(request.target), '')).state;
    next = undefined;
    if (!state) return undefined;
    const end = endOfAcceptedChange(request, state, variant);
    if (!end) return undefined;
    await commitNext(ports, request.target, state.version, end.state, [end.record]);
    return endedOutcome(end.record, request.now);
  });
}
