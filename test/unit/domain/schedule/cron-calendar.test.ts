import { describe, expect, it } from 'vitest';
import { firings, next, UTC } from './schedule-helpers.ts';

describe('cron firings: minutes, hours, months and years', () => {
  it('fires at every listed minute of every listed hour (,)', () => {
    expect(firings('cron(0,30 9,17 * * ? *)', UTC, '2026-01-01T00:00Z', '2026-01-02T00:00Z')).toEqual([
      '2026-01-01T09:00:00.000Z',
      '2026-01-01T09:30:00.000Z',
      '2026-01-01T17:00:00.000Z',
      '2026-01-01T17:30:00.000Z',
    ]);
  });

  it('fires every minute of the hour for * and on the step for a-b/s and */s', () => {
    expect(firings('cron(* 9 1 1 ? 2026)', UTC, '2026-01-01T00:00Z', '2027-01-01T00:00Z')).toHaveLength(60);
    expect(firings('cron(10-50/20 9 1 1 ? 2026)', UTC, '2026-01-01T00:00Z', '2026-01-02T00:00Z')).toEqual([
      '2026-01-01T09:10:00.000Z',
      '2026-01-01T09:30:00.000Z',
      '2026-01-01T09:50:00.000Z',
    ]);
    expect(firings('cron(0 */8 1 1 ? 2026)', UTC, '2026-01-01T00:00Z', '2026-01-02T00:00Z')).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T08:00:00.000Z',
      '2026-01-01T16:00:00.000Z',
    ]);
  });

  it('fires only in the stepped months (JAN/4 = January, May, September)', () => {
    expect(firings('cron(0 0 1 JAN/4 ? *)', UTC, '2026-01-01T00:00Z', '2027-01-01T00:00Z')).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-05-01T00:00:00.000Z',
      '2026-09-01T00:00:00.000Z',
    ]);
  });

  it('fires only in the listed years and has no firing after the last one', () => {
    const cron = 'cron(0 0 1 1 ? 2027,2029-2030)';
    expect(firings(cron, UTC, '2026-01-01T00:00Z', '2031-01-01T00:00Z')).toEqual([
      '2027-01-01T00:00:00.000Z',
      '2029-01-01T00:00:00.000Z',
      '2030-01-01T00:00:00.000Z',
    ]);
    expect(next(cron, UTC, '2030-01-01T00:00Z')).toBeUndefined();
  });

  it('has no firing after 2199, the last cron year', () => {
    expect(next('cron(0 0 1 1 ? *)', UTC, '2199-01-01T00:00Z')).toBeUndefined();
    expect(next('cron(59 23 31 12 ? *)', UTC, '2199-12-31T23:58Z')).toBe('2199-12-31T23:59:00.000Z');
  });

  it('fires strictly after the given instant, on whole minutes', () => {
    expect(next('cron(0 9 * * ? *)', UTC, '2026-01-01T09:00Z')).toBe('2026-01-02T09:00:00.000Z');
    expect(next('cron(0 9 * * ? *)', UTC, '2026-01-01T08:59:59.999Z')).toBe('2026-01-01T09:00:00.000Z');
    expect(next('cron(* * * * ? *)', UTC, '2026-01-01T09:00:00.001Z')).toBe('2026-01-01T09:01:00.000Z');
  });

  it('finds the first firing of a later month and year without visiting the days between', () => {
    expect(next('cron(15 6 29 FEB ? *)', UTC, '2026-03-01T00:00Z')).toBe('2028-02-29T06:15:00.000Z');
  });

  it('never fires for a day no month has in the listed months (30 FEB)', () => {
    expect(next('cron(0 0 30 2 ? *)', UTC, '2026-01-01T00:00Z')).toBeUndefined();
  });

  it('starts from the cron years when asked about instants before 1970', () => {
    expect(next('cron(0 0 1 1 ? 1970)', UTC, '1960-01-01T00:00Z')).toBe('1970-01-01T00:00:00.000Z');
    expect(next('cron(0 0 1 1 ? 1970)', UTC, '-271821-04-20T00:00Z')).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('cron firings: day-of-month', () => {
  it('fires on listed and stepped days, skipping days the month lacks', () => {
    expect(firings('cron(0 0 1/10 * ? *)', UTC, '2026-02-01T00:00Z', '2026-04-01T00:00Z')).toEqual([
      '2026-02-01T00:00:00.000Z',
      '2026-02-11T00:00:00.000Z',
      '2026-02-21T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
      '2026-03-11T00:00:00.000Z',
      '2026-03-21T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ]);
  });

  it('fires on the last day of each month for L, leap years included', () => {
    expect(firings('cron(0 12 L 2 ? *)', UTC, '2026-01-01T00:00Z', '2029-01-01T00:00Z')).toEqual([
      '2026-02-28T12:00:00.000Z',
      '2027-02-28T12:00:00.000Z',
      '2028-02-29T12:00:00.000Z',
    ]);
  });

  it('fires on the last Monday-Friday of the month for LW', () => {
    // 2026-01-31 is a Saturday, 2026-05-31 a Sunday, 2026-06-30 a Tuesday.
    expect(firings('cron(0 12 LW 1,5,6 ? 2026)', UTC, '2026-01-01T00:00Z', '2027-01-01T00:00Z')).toEqual([
      '2026-01-30T12:00:00.000Z',
      '2026-05-29T12:00:00.000Z',
      '2026-06-30T12:00:00.000Z',
    ]);
  });

  it('fires on the weekday nearest day n for nW, never leaving the month', () => {
    // 2026-03-15 is a Sunday -> Monday 16; 2026-08-15 a Saturday -> Friday 14; 2026-06-15 a Monday.
    expect(firings('cron(0 12 15W 3,6,8 ? 2026)', UTC, '2026-01-01T00:00Z', '2027-01-01T00:00Z')).toEqual([
      '2026-03-16T12:00:00.000Z',
      '2026-06-15T12:00:00.000Z',
      '2026-08-14T12:00:00.000Z',
    ]);
    // 2026-08-01 is a Saturday: the nearest weekday in August is Monday the 3rd, not July 31.
    expect(next('cron(0 12 1W 8 ? 2026)', UTC, '2026-01-01T00:00Z')).toBe('2026-08-03T12:00:00.000Z');
    // 2026-05-31 is a Sunday: the nearest weekday in May is Friday the 29th, not June 1.
    expect(next('cron(0 12 31W 5 ? 2026)', UTC, '2026-01-01T00:00Z')).toBe('2026-05-29T12:00:00.000Z');
  });

  it('skips months too short for nW (31W in April)', () => {
    expect(firings('cron(0 12 31W 4,7 ? 2026)', UTC, '2026-01-01T00:00Z', '2027-01-01T00:00Z')).toEqual([
      '2026-07-31T12:00:00.000Z',
    ]);
  });
});

describe('cron firings: day-of-week', () => {
  it('fires on the listed weekdays for ranges and names (MON-FRI)', () => {
    // 2026-01-03 is a Saturday.
    expect(firings('cron(0 9 ? * MON-FRI *)', UTC, '2026-01-03T00:00Z', '2026-01-10T00:00Z')).toEqual([
      '2026-01-05T09:00:00.000Z',
      '2026-01-06T09:00:00.000Z',
      '2026-01-07T09:00:00.000Z',
      '2026-01-08T09:00:00.000Z',
      '2026-01-09T09:00:00.000Z',
    ]);
  });

  it('numbers weekdays as AWS does, 1 = Sunday, and reads a lone L as 7 = Saturday', () => {
    expect(next('cron(0 9 ? * 1 *)', UTC, '2026-01-01T00:00Z')).toBe('2026-01-04T09:00:00.000Z');
    expect(next('cron(0 9 ? * L *)', UTC, '2026-01-01T00:00Z')).toBe('2026-01-03T09:00:00.000Z');
  });

  it('fires on the last given weekday of the month for nL (5L = last Thursday)', () => {
    expect(firings('cron(0 9 ? * 5L *)', UTC, '2026-01-01T00:00Z', '2026-04-01T00:00Z')).toEqual([
      '2026-01-29T09:00:00.000Z',
      '2026-02-26T09:00:00.000Z',
      '2026-03-26T09:00:00.000Z',
    ]);
    // 2026-03-31 is a Tuesday: the last Tuesday is the month's last day.
    expect(next('cron(0 9 ? 3 TUEL *)', UTC, '2026-01-01T00:00Z')).toBe('2026-03-31T09:00:00.000Z');
  });

  it('fires on the k-th given weekday for n#k, skipping months without one (6#5 = fifth Friday)', () => {
    expect(firings('cron(0 9 ? * 2#1 *)', UTC, '2026-01-01T00:00Z', '2026-03-01T00:00Z')).toEqual([
      '2026-01-05T09:00:00.000Z',
      '2026-02-02T09:00:00.000Z',
    ]);
    expect(firings('cron(0 9 ? * 6#5 *)', UTC, '2026-01-01T00:00Z', '2026-07-01T00:00Z')).toEqual([
      '2026-01-30T09:00:00.000Z',
      '2026-05-29T09:00:00.000Z',
    ]);
  });
});
