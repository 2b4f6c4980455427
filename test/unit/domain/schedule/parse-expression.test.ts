import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../../shared/domain/schedule/index.ts';
import { errorsOf, parse, parseCronText } from './schedule-helpers.ts';

describe('parseScheduleExpression: cron', () => {
  it('expands lists, ranges, steps and names into sorted values', () => {
    const cron = parseCronText('cron(30,0 9-11 ? jan/4 mon-wed,FRI 2026,2028-2030/2)');
    expect(cron.minutes).toEqual([0, 30]);
    expect(cron.hours).toEqual([9, 10, 11]);
    expect(cron.months).toEqual([1, 5, 9]);
    expect(cron.days).toEqual({ kind: 'weekdays', weekdays: [2, 3, 4, 6] });
    expect(cron.years).toEqual([2026, 2028, 2030]);
    expect(cron.text).toBe('cron(30,0 9-11 ? jan/4 mon-wed,FRI 2026,2028-2030/2)');
  });

  it('reads * as every value of the field and a/s as a to the end of the field', () => {
    const cron = parseCronText('cron(*/20 * 1/10 * ? *)');
    expect(cron.minutes).toEqual([0, 20, 40]);
    expect(cron.hours).toHaveLength(24);
    expect(cron.days).toEqual({ kind: 'daysOfMonth', days: [1, 11, 21, 31] });
    expect(cron.months).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(cron.years).toHaveLength(230);
  });

  it('reads the day-field specials L, LW, nW, lone L (Saturday), nL and n#k', () => {
    expect(parseCronText('cron(0 0 L * ? *)').days).toEqual({ kind: 'lastDayOfMonth' });
    expect(parseCronText('cron(0 0 lw * ? *)').days).toEqual({ kind: 'lastWeekdayOfMonth' });
    expect(parseCronText('cron(0 0 15W * ? *)').days).toEqual({ kind: 'nearestWeekday', day: 15 });
    expect(parseCronText('cron(0 0 ? * L *)').days).toEqual({ kind: 'weekdays', weekdays: [7] });
    expect(parseCronText('cron(0 0 ? * 5L *)').days).toEqual({ kind: 'lastInMonth', weekday: 5 });
    expect(parseCronText('cron(0 0 ? * friL *)').days).toEqual({ kind: 'lastInMonth', weekday: 6 });
    expect(parseCronText('cron(0 0 ? * MON#2 *)').days).toEqual({ kind: 'nthInMonth', weekday: 2, nth: 2 });
  });

  it('tolerates surrounding and repeated whitespace', () => {
    expect(parse('  cron( 0  9 * * ? * )  ').kind).toBe('cron');
  });

  it('rejects a cron without exactly six fields', () => {
    expect(errorsOf('cron(0 9 * * ?)')).toEqual([
      "cron: expected 6 fields (minutes hours day-of-month month day-of-week year), found 5 in '0 9 * * ?'",
    ]);
    expect(errorsOf('cron(0 9 * * ? * *)')[0]).toContain('found 7');
  });

  it('rejects both day fields set, and both day fields ?', () => {
    expect(errorsOf('cron(0 0 1 * MON *)')).toEqual([
      "cron day-of-month and day-of-week: exactly one must be '?' (found '1' and 'MON')",
    ]);
    expect(errorsOf('cron(0 0 * * * *)')[0]).toContain("(found '*' and '*')");
    expect(errorsOf('cron(0 0 ? * ? *)')[0]).toContain("(found '?' and '?')");
  });

  it('rejects values outside each field, saying the bounds', () => {
    expect(errorsOf('cron(60 0 * * ? *)')).toEqual(["cron minutes: expected 0-59, found '60'"]);
    expect(errorsOf('cron(0 24 * * ? *)')).toEqual(["cron hours: expected 0-23, found '24'"]);
    expect(errorsOf('cron(0 0 32 * ? *)')).toEqual(["cron day-of-month: expected 1-31, found '32'"]);
    expect(errorsOf('cron(0 0 0 * ? *)')).toEqual(["cron day-of-month: expected 1-31, found '0'"]);
    expect(errorsOf('cron(0 0 * 13 ? *)')).toEqual(["cron month: expected 1-12 or JAN-DEC, found '13'"]);
    expect(errorsOf('cron(0 0 ? * 0 *)')).toEqual(["cron day-of-week: expected 1-7 or SUN-SAT, found '0'"]);
    expect(errorsOf('cron(0 0 ? * 8 *)')).toEqual(["cron day-of-week: expected 1-7 or SUN-SAT, found '8'"]);
  });

  it('rejects years outside 1970-2199', () => {
    expect(errorsOf('cron(0 0 * * ? 1969)')).toEqual(["cron year: expected 1970-2199, found '1969'"]);
    expect(errorsOf('cron(0 0 * * ? 2100-2200)')).toEqual([
      "cron year: expected 1970-2199, found '2200' in '2100-2200'",
    ]);
  });

  it('rejects unknown names and names in fields that have none', () => {
    expect(errorsOf('cron(0 0 * JANUARY ? *)')).toEqual([
      "cron month: expected 1-12 or JAN-DEC, found 'JANUARY'",
    ]);
    expect(errorsOf('cron(0 0 ? * MON-FUN *)')).toEqual([
      "cron day-of-week: expected 1-7 or SUN-SAT, found 'FUN' in 'MON-FUN'",
    ]);
    expect(errorsOf('cron(MON 0 * * ? *)')).toEqual(["cron minutes: expected 0-59, found 'MON'"]);
  });

  it('rejects descending and malformed ranges', () => {
    expect(errorsOf('cron(0 17-9 * * ? *)')).toEqual([
      "cron hours: expected an ascending range (17 is after 9), found '17-9'",
    ]);
    expect(errorsOf('cron(1-2-3 0 * * ? *)')).toEqual(["cron minutes: expected a range a-b, found '1-2-3'"]);
    expect(errorsOf('cron(0 0 * * ? 2026-x)')).toEqual([
      "cron year: expected 1970-2199, found 'x' in '2026-x'",
    ]);
    expect(errorsOf('cron(0,,30 0 * * ? *)')).toEqual(["cron minutes: expected 0-59, found ''"]);
  });

  it('rejects steps of zero, past the field span, non-numeric, or repeated', () => {
    expect(errorsOf('cron(*/0 0 * * ? *)')).toEqual([
      "cron minutes: expected a step 1-59, found '0' in '*/0'",
    ]);
    expect(errorsOf('cron(0/60 0 * * ? *)')).toEqual([
      "cron minutes: expected a step 1-59, found '60' in '0/60'",
    ]);
    expect(errorsOf('cron(0 */x * * ? *)')).toEqual(["cron hours: expected a step 1-23, found 'x' in '*/x'"]);
    expect(errorsOf('cron(0 1/2/3 * * ? *)')).toEqual(["cron hours: expected at most one /, found '1/2/3'"]);
  });

  it('rejects wildcards a field does not take, naming what it does take', () => {
    expect(errorsOf('cron(? 0 * * ? *)')).toEqual(["cron minutes: expected , - * /, found '?' in '?'"]);
    expect(errorsOf('cron(0 0 1#2 * ? *)')).toEqual([
      "cron day-of-month: expected , - * /, or ? L LW nW alone, found '#' in '1#2'",
    ]);
    // AWS's table gives day-of-week no `/`.
    expect(errorsOf('cron(0 0 ? * 1/2 *)')).toEqual([
      "cron day-of-week: expected , - *, or ? L nL n#k alone, found '/' in '1/2'",
    ]);
    expect(errorsOf('cron(0 0 ? * 2,5L *)')).toEqual([
      "cron day-of-week: expected 1-7 or SUN-SAT, found '5L'",
    ]);
  });

  it('rejects malformed nW, nL and n#k', () => {
    expect(errorsOf('cron(0 0 32W * ? *)')).toEqual([
      "cron day-of-month: expected nW with n 1-31, found '32W'",
    ]);
    expect(errorsOf('cron(0 0 0W * ? *)')).toEqual([
      "cron day-of-month: expected nW with n 1-31, found '0W'",
    ]);
    expect(errorsOf('cron(0 0 ? * 8L *)')).toEqual([
      "cron day-of-week: expected nL with n 1-7 or SUN-SAT, found '8L'",
    ]);
    const nth = 'cron day-of-week: expected n#k with n 1-7 or SUN-SAT and k 1-5';
    expect(errorsOf('cron(0 0 ? * 2#6 *)')).toEqual([`${nth}, found '2#6'`]);
    expect(errorsOf('cron(0 0 ? * 2#0 *)')).toEqual([`${nth}, found '2#0'`]);
    expect(errorsOf('cron(0 0 ? * 8#1 *)')).toEqual([`${nth}, found '8#1'`]);
    expect(errorsOf('cron(0 0 ? * 2#1#1 *)')).toEqual([`${nth}, found '2#1#1'`]);
    expect(errorsOf('cron(0 0 ? * 2# *)')).toEqual([`${nth}, found '2#'`]);
  });

  it('reports every bad field at once', () => {
    expect(errorsOf('cron(60 24 1 13 MON 1969)')).toEqual([
      "cron minutes: expected 0-59, found '60'",
      "cron hours: expected 0-23, found '24'",
      "cron day-of-month and day-of-week: exactly one must be '?' (found '1' and 'MON')",
      "cron month: expected 1-12 or JAN-DEC, found '13'",
      "cron year: expected 1970-2199, found '1969'",
    ]);
  });
});

describe('parseScheduleExpression: rate', () => {
  it('reads a singular unit for 1 and a plural one above, with the period in ms', () => {
    expect(parse('rate(1 minute)')).toEqual({
      kind: 'rate',
      value: 1,
      unit: 'minute',
      periodMs: 60_000,
      text: 'rate(1 minute)',
    });
    expect(parse('rate(2 hours)')).toMatchObject({ value: 2, unit: 'hour', periodMs: 7_200_000 });
    expect(parse('rate(3 days)')).toMatchObject({ value: 3, unit: 'day', periodMs: 259_200_000 });
  });

  it('rejects a plural unit for 1 and a singular one above 1, as AWS does', () => {
    expect(errorsOf('rate(1 minutes)')).toEqual([
      "rate unit: expected 'minute' for a value of 1, found 'minutes'",
    ]);
    expect(errorsOf('rate(5 minute)')).toEqual([
      "rate unit: expected 'minutes' for a value of 5, found 'minute'",
    ]);
    expect(errorsOf('rate(1 days)')).toEqual(["rate unit: expected 'day' for a value of 1, found 'days'"]);
  });

  it('rejects values that are not positive whole numbers', () => {
    const valueError = (found: string) =>
      `rate value: expected a positive whole number (at most 8 digits), found '${found}'`;
    expect(errorsOf('rate(0 minutes)')).toEqual([valueError('0')]);
    expect(errorsOf('rate(-5 minutes)')).toEqual([valueError('-5')]);
    expect(errorsOf('rate(1.5 hours)')).toEqual([valueError('1.5')]);
    expect(errorsOf('rate(123456789 days)')).toEqual([valueError('123456789')]);
  });

  it('rejects unknown units and a wrong number of words', () => {
    expect(errorsOf('rate(2 weeks)')).toEqual([
      "rate unit: expected minute(s), hour(s) or day(s), found 'weeks'",
    ]);
    expect(errorsOf('rate(x constructor)')).toHaveLength(2);
    expect(errorsOf('rate(5)')).toEqual(["rate: expected rate(value unit), found 'rate(5)'"]);
    expect(errorsOf('rate(5 minutes now)')).toEqual([
      "rate: expected rate(value unit), found 'rate(5 minutes now)'",
    ]);
  });
});

describe('parseScheduleExpression: at', () => {
  it('reads the wall-clock fields of at(yyyy-mm-ddThh:mm:ss)', () => {
    expect(parse('at(2026-03-29T02:30:15)')).toEqual({
      kind: 'at',
      year: 2026,
      month: 3,
      day: 29,
      hour: 2,
      minute: 30,
      second: 15,
      text: 'at(2026-03-29T02:30:15)',
    });
  });

  it('rejects another date-time shape', () => {
    const shapeError = (text: string) => [`at: expected at(yyyy-mm-ddThh:mm:ss), found '${text}'`];
    expect(errorsOf('at(2026-1-1T00:00:00)')).toEqual(shapeError('at(2026-1-1T00:00:00)'));
    expect(errorsOf('at(2026-01-01 00:00:00)')).toEqual(shapeError('at(2026-01-01 00:00:00)'));
    expect(errorsOf('at(2026-01-01T00:00)')).toEqual(shapeError('at(2026-01-01T00:00)'));
  });

  it('rejects fields out of range, including a day the month does not have', () => {
    expect(errorsOf('at(2026-13-01T00:00:00)')).toEqual([
      "at month: expected 1-12, found 13 in 'at(2026-13-01T00:00:00)'",
    ]);
    expect(errorsOf('at(2026-02-29T00:00:00)')).toEqual([
      "at day: expected 1-28, found 29 in 'at(2026-02-29T00:00:00)'",
    ]);
    expect(errorsOf('at(2028-02-29T00:00:00)')).toEqual([]);
    expect(errorsOf('at(2026-01-00T24:60:60)')).toEqual([
      "at day: expected 1-31, found 0 in 'at(2026-01-00T24:60:60)'",
      "at hour: expected 0-23, found 24 in 'at(2026-01-00T24:60:60)'",
      "at minute: expected 0-59, found 60 in 'at(2026-01-00T24:60:60)'",
      "at second: expected 0-59, found 60 in 'at(2026-01-00T24:60:60)'",
    ]);
  });

  it('rejects years outside 1970-2199, as for cron', () => {
    expect(errorsOf('at(1969-12-31T23:59:59)')[0]).toBe(
      "at year: expected 1970-2199, found 1969 in 'at(1969-12-31T23:59:59)'",
    );
    expect(errorsOf('at(2200-01-01T00:00:00)')[0]).toContain('found 2200');
  });
});

describe('parseScheduleExpression: other text', () => {
  it('rejects anything that is not at(...), rate(...) or cron(...)', () => {
    const error = (text: string) => [`schedule: expected at(...), rate(...) or cron(...), found '${text}'`];
    expect(errorsOf('every(5 minutes)')).toEqual(error('every(5 minutes)'));
    expect(errorsOf('cron 0 9 * * ? *')).toEqual(error('cron 0 9 * * ? *'));
    expect(errorsOf('CRON(0 9 * * ? *)')).toEqual(error('CRON(0 9 * * ? *)'));
    expect(errorsOf('(0 9 * * ? *)')).toEqual(error('(0 9 * * ? *)'));
    expect(errorsOf('rate(5 minutes')).toEqual(error('rate(5 minutes'));
    expect(errorsOf('')).toEqual(error(''));
  });

  it('never throws, whatever the text', () => {
    const token = fc.stringMatching(/^[0-9A-Z*?,/#LW-]{0,6}$/);
    const cronLike = fc
      .array(token, { minLength: 5, maxLength: 7 })
      .map((fields) => `cron(${fields.join(' ')})`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), cronLike), (text) => {
        const result = parseScheduleExpression(text);
        expect(result.ok ? result.expression.text : result.errors.length).toBeTruthy();
      }),
    );
  });
});
