/**
 * One entry point for every event that can trigger a decision: picks the schema from the
 * envelope's `detail-type`, so a single handler (or the replay tool) can take both kinds.
 */
import type { Trigger } from '../domain/model.ts';
import { ALARM_STATE_CHANGE_DETAIL_TYPE, CLOUDWATCH_SOURCE, parseAlarmEvent } from './alarm-state-change.ts';
import { describeValue, expectedFound } from './describe.ts';
import { InvalidEventError } from './errors.ts';
import { parseScheduledEvent, SCALER_SOURCE, SCHEDULED_ACTION_DETAIL_TYPE } from './scheduled-action.ts';

const PARSERS: Record<string, (input: unknown) => Trigger> = {
  [ALARM_STATE_CHANGE_DETAIL_TYPE]: parseAlarmEvent,
  [SCHEDULED_ACTION_DETAIL_TYPE]: parseScheduledEvent,
};

const ACCEPTED = `"${ALARM_STATE_CHANGE_DETAIL_TYPE}" (source "${CLOUDWATCH_SOURCE}") or "${SCHEDULED_ACTION_DETAIL_TYPE}" (source "${SCALER_SOURCE}")`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates an alarm state change or a scheduled-action event and maps it to a {@link Trigger}.
 * The kind's own schema then checks `source` along with everything else.
 *
 * @throws {InvalidEventError} for an unknown kind (naming what was found and what is accepted)
 *   or for any problem the kind's schema finds.
 */
export function parseTriggerEvent(input: unknown): Trigger {
  if (!isRecord(input)) {
    throw new InvalidEventError([`event: ${expectedFound('an object', describeValue(input))}`]);
  }
  const detailType = input['detail-type'];
  const parse =
    typeof detailType === 'string' && Object.hasOwn(PARSERS, detailType) ? PARSERS[detailType] : undefined;
  if (parse === undefined) {
    const source = 'source' in input ? ` (source ${describeValue(input.source)})` : '';
    throw new InvalidEventError([
      `detail-type: ${expectedFound(ACCEPTED, `${describeValue(detailType)}${source}`)}`,
    ]);
  }
  return parse(input);
}
