/**
 * `cron(minutes hours day-of-month month day-of-week year)` as EventBridge Scheduler (and so
 * Application Auto Scaling) accepts it: six fields, exactly one day field `?`, `L` `W` `#` in
 * the day fields only, years 1970-2199. Every field is checked so the user sees all problems.
 */

import {
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  type FieldResult,
  HOURS,
  MINUTES,
  MONTH,
  parseListField,
  parseValue,
  YEAR,
} from './cron-field.ts';
import type { CronDays, CronExpression } from './types.ts';

type DaysResult = { ok: true; days: CronDays } | { ok: false; error: string };

function fromList(result: FieldResult, days: (values: number[]) => CronDays): DaysResult {
  return result.ok ? { ok: true, days: days(result.values) } : result;
}

function parseDayOfMonth(token: string): DaysResult {
  const upper = token.toUpperCase();
  if (upper === 'L') return { ok: true, days: { kind: 'lastDayOfMonth' } };
  if (upper === 'LW') return { ok: true, days: { kind: 'lastWeekdayOfMonth' } };
  if (/^\d+W$/.test(upper)) {
    const day = parseValue(token.slice(0, -1), DAY_OF_MONTH);
    if (day === undefined) {
      return { ok: false, error: `cron day-of-month: expected nW with n 1-31, found '${token}'` };
    }
    return { ok: true, days: { kind: 'nearestWeekday', day } };
  }
  return fromList(parseListField(token, DAY_OF_MONTH), (days) => ({ kind: 'daysOfMonth', days }));
}

function parseDayOfWeek(token: string): DaysResult {
  // A lone L in day-of-week is the last day of the week: 7, Saturday (AWS numbers SUN = 1).
  const upper = token.toUpperCase();
  if (upper === 'L') return { ok: true, days: { kind: 'weekdays', weekdays: [7] } };
  if (/^[0-9A-Z]+L$/.test(upper)) {
    const weekday = parseValue(token.slice(0, -1), DAY_OF_WEEK);
    if (weekday === undefined) {
      return { ok: false, error: `cron day-of-week: expected nL with n 1-7 or SUN-SAT, found '${token}'` };
    }
    return { ok: true, days: { kind: 'lastInMonth', weekday } };
  }
  if (token.includes('#')) {
    const [day = '', nth, extra] = token.split('#');
    const weekday = parseValue(day, DAY_OF_WEEK);
    if (weekday === undefined || extra !== undefined || !/^[1-5]$/.test(String(nth))) {
      return {
        ok: false,
        error: `cron day-of-week: expected n#k with n 1-7 or SUN-SAT and k 1-5, found '${token}'`,
      };
    }
    return { ok: true, days: { kind: 'nthInMonth', weekday, nth: Number(nth) } };
  }
  return fromList(parseListField(token, DAY_OF_WEEK), (weekdays) => ({ kind: 'weekdays', weekdays }));
}

function parseDays(dayOfMonth: string, dayOfWeek: string): DaysResult {
  // AWS: "You can't use * in both the Day-of-month and Day-of-week fields. If you use it in
  // one, you must use ? in the other." Both given, or both `?`, is rejected.
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    return {
      ok: false,
      error: `cron day-of-month and day-of-week: exactly one must be '?' (found '${dayOfMonth}' and '${dayOfWeek}')`,
    };
  }
  return dayOfMonth === '?' ? parseDayOfWeek(dayOfWeek) : parseDayOfMonth(dayOfMonth);
}

/** Parses the inside of `cron(...)`; `text` is the whole expression, kept on the result. */
export function parseCron(
  body: string,
  text: string,
): { ok: true; expression: CronExpression } | { ok: false; errors: string[] } {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    return {
      ok: false,
      errors: [
        `cron: expected 6 fields (minutes hours day-of-month month day-of-week year), found ${fields.length} in '${body}'`,
      ],
    };
  }
  const [minuteField, hourField, dayOfMonthField, monthField, dayOfWeekField, yearField] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const errors: string[] = [];
  const list = (result: FieldResult): number[] => {
    if (result.ok) return result.values;
    errors.push(result.error);
    return [];
  };
  const minutes = list(parseListField(minuteField, MINUTES));
  const hours = list(parseListField(hourField, HOURS));
  const days = parseDays(dayOfMonthField, dayOfWeekField);
  if (!days.ok) errors.push(days.error);
  const months = list(parseListField(monthField, MONTH));
  const years = list(parseListField(yearField, YEAR));
  if (!days.ok || errors.length > 0) return { ok: false, errors };
  return { ok: true, expression: { kind: 'cron', minutes, hours, days: days.days, months, years, text } };
}
