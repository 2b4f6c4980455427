/**
 * The schedule calculator: parses a scheduled action's `at()`, `rate()` or `cron()` expression
 * (EventBridge Scheduler syntax, used by Application Auto Scaling scheduled actions) and lists
 * when it fires, in its time zone and within its start and end times. Pure: time is an argument.
 */

import { atInstants, parseAt } from './at.ts';
import { cronInstants } from './cron-calendar.ts';
import { parseCron } from './parse-cron.ts';
import { parseRate, rateInstants } from './rate.ts';
import type { ScheduleExpression, ScheduleParseResult, ScheduleWindow } from './types.ts';

export { RateAnchorMissingError } from './rate.ts';
export { isValidTimeZone } from './time-zone.ts';
export type {
  AtExpression,
  CronDays,
  CronExpression,
  RateExpression,
  ScheduleExpression,
  ScheduleParseResult,
  ScheduleWindow,
} from './types.ts';

// Cron years start in 1970; clamping keeps Intl away from instants it cannot format.
const CRON_EARLIEST = Date.UTC(1969, 11, 31);

/**
 * Parses `at(...)`, `rate(...)` or `cron(...)`. Each error says what was expected and what
 * was found, e.g. "cron day-of-month and day-of-week: exactly one must be '?' (found '1' and
 * 'MON')". Never throws.
 */
export function parseScheduleExpression(text: string): ScheduleParseResult {
  const trimmed = text.trim();
  const open = trimmed.indexOf('(');
  const body = trimmed.slice(open + 1, -1);
  const kind = open > 0 && trimmed.endsWith(')') ? trimmed.slice(0, open) : '';
  if (kind === 'at') return parseAt(body, trimmed);
  if (kind === 'rate') return parseRate(body, trimmed);
  if (kind === 'cron') return parseCron(body, trimmed);
  return { ok: false, errors: [`schedule: expected at(...), rate(...) or cron(...), found '${text}'`] };
}

/** The expression's firings at or after `from`, ascending, ignoring the window's bounds. */
function instantsFrom(
  expression: ScheduleExpression,
  window: ScheduleWindow,
  from: number,
): Iterable<number> {
  switch (expression.kind) {
    case 'at':
      return atInstants(expression, window.timezone, from);
    case 'rate':
      return rateInstants(expression, window, from);
    case 'cron':
      return cronInstants(expression, window.timezone, Math.max(from, CRON_EARLIEST));
  }
}

function beforeEnd(instant: number, window: ScheduleWindow): boolean {
  return window.endTime === undefined || instant <= window.endTime;
}

/**
 * The first firing strictly after `after`, or undefined when there is none (end time passed,
 * at() in the past or skipped by daylight saving, cron years over).
 * @throws RangeError for a time zone Intl does not know.
 * @throws RateAnchorMissingError for rate() when the window has neither rateAnchor nor startTime.
 */
export function nextFireTime(
  expression: ScheduleExpression,
  window: ScheduleWindow,
  after: number,
): number | undefined {
  for (const instant of instantsFrom(expression, window, Math.max(after, window.startTime ?? after))) {
    if (instant > after) return beforeEnd(instant, window) ? instant : undefined;
  }
  return undefined;
}

/**
 * Every firing in [from, to), ascending. Each one equals `nextFireTime` of the one before.
 * @throws RangeError when `to` is not finite (a rate would never end), or for an unknown time zone.
 * @throws RateAnchorMissingError for rate() when the window has neither rateAnchor nor startTime.
 */
export function fireTimesBetween(
  expression: ScheduleExpression,
  window: ScheduleWindow,
  from: number,
  to: number,
): number[] {
  if (!Number.isFinite(to)) throw new RangeError(`fireTimesBetween: expected a finite 'to', found ${to}`);
  const times: number[] = [];
  for (const instant of instantsFrom(expression, window, Math.max(from, window.startTime ?? from))) {
    if (instant >= to || !beforeEnd(instant, window)) break;
    times.push(instant);
  }
  return times;
}
