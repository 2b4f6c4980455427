/**
 * The edge: schemas for the events the scaler's functions receive, and their mapping to the
 * domain's triggers. Handlers and the replay tool import from here only.
 */
export {
  ALARM_STATE_CHANGE_DETAIL_TYPE,
  type AlarmStateChangeEvent,
  alarmStateChangeEventSchema,
  CLOUDWATCH_SOURCE,
  parseAlarmEvent,
  type ReasonData,
  reasonDataSchema,
} from './alarm-state-change.ts';
export { EventFileError, InvalidEventError } from './errors.ts';
export { type EventLine, parseEventLine, parseEventLines } from './event-lines.ts';
export { MAX_CLOCK_SKEW_MS, refuseFutureInstants } from './processing-time.ts';
export {
  parseScheduledEvent,
  SCALER_SOURCE,
  SCHEDULED_ACTION_DETAIL_TYPE,
  type ScheduledActionEvent,
  scheduledActionEventSchema,
} from './scheduled-action.ts';
export { cloudWatchTimestampSchema, eventTimeSchema, parseInstant } from './timestamps.ts';
export { parseTriggerEvent } from './trigger-event.ts';
