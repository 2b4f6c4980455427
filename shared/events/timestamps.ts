/**
 * Instants at the edge. EventBridge writes its envelope `time` as `2019-10-02T17:04:40Z`, while
 * CloudWatch writes the timestamps inside an alarm's `detail` as `2019-10-02T17:04:40.989+0000`
 * (an offset without a colon), which `Date.parse` does not accept on every runtime. One strict
 * parser reads all of these forms, so a typo is an error instead of a silently wrong instant.
 */
import * as z from 'zod/mini';
import { describeValue, expectedFound } from './describe.ts';

// Date and time are both required: an instant without a zone is ambiguous, so a zone is too.
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Reads an ISO 8601 instant with seconds and a zone (`Z`, `+0000` or `+00:00`; any offset).
 *
 * @returns epoch milliseconds, or `undefined` when the text is not such an instant or names a
 *   day or time that does not exist (2026-02-30, 24:00:00): never `NaN`.
 */
export function parseInstant(text: string): number | undefined {
  const match = INSTANT.exec(text);
  if (match === null) return undefined;
  // Read group by group, without intermediate arrays: replay and the simulator parse every
  // timestamp of every alarm event (15 datapoints a state). The six digit groups always match.
  const y = Number(match[1]);
  const mo = Number(match[2]);
  const d = Number(match[3]);
  const h = Number(match[4]);
  const mi = Number(match[5]);
  const s = Number(match[6]);
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(local);
  // Date.UTC rolls over out-of-range fields (Feb 30 -> Mar 2); a round trip catches that.
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi ||
    back.getUTCSeconds() !== s
  ) {
    return undefined;
  }
  // Sub-millisecond digits are dropped: every instant in the scaler is in whole milliseconds.
  const fraction = match[7];
  const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
  if (match[8] === 'Z') return local + millis;
  const oh = Number(match[10]);
  const om = Number(match[11]);
  if (oh > 23 || om > 59) return undefined;
  const offset = (oh * 60 + om) * 60_000 * (match[9] === '-' ? -1 : 1);
  return local + millis - offset;
}

function instantSchema(example: string) {
  return z.transform((value: unknown, ctx): number => {
    const instant = typeof value === 'string' ? parseInstant(value) : undefined;
    if (instant === undefined) {
      ctx.issues.push({
        code: 'custom',
        message: expectedFound(`a timestamp like ${example}`, describeValue(value)),
        input: value,
      });
      return z.NEVER;
    }
    return instant;
  });
}

/** A timestamp inside an alarm's `detail` (`2019-10-02T17:04:40.989+0000`), to epoch ms. */
export const cloudWatchTimestampSchema = instantSchema('2019-10-02T17:04:40.989+0000');

/** An EventBridge envelope `time` (`2019-10-02T17:04:40Z`), to epoch ms. */
export const eventTimeSchema = instantSchema('2019-10-02T17:04:40Z');
