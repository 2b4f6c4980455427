import { decideOnAlarms } from '../domain/alarm-decision.ts';
import { alarmPolicyOf } from '../domain/alarm-policies.ts';
import type { AlarmTrigger } from '../domain/model.ts';
import { scalingFloor } from '../domain/predictive/floor.ts';
import type { ScalerPorts } from './apply-intent.ts';
import { runRequiredDecision } from './decision-path.ts';
import { type EventOutcome, unrecordedOutcome, withEnded } from './outcome.ts';
import { floorsNow, readsFloors } from './predictive/floors-now.ts';

/**
 * Handles one alarm evaluation: every target with a policy driven by that alarm decides on it
 * (the link from an alarm to a policy is the alarm's name: a step policy's `alarmName`, or one of
 * the two alarms named after a target tracking policy). Targets are handled
 * one after the other so that two variants of one endpoint never race for its update lock.
 */
export async function handleAlarm(
  ports: ScalerPorts,
  trigger: AlarmTrigger,
  now: number,
): Promise<EventOutcome[]> {
  const event = { eventId: trigger.eventId, eventKey: trigger.eventId, now };
  const targets = ports.config.targets.filter(
    (target) => alarmPolicyOf(target, trigger.alarmName) !== undefined,
  );
  if (targets.length === 0) {
    return [
      unrecordedOutcome(event, {
        capacity: 0,
        cause: `alarm ${trigger.alarmName} in state ${trigger.state}`,
        reason: `no target in scaling.yml has a policy driven by alarm ${trigger.alarmName}`,
        reasonCode: 'UnknownAlarm',
      }),
    ];
  }
  const outcomes: EventOutcome[] = [];
  for (const target of targets) {
    const floor = readsFloors(ports, target) ? scalingFloor(await floorsNow(ports, target, now)) : undefined;
    const outcome = await runRequiredDecision(ports, {
      eventId: event.eventId,
      eventKey: event.eventKey,
      now,
      target,
      decide: (state, currentCapacity) =>
        decideOnAlarms(target, state, [trigger], { now, currentCapacity, floor }),
    });
    outcomes.push(...withEnded(outcome));
  }
  return outcomes;
}
