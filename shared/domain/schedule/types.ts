/**
 * The parsed forms of a scheduled action's `schedule` (EventBridge Scheduler syntax, which
 * Application Auto Scaling scheduled actions share) and the window an action fires in.
 */

/** A wall-clock reading, months 1-12. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** `at(yyyy-mm-ddThh:mm:ss)`: one wall-clock time in the action's time zone. */
export interface AtExpression extends LocalTime {
  kind: 'at';
  text: string;
}

/** `rate(N unit)`: every `periodMs`, counted from the window's rate anchor in UTC. */
export interface RateExpression {
  kind: 'rate';
  value: number;
  unit: 'minute' | 'hour' | 'day';
  periodMs: number;
  text: string;
}

/**
 * Which days of a month a cron matches. Exactly one of the two day fields is set in AWS cron,
 * so this holds the one that is not `?`. Weekdays are numbered as AWS does: 1 = SUN ... 7 = SAT.
 */
export type CronDays =
  /** Day-of-month list, ranges and steps, e.g. `1,15` or `1-31/2`. */
  | { kind: 'daysOfMonth'; days: readonly number[] }
  /** Day-of-month `L`: the last day of the month. */
  | { kind: 'lastDayOfMonth' }
  /** Day-of-month `LW`: the last weekday (Mon-Fri) of the month. */
  | { kind: 'lastWeekdayOfMonth' }
  /** Day-of-month `nW`: the weekday nearest day `day`, never leaving the month. */
  | { kind: 'nearestWeekday'; day: number }
  /** Day-of-week list, ranges and names, e.g. `MON-FRI`; a lone `L` is 7 (SAT). */
  | { kind: 'weekdays'; weekdays: readonly number[] }
  /** Day-of-week `nL`: the last weekday `n` of the month (`5L` = last Thursday). */
  | { kind: 'lastInMonth'; weekday: number }
  /** Day-of-week `n#k`: the k-th weekday `n` of the month (`2#1` = first Monday). */
  | { kind: 'nthInMonth'; weekday: number; nth: number };

/** `cron(minutes hours day-of-month month day-of-week year)`, expanded to sorted value lists. */
export interface CronExpression {
  kind: 'cron';
  minutes: readonly number[];
  hours: readonly number[];
  days: CronDays;
  months: readonly number[];
  years: readonly number[];
  text: string;
}

/** A parsed schedule expression. */
export type ScheduleExpression = AtExpression | RateExpression | CronExpression;

/** Either the expression or every problem found, each saying what was expected and what was found. */
export type ScheduleParseResult =
  | { ok: true; expression: ScheduleExpression }
  | { ok: false; errors: string[] };

/** Where and when a scheduled action may fire. */
export interface ScheduleWindow {
  /** IANA zone name (e.g. `Europe/Berlin`): cron and at fields are wall-clock times there. */
  timezone: string;
  /** Epoch ms, inclusive: no firing before it. */
  startTime?: number | undefined;
  /** Epoch ms, inclusive: no firing after it. */
  endTime?: number | undefined;
  /** Epoch ms: `rate()` fires at anchor + k * period (k >= 0); defaults to `startTime`. */
  rateAnchor?: number | undefined;
}
