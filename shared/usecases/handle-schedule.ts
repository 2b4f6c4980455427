import type { ScheduledTrigger } from '../domain/model.ts';
import { decideOnSchedule, scheduledEventKey } from '../domain/scheduled-decision.ts';
import type { ScalerPorts } from './apply-intent.ts';
import { runRequiredDecision } from './decision-path.ts';
import { type EventOutcome, unrecordedOutcome } from './outcome.ts';

/**
 * Handles one scheduled action firing. It is deduplicated on (action, scheduled slot), never on
 * the event id: EventBridge Scheduler gives every retry of one slot a new execution id.
 */
export async function handleSchedule(
  ports: ScalerPorts,
  trigger: ScheduledTrigger,
  now: number,
): Promise<EventOutcome> {
  const event = { eventId: trigger.eventId, eventKey: scheduledEventKey(trigger), now };
  const target = ports.config.targets.find(
    (candidate) =>
      candidate.endpointName === trigger.endpointName && candidate.variantName === trigger.variantName,
  );
  if (!target) {
    return unrecordedOutcome(event, {
      capacity: 0,
      cause: `scheduled action ${trigger.scheduledActionName}`,
      reason: `no target ${trigger.endpointName}/${trigger.variantName} in scaling.yml`,
      reasonCode: 'UnknownScheduledAction',
    });
  }
  return runRequiredDecision(ports, {
    ...event,
    target,
    decide: (state, currentCapacity) => decideOnSchedule(target, state, trigger, { now, currentCapacity }),
  });
}
