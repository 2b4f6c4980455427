/**
 * Wall-clock <-> UTC conversion in an IANA time zone, with Intl (Node ships full ICU).
 * EventBridge Scheduler evaluates cron and at() fields as wall-clock times in the schedule's
 * zone and handles daylight saving this way: a local time that does not exist (spring forward)
 * is skipped, and one that occurs twice (fall back) fires once. We take its first occurrence.
 */

import type { LocalTime } from './types.ts';

const DAY_MS = 86_400_000;
// tzdata never moves a zone's offset twice within 4 days: from 1970 to 2060 the closest pair
// is 6 days 23 hours apart (Asia/Gaza, October 2040). Offsets sampled 4 days apart that agree
// therefore hold at every instant between them.
const SAMPLE_SPAN_MS = 4 * DAY_MS;

/** Maps a wall-clock time of one local day to its earliest UTC instant, or undefined if it does not exist. */
export type DayResolver = (hour: number, minute: number, second: number) => number | undefined;

// Creating a DateTimeFormat costs far more than using one: one per zone, for the process lifetime.
const formatters = new Map<string, Intl.DateTimeFormat>();
// Offsets at UTC midnights, per zone: one entry per 4 days visited, plus the days around each
// change. Calendar walks ask for consecutive days, so they share these.
const midnightOffsets = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// Creating the first DateTimeFormat with a time zone loads ICU's zone data: about 20 ms, which
// the cold start of a function that never converts a time (on-alarm) should not pay for
// validating scaling.yml. The list of canonical zone names costs under 2 ms; aliases
// (`Asia/Kolkata` on some ICU builds, `Etc/UTC`) still go through a formatter.
let canonicalZones: Set<string> | undefined;

/** True for a zone name Intl accepts (e.g. `Europe/Berlin`, `America/New_York`, `UTC`); offsets such as `+01:00` are not zone names. */
export function isValidTimeZone(name: string): boolean {
  // Newer ICU builds accept bare offsets; AWS wants an IANA name, so reject them everywhere.
  if (!/^[A-Za-z]/.test(name)) return false;
  // ECMA-402 requires every implementation to accept UTC.
  canonicalZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  if (canonicalZones.has(name)) return true;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of `instant` in `timeZone` (throws RangeError for an unknown zone). */
export function localTimeAt(timeZone: string, instant: number): LocalTime {
  // en-US renders "M/D/YYYY, HH:MM:SS"; reading the digit runs is about three times faster
  // than formatToParts, and this is the hot path of every calendar walk.
  const [month, day, year, hour, minute, second] = formatterFor(timeZone)
    .format(instant)
    .split(/\D+/)
    .map(Number) as [number, number, number, number, number, number];
  return { year, month, day, hour, minute, second };
}

/** Wall clock minus UTC at `instant`, in ms (+2h for Europe/Berlin in summer). */
function offsetAt(timeZone: string, instant: number): number {
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  const l = localTimeAt(timeZone, wholeSecond);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - wholeSecond;
}

function cachedOffset(timeZone: string, offsets: Map<number, number>, instant: number): number {
  let offset = offsets.get(instant);
  if (offset === undefined) {
    offset = offsetAt(timeZone, instant);
    offsets.set(instant, offset);
  }
  return offset;
}

function offsetAtMidnight(timeZone: string, midnight: number): number {
  let offsets = midnightOffsets.get(timeZone);
  if (offsets === undefined) {
    offsets = new Map();
    midnightOffsets.set(timeZone, offsets);
  }
  // When the offsets at both ends of the span agree, every midnight inside it has that offset,
  // so a year costs about 100 Intl calls rather than 365.
  const spanStart = Math.floor(midnight / SAMPLE_SPAN_MS) * SAMPLE_SPAN_MS;
  const offset = cachedOffset(timeZone, offsets, spanStart);
  return offset === cachedOffset(timeZone, offsets, spanStart + SAMPLE_SPAN_MS)
    ? offset
    : cachedOffset(timeZone, offsets, midnight);
}

/**
 * Prepares the conversion of wall-clock times on one local day D. UTC offsets lie within
 * -12h..+14h, so every instant showing a time of D lies between D - 1 day and D + 2 days (read
 * as UTC). When the offsets at both ends agree, the whole day has that one offset and each time
 * converts by subtraction; otherwise each time is checked against the offsets before and after
 * the change.
 */
export function dayResolver(timeZone: string, year: number, month: number, day: number): DayResolver {
  const midnight = Date.UTC(year, month - 1, day);
  const before = offsetAtMidnight(timeZone, midnight - DAY_MS);
  const after = offsetAtMidnight(timeZone, midnight + 2 * DAY_MS);
  if (before === after) {
    return (hour, minute, second) => midnight + ((hour * 60 + minute) * 60 + second) * 1000 - before;
  }
  return (hour, minute, second) => {
    const wallClock = midnight + ((hour * 60 + minute) * 60 + second) * 1000;
    // A wall-clock time is real under an offset if that offset is in force at the instant it
    // names. Spring forward: neither is (skipped). Fall back: both are; the earlier one wins.
    const earlier = wallClock - Math.max(before, after);
    if (offsetAt(timeZone, earlier) === Math.max(before, after)) return earlier;
    const later = wallClock - Math.min(before, after);
    return offsetAt(timeZone, later) === Math.min(before, after) ? later : undefined;
  };
}
