import type { ActivityRecord } from '../ports/activity.ts';
import { isoSeconds } from '../usecases/operate/clock-text.ts';

/** Fields holding epoch milliseconds: `--json` prints them as ISO-8601 UTC. */
const INSTANT_FIELDS = new Set([
  'at',
  'from',
  'to',
  'since',
  'startTime',
  'endTime',
  'startedAt',
  'endsAt',
  'decidedAt',
  'activityStart',
  'scheduledTime',
  'cooldownEndsAt',
  'stateTimestamp',
]);

/** JSON text with instants as ISO strings, for `--json`. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(
    value,
    (key, field: unknown) =>
      INSTANT_FIELDS.has(key) && typeof field === 'number' ? isoSeconds(field) : field,
    2,
  );
}

/** An activity with its fields in reading order (DynamoDB returns attributes in any order). */
export function activityJson(record: ActivityRecord): Record<string, unknown> {
  const { activityId, targetKey, startTime, endTime, cause, fromCapacity, toCapacity, action, status } =
    record;
  return {
    activityId,
    targetKey,
    startTime,
    endTime,
    cause,
    fromCapacity,
    toCapacity,
    action,
    status,
    reasonCode: record.reasonCode,
    statusMessage: record.statusMessage,
    policyName: record.policyName,
    scheduledActionName: record.scheduledActionName,
    alarm: record.alarm,
    shadow: record.shadow,
    eventId: record.eventId,
    eventKey: record.eventKey,
  };
}
