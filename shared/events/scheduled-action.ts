/**
 * The scaler's own "Scheduled Scaling Action" event: the input EventBridge Scheduler sends when a
 * scheduled action fires (and the simulator's scheduler imitates), mapped to a
 * {@link ScheduledTrigger}.
 */
import * as z from 'zod/mini';
import type { ScheduledTrigger } from '../domain/model.ts';
import { parseWith } from './issues.ts';
import {
  boundedString,
  EVENT_KEY_MAX_BYTES,
  SAGEMAKER_NAME_MAX_LENGTH,
  SCHEDULED_ACTION_NAME_MAX_LENGTH,
} from './limits.ts';
import { refuseFutureInstants } from './processing-time.ts';
import { eventTimeSchema } from './timestamps.ts';

/** `detail-type` of a scheduled action firing. */
export const SCHEDULED_ACTION_DETAIL_TYPE = 'Scheduled Scaling Action';
/** `source` of the events the scaler sends itself. */
export const SCALER_SOURCE = 'sagemaker-scaler';

const sageMakerName = boundedString({
  maxLength: SAGEMAKER_NAME_MAX_LENGTH,
  why: 'the longest SageMaker endpoint or variant name',
});

/** A scheduled action firing, validated, with `time` as epoch milliseconds. */
export const scheduledActionEventSchema = z.object({
  version: z.optional(z.string()),
  // The Scheduler's execution id: new on every attempt, so it is kept for tracing only.
  id: boundedString({ maxBytes: EVENT_KEY_MAX_BYTES, why: 'what the scaler keeps of an event id' }),
  'detail-type': z.literal(SCHEDULED_ACTION_DETAIL_TYPE),
  source: z.literal(SCALER_SOURCE),
  // `<aws.scheduler.scheduled-time>`: the slot, identical on every retry of it.
  time: eventTimeSchema,
  detail: z.object({
    endpointName: sageMakerName,
    variantName: sageMakerName,
    // With its slot it becomes the event key, stored in a DynamoDB sort key (see limits.ts).
    scheduledActionName: boundedString({
      maxLength: SCHEDULED_ACTION_NAME_MAX_LENGTH,
      why: 'the longest AAS scheduled action name',
    }),
  }),
});

/** {@link scheduledActionEventSchema}'s output. */
export type ScheduledActionEvent = z.output<typeof scheduledActionEventSchema>;

/**
 * Validates a scheduled-action event and maps it to a {@link ScheduledTrigger}. A slot too far
 * after `processingTime` (default: the envelope `time`, which is the slot) is refused.
 *
 * @throws {InvalidEventError} naming every path that is wrong.
 */
export function parseScheduledEvent(input: unknown, processingTime?: number): ScheduledTrigger {
  const event = parseWith(scheduledActionEventSchema, input);
  return refuseFutureInstants(scheduledTrigger(event), processingTime ?? event.time);
}

function scheduledTrigger(event: ScheduledActionEvent): ScheduledTrigger {
  return {
    kind: 'scheduled',
    eventId: event.id,
    endpointName: event.detail.endpointName,
    variantName: event.detail.variantName,
    scheduledActionName: event.detail.scheduledActionName,
    scheduledTime: event.time,
  };
}
