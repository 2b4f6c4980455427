/**
 * The EventBridge "CloudWatch Alarm State Change" event, as CloudWatch sends it, and its mapping
 * to the domain's {@link AlarmTrigger}. Fields the scaler does not read are still typed when
 * CloudWatch always sends them, so a payload that is not an alarm event is refused, not guessed
 * at. Unknown fields are dropped: AWS adds fields over time (alarmTags, for one).
 */
import * as z from 'zod/mini';
import type { AlarmTrigger } from '../domain/model.ts';
import { describeValue, expectedFound } from './describe.ts';
import { parseWith } from './issues.ts';
import { ALARM_NAME_MAX_LENGTH, boundedString, EVENT_KEY_MAX_BYTES } from './limits.ts';
import { refuseFutureInstants } from './processing-time.ts';
import { cloudWatchTimestampSchema, eventTimeSchema } from './timestamps.ts';

/** `detail-type` of a CloudWatch alarm state change. */
export const ALARM_STATE_CHANGE_DETAIL_TYPE = 'CloudWatch Alarm State Change';
/** `source` of a CloudWatch alarm state change. */
export const CLOUDWATCH_SOURCE = 'aws.cloudwatch';

/** The alarm's own summary of an evaluation. Metric-math alarms may carry fewer fields. */
export const reasonDataSchema = z.object({
  // Empty while the alarm is in INSUFFICIENT_DATA.
  recentDatapoints: z._default(z.array(z.number()), []),
  threshold: z.optional(z.number()),
  // Newest first in CloudWatch's events; a missing period has no value.
  evaluatedDatapoints: z.optional(
    z.array(z.object({ timestamp: cloudWatchTimestampSchema, value: z.optional(z.number()) })),
  ),
});

/** The parsed contents of `state.reasonData`. */
export type ReasonData = z.output<typeof reasonDataSchema>;

// CloudWatch sends reasonData as a JSON *string* inside the JSON event, so it is parsed twice.
const reasonDataStringSchema = z.pipe(
  z.transform((value: unknown, ctx): unknown => {
    if (typeof value !== 'string') {
      ctx.issues.push({
        code: 'custom',
        message: expectedFound('a JSON string', describeValue(value)),
        input: value,
      });
      return z.NEVER;
    }
    try {
      return JSON.parse(value);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      ctx.issues.push({
        code: 'custom',
        message: expectedFound('a JSON string', `invalid JSON (${why})`),
        input: value,
      });
      return z.NEVER;
    }
  }),
  reasonDataSchema,
);

const alarmStateValueSchema = z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']);

const alarmStateSchema = z.object({
  value: alarmStateValueSchema,
  reason: z.string(),
  // Absent on some states, e.g. "Unchecked: Initial alarm creation".
  reasonData: z.optional(reasonDataStringSchema),
  timestamp: cloudWatchTimestampSchema,
});

const metricStatSchema = z.object({
  metric: z.object({
    namespace: z.string(),
    name: z.string(),
    dimensions: z.record(z.string(), z.string()),
  }),
  period: z.number(),
  stat: z.string(),
});

// One object rather than a union, so a bad field is reported at its own path instead of as
// "matched neither shape"; the refinement then insists on exactly one of the two kinds.
const alarmMetricSchema = z
  .object({
    id: z.string(),
    returnData: z.boolean(),
    metricStat: z.optional(metricStatSchema),
    expression: z.optional(z.string()),
    label: z.optional(z.string()),
  })
  .check((ctx) => {
    const { metricStat, expression } = ctx.value;
    if ((metricStat === undefined) === (expression === undefined)) {
      ctx.issues.push({
        code: 'custom',
        message: expectedFound(
          'either metricStat (a metric) or expression (metric math)',
          metricStat === undefined ? 'neither' : 'both',
        ),
        input: ctx.value,
      });
    }
  });

/** A CloudWatch alarm state change event, validated, with its instants as epoch milliseconds. */
export const alarmStateChangeEventSchema = z.object({
  version: z.string(),
  // The event key of an alarm event: stored in the sort key of its idempotency marker.
  id: boundedString({ maxBytes: EVENT_KEY_MAX_BYTES, why: 'what a DynamoDB sort key holds after EVENT#' }),
  'detail-type': z.literal(ALARM_STATE_CHANGE_DETAIL_TYPE),
  source: z.literal(CLOUDWATCH_SOURCE),
  account: z.string(),
  time: eventTimeSchema,
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.object({
    alarmName: boundedString({ maxLength: ALARM_NAME_MAX_LENGTH, why: 'the longest CloudWatch alarm name' }),
    state: alarmStateSchema,
    // CloudWatch always sends it; hand-written replay lines may leave it out.
    previousState: z.optional(alarmStateSchema),
    configuration: z.object({
      description: z.optional(z.string()),
      metrics: z.array(alarmMetricSchema),
    }),
  }),
});

/** {@link alarmStateChangeEventSchema}'s output. */
export type AlarmStateChangeEvent = z.output<typeof alarmStateChangeEventSchema>;

/**
 * The most recent datapoint: the evaluated datapoint with the newest timestamp when the event lists
 * them (CloudWatch writes them newest first, but nothing promises it), else the last of
 * `recentDatapoints`, which run oldest to newest.
 */
function latestDatapoint(reasonData: ReasonData): number | undefined {
  let newest: { timestamp: number; value: number } | undefined;
  for (const point of reasonData.evaluatedDatapoints ?? []) {
    if (point.value === undefined) continue;
    if (newest === undefined || point.timestamp > newest.timestamp)
      newest = { timestamp: point.timestamp, value: point.value };
  }
  return newest?.value ?? reasonData.recentDatapoints.at(-1);
}

/**
 * Validates a CloudWatch alarm state change event and maps it to an {@link AlarmTrigger}.
 * `processingTime` is the time the event is handled at (the function's clock; by default the
 * envelope `time`, as `scaler replay` and the simulator process events): a state timestamp too
 * far after it is refused (see `processing-time.ts`).
 *
 * @throws {InvalidEventError} naming every path that is wrong; nothing is half-parsed.
 */
export function parseAlarmEvent(input: unknown, processingTime?: number): AlarmTrigger {
  const event = parseWith(alarmStateChangeEventSchema, input);
  return refuseFutureInstants(alarmTrigger(event), processingTime ?? event.time);
}

function alarmTrigger(event: AlarmStateChangeEvent): AlarmTrigger {
  const { state, previousState } = event.detail;
  return {
    kind: 'alarm',
    eventId: event.id,
    eventTime: event.time,
    alarmName: event.detail.alarmName,
    state: state.value,
    previousState: previousState?.value,
    stateTimestamp: state.timestamp,
    datapoints: state.reasonData?.recentDatapoints ?? [],
    threshold: state.reasonData?.threshold,
    latestDatapoint: state.reasonData && latestDatapoint(state.reasonData),
    // CloudWatch never sends an unchanged state; replay and the tick use one to stand for the
    // periodic re-evaluation of an alarm that stays in ALARM.
    reevaluation: previousState?.value === state.value,
  };
}
