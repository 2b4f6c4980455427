/**
 * One cron field's list syntax (`,` `-` `*` `/` and names) expanded to sorted values, with the
 * bounds of the AWS cron table (EventBridge "Cron expressions reference").
 */

/** The bounds, names and error wording of one of the six cron fields. */
export interface CronFieldSpec {
  /** As an error names it: "cron day-of-week". */
  label: string;
  min: number;
  max: number;
  /** Names for min, min + 1, ... (upper case), e.g. JAN-DEC for the month field. */
  names?: readonly string[];
  /** What the field accepts, for the error text. */
  allowed: string;
  /** A character outside the field's list syntax. */
  stray: RegExp;
}

const LIST_ONLY = ', - * /';
const NOT_LIST = /[^0-9A-Za-z,*/-]/;

export const MINUTES: CronFieldSpec = {
  label: 'cron minutes',
  min: 0,
  max: 59,
  allowed: LIST_ONLY,
  stray: NOT_LIST,
};
export const HOURS: CronFieldSpec = {
  label: 'cron hours',
  min: 0,
  max: 23,
  allowed: LIST_ONLY,
  stray: NOT_LIST,
};
export const DAY_OF_MONTH: CronFieldSpec = {
  label: 'cron day-of-month',
  min: 1,
  max: 31,
  allowed: `${LIST_ONLY}, or ? L LW nW alone`,
  stray: NOT_LIST,
};
export const MONTH: CronFieldSpec = {
  label: 'cron month',
  min: 1,
  max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  allowed: LIST_ONLY,
  stray: NOT_LIST,
};
export const DAY_OF_WEEK: CronFieldSpec = {
  label: 'cron day-of-week',
  min: 1,
  max: 7,
  names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
  // AWS's table gives day-of-week no `/` (only `, - * ? L #`).
  allowed: ', - *, or ? L nL n#k alone',
  stray: /[^0-9A-Za-z,*-]/,
};
export const YEAR: CronFieldSpec = {
  label: 'cron year',
  min: 1970,
  max: 2199,
  allowed: LIST_ONLY,
  stray: NOT_LIST,
};

/** A field's values, or one message saying what was expected and what was found. */
export type FieldResult = { ok: true; values: number[] } | { ok: false; error: string };

function expectedValue(spec: CronFieldSpec): string {
  const names = spec.names;
  const range = `${spec.min}-${spec.max}`;
  return names === undefined ? range : `${range} or ${names[0]}-${names[names.length - 1]}`;
}

/** A single number or name in the field's bounds, else undefined. Names are case-insensitive. */
export function parseValue(token: string, spec: CronFieldSpec): number | undefined {
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    return value >= spec.min && value <= spec.max ? value : undefined;
  }
  const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  return index < 0 ? undefined : spec.min + index;
}

/** The values `a-b/s` stands for, or an error. */
function parseItem(item: string, spec: CronFieldSpec): FieldResult {
  const [base = '', step, extra] = item.split('/');
  const fail = (expected: string, found: string): FieldResult => ({
    ok: false,
    error: `${spec.label}: expected ${expected}, found '${found}'${found === item ? '' : ` in '${item}'`}`,
  });
  if (extra !== undefined) return fail('at most one /', item);
  let increment = 1;
  if (step !== undefined) {
    // A step past the field's span can only ever match its start: AWS (Quartz) rejects it.
    const span = spec.max - spec.min;
    increment = /^\d+$/.test(step) ? Number(step) : 0;
    if (increment < 1 || increment > span) return fail(`a step 1-${span}`, step);
  }
  let first = spec.min;
  let last = spec.max;
  if (base !== '*') {
    const [from = '', to, beyond] = base.split('-');
    if (beyond !== undefined) return fail('a range a-b', base);
    const start = parseValue(from, spec);
    if (start === undefined) return fail(expectedValue(spec), from);
    first = start;
    // `a/s` runs from a to the end of the field; a lone `a` is just a.
    last = step === undefined ? start : spec.max;
    if (to !== undefined) {
      const end = parseValue(to, spec);
      if (end === undefined) return fail(expectedValue(spec), to);
      if (end < start) return fail(`an ascending range (${from} is after ${to})`, base);
      last = end;
    }
  }
  const values: number[] = [];
  for (let value = first; value <= last; value += increment) values.push(value);
  return { ok: true, values };
}

/** Expands a list field (`,` `-` `*` `/`, numbers and names) into sorted unique values. */
export function parseListField(token: string, spec: CronFieldSpec): FieldResult {
  const stray = spec.stray.exec(token);
  if (stray !== null) {
    return { ok: false, error: `${spec.label}: expected ${spec.allowed}, found '${stray[0]}' in '${token}'` };
  }
  const values = new Set<number>();
  for (const item of token.split(',')) {
    const result = parseItem(item, spec);
    if (!result.ok) return result;
    for (const value of result.values) values.add(value);
  }
  return { ok: true, values: [...values].sort((a, b) => a - b) };
}
