/**
 * The scaler's own "Scheduled Scaling Action" event: the input EventBridge Scheduler sends when a
 * scheduled action fires (and the simulator's scheduler imitates), mapped to a
 * {@link ScheduledTrigger}.
 */
import * as z from 'zod/mini';
import type { ScheduledTrigger } from '../domain/model.ts';
import { parseWith } from './issues.ts';
import { eventTimeSchema } from './timestamps.ts';

/** `detail-type` of a scheduled action firing. */
export const SCHEDULED_ACTION_DETAIL_TYPE = 'Scheduled Scaling Action';
/** `source` of the events the scaler sends itself. */
export const SCALER_SOURCE = 'sagemaker-scaler';

const name = z.string().check(z.minLength(1));

/** A scheduled action firing, validated, with `time` as epoch milliseconds. */
export const scheduledActionEventSchema = z.object({
  version: z.optional(z.string()),
  // The Scheduler's execution id: new on every attempt, so it is kept for tracing only.
  id: name,
  'detail-type': z.literal(SCHEDULED_ACTION_DETAIL_TYPE),
  source: z.literal(SCALER_SOURCE),
  // `<aws.scheduler.scheduled-time>`: the slot, identical on every retry of it.
  time: eventTimeSchema,
  detail: z.object({
    endpointName: name,
    variantName: name,
    scheduledActionName: name,
  }),
});

/** {@link scheduledActionEventSchema}'s output. */
export type ScheduledActionEvent = z.output<typeof scheduledActionEventSchema>;

/**
 * Validates a scheduled-action event and maps it to a {@link ScheduledTrigger}.
 *
 * @throws {InvalidEventError} naming every path that is wrong.
 */
export function parseScheduledEvent(input: unknown): ScheduledTrigger {
  const event = parseWith(scheduledActionEventSchema, input);
  return {
    kind: 'scheduled',
    eventId: event.id,
    endpointName: event.detail.endpointName,
    variantName: event.detail.variantName,
    scheduledActionName: event.detail.scheduledActionName,
    scheduledTime: event.time,
  };
}
