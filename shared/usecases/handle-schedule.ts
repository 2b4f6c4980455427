import { type ScheduledTrigger, targetKey } from '../domain/model.ts';
import { decideOnSchedule, scheduledEventKey } from '../domain/scheduled-decision.ts';
import type { NativeScalingPort } from '../ports/native-scaling.ts';
import type { ScalerPorts } from './apply-intent.ts';
import { runRequiredDecision } from './decision-path.ts';
import { syncNativeBounds } from './native-bounds.ts';
import { type EventOutcome, unrecordedOutcome, withEnded } from './outcome.ts';

/**
 * Handles one scheduled action firing. It is deduplicated on (action, scheduled slot), never on
 * the event id: EventBridge Scheduler gives every retry of one slot a new execution id. Returns
 * the decision, after the end of an earlier accepted change when its write recorded one.
 */
export async function handleSchedule(
  ports: ScalerPorts & { native?: NativeScalingPort | undefined },
  trigger: ScheduledTrigger,
  now: number,
): Promise<EventOutcome[]> {
  const event = { eventId: trigger.eventId, eventKey: scheduledEventKey(trigger), now };
  const target = ports.config.targets.find(
    (candidate) =>
      candidate.endpointName === trigger.endpointName && candidate.variantName === trigger.variantName,
  );
  if (!target) {
    return [
      unrecordedOutcome(event, {
        capacity: 0,
        cause: `scheduled action ${trigger.scheduledActionName}`,
        reason: `no target ${trigger.endpointName}/${trigger.variantName} in scaling.yml`,
        reasonCode: 'UnknownScheduledAction',
      }),
    ];
  }
  const outcome = await runRequiredDecision(ports, {
    ...event,
    target,
    decide: (state, currentCapacity) => decideOnSchedule(target, state, trigger, { now, currentCapacity }),
  });
  if (!ports.native || !outcome.recorded || !SETS_BOUNDS.has(outcome.reasonCode)) return withEnded(outcome);
  const { state } = await ports.store.load(targetKey(target), event.eventKey);
  if (!state) return withEnded(outcome);
  const warnings = await syncNativeBounds({ ...ports, native: ports.native }, target, event, state.bounds);
  return withEnded(warnings.length > 0 ? { ...outcome, warnings } : outcome);
}

/** Outcomes after which the scheduled action's bounds are in force (it applied, or only moved bounds). */
const SETS_BOUNDS = new Set<EventOutcome['reasonCode']>([undefined, 'CapacityWithinNewBounds']);
