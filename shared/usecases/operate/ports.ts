import type { ActivityRecord } from '../../ports/activity.ts';

/** A target's history one Query page at a time, newest first (DynamoDbStateStore has this shape). */
export interface ActivityPages {
  pageActivities(
    targetKey: string,
    options?: { since?: number | undefined; pageSize?: number | undefined },
  ): AsyncIterable<ActivityRecord[]>;
}

/** A target's history within a closed time range: what `scaler why` reads around an instant. */
export interface ActivityWindow {
  /** Activities whose start time lies in [from, to], oldest first. */
  activitiesBetween(targetKey: string, from: number, to: number): Promise<ActivityRecord[]>;
  /** The newest activity that started before `before`, looking back no further than `notBefore`. */
  lastActivityBefore(
    targetKey: string,
    before: number,
    notBefore: number,
  ): Promise<ActivityRecord | undefined>;
}

/** A CloudWatch alarm found in ALARM. */
export interface AlarmInAlarm {
  alarmName: string;
  /** When it entered ALARM (CloudWatch `StateUpdatedTimestamp`). */
  since?: number | undefined;
  /** CloudWatch's own sentence about the transition (`StateReason`). */
  reason?: string | undefined;
}

/**
 * Which alarms are in ALARM right now (DescribeAlarms with StateValue ALARM). No datapoints are
 * fetched: `scaler status` only says which alarms are breaching, the tick measures them.
 */
export interface AlarmStates {
  alarmsInAlarm(alarmNames: readonly string[]): Promise<AlarmInAlarm[]>;
}
