/**
 * Walks a cron's firings in a time zone without visiting every minute: matching years, then
 * months, then the days the day field selects, then hours and minutes, converting each local
 * wall-clock time to UTC once per candidate (see time-zone.ts for the daylight saving rules).
 */

import { dayResolver, localTimeAt } from './time-zone.ts';
import type { CronDays, CronExpression } from './types.ts';

const SATURDAY = 7;
const SUNDAY = 1;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** AWS numbering: 1 = SUN ... 7 = SAT. */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** `nW`: the Monday-Friday day nearest `day`, never crossing into another month (Quartz, which AWS cron follows). */
function nearestWeekday(year: number, month: number, day: number, lastDay: number): number[] {
  if (day > lastDay) return [];
  const weekday = weekdayOf(year, month, day);
  if (weekday === SATURDAY) return [day === 1 ? 3 : day - 1];
  if (weekday === SUNDAY) return [day === lastDay ? day - 2 : day + 1];
  return [day];
}

/** The days of `month` the cron's day field selects, ascending. */
export function matchingDays(days: CronDays, year: number, month: number): number[] {
  const lastDay = daysInMonth(year, month);
  switch (days.kind) {
    case 'daysOfMonth':
      return days.days.filter((day) => day <= lastDay);
    case 'lastDayOfMonth':
      return [lastDay];
    case 'lastWeekdayOfMonth':
      return nearestWeekday(year, month, lastDay, lastDay);
    case 'nearestWeekday':
      return nearestWeekday(year, month, days.day, lastDay);
    case 'weekdays': {
      const first = weekdayOf(year, month, 1);
      const result: number[] = [];
      for (let day = 1; day <= lastDay; day++) {
        if (days.weekdays.includes(((first - 1 + day - 1) % 7) + 1)) result.push(day);
      }
      return result;
    }
    case 'lastInMonth': {
      const back = (weekdayOf(year, month, lastDay) - days.weekday + 7) % 7;
      return [lastDay - back];
    }
    case 'nthInMonth': {
      const day = 1 + ((days.weekday - weekdayOf(year, month, 1) + 7) % 7) + 7 * (days.nth - 1);
      return day <= lastDay ? [day] : [];
    }
  }
}

/** The local days a cron can fire on, from the local date `from` on, ascending. */
function* candidateDays(cron: CronExpression, from: { year: number; month: number; day: number }) {
  for (const year of cron.years) {
    if (year < from.year) continue;
    for (const month of cron.months) {
      if (year === from.year && month < from.month) continue;
      const started = year > from.year || month > from.month;
      for (const day of matchingDays(cron.days, year, month)) {
        if (started || day >= from.day) yield { year, month, day };
      }
    }
  }
}

/**
 * The cron's firings at or after `from`, ascending, up to the end of its last year. A skipped
 * wall-clock time yields nothing; a repeated one yields its first occurrence only.
 */
export function* cronInstants(cron: CronExpression, timeZone: string, from: number): Generator<number> {
  const start = localTimeAt(timeZone, from);
  const startMinute = start.hour * 60 + start.minute;
  for (const date of candidateDays(cron, start)) {
    const toUtc = dayResolver(timeZone, date.year, date.month, date.day);
    const firstDay = date.year === start.year && date.month === start.month && date.day === start.day;
    for (const hour of cron.hours) {
      for (const minute of cron.minutes) {
        // Earlier wall-clock times of the start day map to instants before `from` (first
        // occurrences only rise with the wall clock), so they are not even converted.
        if (firstDay && hour * 60 + minute < startMinute) continue;
        const instant = toUtc(hour, minute, 0);
        if (instant !== undefined && instant >= from) yield instant;
      }
    }
  }
}
