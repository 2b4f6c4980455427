/**
 * The trigger the scaler's edge makes of a simulated alarm change, made without the wire. The
 * Lambda gets the EventBridge JSON and `parseAlarmEvent` validates it and maps it to an
 * {@link AlarmTrigger}; the simulator built that JSON itself from this same change, so in process
 * it hands `handleAlarm` the trigger the parse would produce, field for field, and skips the JSON
 * round trip and the validation of text it wrote (both were a tenth of a simulated month). A test
 * holds the two equal on every change of whole runs (`test/unit/sim/cloudwatch/alarm-trigger.test.ts`);
 * the local stack still sends the JSON to the real `on-alarm` handler.
 */
import type { AlarmTrigger } from '../../domain/model.ts';
import type { SimulatedAlarmChange } from './alarm-event.ts';

/** What `parseAlarmEvent(alarmStateChangeEvent(change))` returns, read from the change itself. */
export function simulatedAlarmTrigger(change: SimulatedAlarmChange): AlarmTrigger {
  const { definition, previous, current } = change;
  // The event carries recentDatapoints (finite numbers, which JSON keeps exactly) and lists the
  // same points as evaluatedDatapoints, so the newest of those is the last one.
  const values = change.datapoints.values as number[];
  return {
    kind: 'alarm',
    eventId: change.id,
    // EventBridge's `time` is written to the second.
    eventTime: Math.floor(current.timestamp / 1000) * 1000,
    alarmName: definition.alarmName,
    state: current.value,
    previousState: previous.value,
    stateTimestamp: current.timestamp,
    datapoints: values,
    threshold: definition.threshold,
    latestDatapoint: values.at(-1),
    reevaluation: previous.value === current.value,
  };
}
