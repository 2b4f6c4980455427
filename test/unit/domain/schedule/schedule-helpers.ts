import {
  type CronExpression,
  fireTimesBetween,
  nextFireTime,
  parseScheduleExpression,
  type ScheduleExpression,
  type ScheduleWindow,
} from '../../../../shared/domain/schedule/index.ts';

/** Parses an expression the test knows to be valid. */
export function parse(text: string): ScheduleExpression {
  const result = parseScheduleExpression(text);
  if (!result.ok) throw new Error(`test expression rejected: ${result.errors.join('; ')}`);
  return result.expression;
}

/** Parses a cron the test knows to be valid. */
export function parseCronText(text: string): CronExpression {
  const expression = parse(text);
  if (expression.kind !== 'cron') throw new Error(`not a cron: ${text}`);
  return expression;
}

/** The errors of an expression the test knows to be invalid. */
export function errorsOf(text: string): string[] {
  const result = parseScheduleExpression(text);
  return result.ok ? [] : result.errors;
}

export const at = (iso: string): number => Date.parse(iso);
export const iso = (instant: number | undefined): string | undefined =>
  instant === undefined ? undefined : new Date(instant).toISOString();

/** Firings in [from, to) as ISO strings, for readable expectations. */
export function firings(text: string, window: ScheduleWindow, from: string, to: string): string[] {
  return fireTimesBetween(parse(text), window, at(from), at(to)).map((instant) =>
    new Date(instant).toISOString(),
  );
}

/** The next firing after `after`, as an ISO string. */
export function next(text: string, window: ScheduleWindow, after: string): string | undefined {
  return iso(nextFireTime(parse(text), window, at(after)));
}

export const UTC: ScheduleWindow = { timezone: 'UTC' };
export const BERLIN: ScheduleWindow = { timezone: 'Europe/Berlin' };
export const NEW_YORK: ScheduleWindow = { timezone: 'America/New_York' };
