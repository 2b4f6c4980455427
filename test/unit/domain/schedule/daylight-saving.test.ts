import { describe, expect, it } from 'vitest';
import { localTimeAt } from '../../../../shared/domain/schedule/time-zone.ts';
import { BERLIN, firings, NEW_YORK, next } from './schedule-helpers.ts';

// EventBridge Scheduler: "When the time shifts forward in Spring, your schedule invocation gets
// skipped if the cron expression falls on a non-existent date and time. When the time shifts
// back in the Fall, your schedule runs only once and doesn't repeat its invocation."

describe('daylight saving in Europe/Berlin (CET +1, CEST +2)', () => {
  it('skips 02:30 on 2026-03-29, the day clocks jump from 02:00 to 03:00', () => {
    expect(firings('cron(30 2 * * ? *)', BERLIN, '2026-03-27T00:00Z', '2026-03-31T00:00Z')).toEqual([
      '2026-03-27T01:30:00.000Z',
      '2026-03-28T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('fires 02:30 once on 2026-10-25, at its first (CEST) occurrence', () => {
    expect(firings('cron(30 2 * * ? *)', BERLIN, '2026-10-23T00:00Z', '2026-10-27T00:00Z')).toEqual([
      '2026-10-23T00:30:00.000Z',
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('does not fire at the repeated 02:30 when asked from inside the repeated hour', () => {
    // 01:15Z on 2026-10-25 is 02:15 CET, the second pass through 02:xx.
    expect(next('cron(30 2 * * ? *)', BERLIN, '2026-10-25T01:15Z')).toBe('2026-10-26T01:30:00.000Z');
    expect(next('cron(45 2 * * ? *)', BERLIN, '2026-10-25T00:40Z')).toBe('2026-10-25T00:45:00.000Z');
  });

  it('runs an hourly cron 23 times on the spring day and 24 times on the autumn day', () => {
    expect(firings('cron(30 * * * ? *)', BERLIN, '2026-03-28T23:00Z', '2026-03-29T22:00Z')).toHaveLength(23);
    expect(firings('cron(30 * * * ? *)', BERLIN, '2026-10-24T22:00Z', '2026-10-25T23:00Z')).toHaveLength(24);
    expect(firings('cron(30 * * * ? *)', BERLIN, '2026-10-24T23:00Z', '2026-10-25T03:00Z')).toEqual([
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ]);
  });

  it('fires cron(0 18 ? * FRI *) at 17:00Z in winter and 16:00Z in summer', () => {
    expect(firings('cron(0 18 ? * FRI *)', BERLIN, '2026-03-20T00:00Z', '2026-04-04T00:00Z')).toEqual([
      '2026-03-20T17:00:00.000Z',
      '2026-03-27T17:00:00.000Z',
      '2026-04-03T16:00:00.000Z',
    ]);
    expect(firings('cron(0 18 ? * FRI *)', BERLIN, '2026-10-23T00:00Z', '2026-11-01T00:00Z')).toEqual([
      '2026-10-23T16:00:00.000Z',
      '2026-10-30T17:00:00.000Z',
    ]);
  });

  it('skips an at() time that does not exist and fires a repeated one at its first occurrence', () => {
    expect(next('at(2026-03-29T02:30:00)', BERLIN, '2026-01-01T00:00Z')).toBeUndefined();
    expect(firings('at(2026-03-29T02:30:00)', BERLIN, '2026-01-01T00:00Z', '2027-01-01T00:00Z')).toEqual([]);
    expect(next('at(2026-10-25T02:30:00)', BERLIN, '2026-01-01T00:00Z')).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('daylight saving in America/New_York (EST -5, EDT -4)', () => {
  it('skips 02:30 on 2026-03-08, the day clocks jump from 02:00 to 03:00', () => {
    expect(firings('cron(30 2 * * ? *)', NEW_YORK, '2026-03-07T00:00Z', '2026-03-10T00:00Z')).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
  });

  it('fires 01:30 once on 2026-11-01, at its first (EDT) occurrence', () => {
    expect(firings('cron(30 1 * * ? *)', NEW_YORK, '2026-10-31T00:00Z', '2026-11-03T00:00Z')).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
    // 06:10Z on 2026-11-01 is 01:10 EST, the second pass through 01:xx.
    expect(next('cron(30 1 * * ? *)', NEW_YORK, '2026-11-01T06:10Z')).toBe('2026-11-02T06:30:00.000Z');
  });

  it('keeps the wall-clock time of a daily cron across both changes', () => {
    const times = firings('cron(0 9 * * ? *)', NEW_YORK, '2026-01-01T00:00Z', '2027-01-01T00:00Z');
    expect(times).toHaveLength(365);
    expect(times).toContain('2026-03-07T14:00:00.000Z');
    expect(times).toContain('2026-03-08T13:00:00.000Z');
    expect(times).toContain('2026-10-31T13:00:00.000Z');
    expect(times).toContain('2026-11-01T14:00:00.000Z');
  });

  it('fires an at() in the repeated hour at its first occurrence', () => {
    expect(next('at(2026-11-01T01:30:00)', NEW_YORK, '2026-01-01T00:00Z')).toBe('2026-11-01T05:30:00.000Z');
    expect(next('at(2026-03-08T02:30:00)', NEW_YORK, '2026-01-01T00:00Z')).toBeUndefined();
  });
});

describe('daylight saving away from whole hours', () => {
  it('skips 02:15 when Australia/Lord_Howe moves from +10:30 to +11 at 02:00 on 2026-10-04', () => {
    const lordHowe = { timezone: 'Australia/Lord_Howe' };
    // Local 02:15 on the 3rd (+10:30), none on the 4th, then the 5th and 6th (+11).
    expect(firings('cron(15 2 * * ? *)', lordHowe, '2026-10-02T00:00Z', '2026-10-06T00:00Z')).toEqual([
      '2026-10-02T15:45:00.000Z',
      '2026-10-04T15:15:00.000Z',
      '2026-10-05T15:15:00.000Z',
    ]);
  });

  it('reads wall clocks in a zone without daylight saving (Asia/Kolkata, +05:30)', () => {
    expect(next('cron(0 9 * * ? *)', { timezone: 'Asia/Kolkata' }, '2026-06-01T00:00Z')).toBe(
      '2026-06-01T03:30:00.000Z',
    );
    expect(localTimeAt('Asia/Kolkata', Date.parse('2026-06-01T03:30:15Z'))).toEqual({
      year: 2026,
      month: 6,
      day: 1,
      hour: 9,
      minute: 0,
      second: 15,
    });
  });
});
