/**
 * The one check an event's instants get against the clock, at the edge. The engine remembers the
 * newest state timestamp per alarm (and the newest slot per scheduled action) and refuses anything
 * older as stale: one event stamped far in the future would make every later event, and every
 * tick, stale for good. Such an event is malformed, whoever sent it: it is refused here, before
 * the engine remembers it. The pure engine never sees a clock; the caller passes the processing
 * time (the Lambda's clock, or in `scaler replay` and the simulator the envelope `time`).
 */
import { isoTime } from '../domain/decision.ts';
import type { Trigger } from '../domain/model.ts';
import { InvalidEventError } from './errors.ts';

/**
 * How far an event's instant may lie ahead of the processing time: clocks of AWS services and of
 * the function agree to well within a second; five minutes leaves room for a replay of hand-made
 * events without letting a typo in the year through.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

function tooFar(path: string, instant: number, processingTime: number, consequence: string): string {
  const limit = processingTime + MAX_CLOCK_SKEW_MS;
  return `${path}: expected an instant at most ${MAX_CLOCK_SKEW_MS / 60_000} minutes after the processing time ${isoTime(processingTime)} (so no later than ${isoTime(limit)}), found ${isoTime(instant)}; ${consequence}`;
}

/**
 * Refuses a trigger whose state timestamp (alarm) or slot (scheduled action) lies more than
 * {@link MAX_CLOCK_SKEW_MS} after `processingTime`.
 *
 * @throws {InvalidEventError} naming the field, the processing time and the instant found.
 */
export function refuseFutureInstants<T extends Trigger>(trigger: T, processingTime: number): T {
  if (trigger.kind === 'alarm' && trigger.stateTimestamp > processingTime + MAX_CLOCK_SKEW_MS) {
    throw new InvalidEventError([
      tooFar(
        'detail.state.timestamp',
        trigger.stateTimestamp,
        processingTime,
        `remembered, it would make every later event of alarm ${trigger.alarmName} look stale`,
      ),
    ]);
  }
  if (trigger.kind === 'scheduled' && trigger.scheduledTime > processingTime + MAX_CLOCK_SKEW_MS) {
    throw new InvalidEventError([
      tooFar(
        'time',
        trigger.scheduledTime,
        processingTime,
        `remembered, it would make every earlier slot of scheduled action ${trigger.scheduledActionName} look stale`,
      ),
    ]);
  }
  return trigger;
}
