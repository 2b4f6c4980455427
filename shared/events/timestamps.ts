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
  return parseCommonInstant(text) ?? parseInstantByPattern(text);
}

/**
 * {@link parseInstant} for any text: the pattern, then a Date round trip that refuses fields
 * Date.UTC would roll over (Feb 30 -> Mar 2), including years below 100 (read as 19xx).
 */
export function parseInstantByPattern(text: string): number | undefined {
  const match = INSTANT.exec(text);
  if (match === null) return undefined;
  // Read group by group, without intermediate arrays. The six digit groups always match.
  const y = Number(match[1]);
  const mo = Number(match[2]);
  const d = Number(match[3]);
  const h = Number(match[4]);
  const mi = Number(match[5]);
  const s = Number(match[6]);
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(local);
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

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DASH = 45; // -
const COLON = 58; // :
const DOT = 46; // .
const PLUS = 43; // +
const T = 84;
const Z = 90;

/** The number in `count` digits at `from`, or -1 if one is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The forms the scaler reads all day, `2019-10-02T17:04:40Z`, `...40.989Z` and CloudWatch's
 * `...40.989+0000`, read by character without a regex or a Date round trip (a simulated month
 * parses 70,000 of them). Undefined for anything else, or anything doubtful, which
 * {@link parseInstantByPattern} then decides: this only ever agrees with it.
 */
function parseCommonInstant(text: string): number | undefined {
  const length = text.length;
  if (
    length < 20 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return undefined;
  }
  const y = digitsAt(text, 0, 4);
  const mo = digitsAt(text, 5, 2);
  const d = digitsAt(text, 8, 2);
  const h = digitsAt(text, 11, 2);
  const mi = digitsAt(text, 14, 2);
  const s = digitsAt(text, 17, 2);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const monthDays = mo === 2 && leap ? 29 : (DAYS_IN_MONTH[mo - 1] ?? 0);
  // -1 (not a digit) fails these too; years below 100 are the pattern's to refuse.
  if (!(y >= 100 && mo >= 1 && d >= 1 && d <= monthDays && h >= 0 && h <= 23 && mi >= 0 && mi <= 59))
    return undefined;
  if (!(s >= 0 && s <= 59)) return undefined;
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === DOT) {
    // Exactly three digits here; other fraction lengths go to the pattern.
    millis = digitsAt(text, 20, 3);
    if (millis < 0) return undefined;
    at = 23;
  }
  const local = Date.UTC(y, mo - 1, d, h, mi, s) + millis;
  const zone = text.charCodeAt(at);
  if (zone === Z) return length === at + 1 ? local : undefined;
  if ((zone !== PLUS && zone !== DASH) || length !== at + 5) return undefined;
  const oh = digitsAt(text, at + 1, 2);
  const om = digitsAt(text, at + 3, 2);
  if (!(oh >= 0 && oh <= 23 && om >= 0 && om <= 59)) return undefined;
  return local - (oh * 60 + om) * 60_000 * (zone === DASH ? -1 : 1);
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
