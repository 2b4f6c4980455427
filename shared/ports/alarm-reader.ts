/** A managed alarm found in ALARM, with datapoints fetched now (not those of its last transition). */
export interface AlarmEvaluation {
  alarmName: string;
  /** When the alarm last changed state (CloudWatch `StateUpdatedTimestamp`): staleness is judged on it. */
  stateTimestamp: number;
  threshold: number;
  /** The alarm's metric over its evaluation periods, oldest first; empty when none was published. */
  datapoints: number[];
}

/**
 * Reads alarms for the one-minute tick. EventBridge only reports state changes, so an alarm
 * that stays in ALARM is found here (DescribeAlarms) and measured afresh (GetMetricData),
 * because its StateReasonData describes its last transition, not the present.
 */
export interface AlarmReader {
  alarmsInAlarm(alarmNames: readonly string[], now: number): Promise<AlarmEvaluation[]>;
}
