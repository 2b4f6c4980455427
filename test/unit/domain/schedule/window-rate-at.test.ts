import { describe, expect, it } from 'vitest';
import {
  fireTimesBetween,
  isValidTimeZone,
  nextFireTime,
  RateAnchorMissingError,
} from '../../../../shared/domain/schedule/index.ts';
import { at, BERLIN, firings, next, parse, UTC } from './schedule-helpers.ts';

describe('window bounds', () => {
  const daily = 'cron(0 9 * * ? *)';
  const window = { timezone: 'UTC', startTime: at('2026-01-02T09:00Z'), endTime: at('2026-01-04T09:00Z') };

  it('includes firings exactly at startTime and endTime, and none outside them', () => {
    expect(firings(daily, window, '2026-01-01T00:00Z', '2026-01-10T00:00Z')).toEqual([
      '2026-01-02T09:00:00.000Z',
      '2026-01-03T09:00:00.000Z',
      '2026-01-04T09:00:00.000Z',
    ]);
  });

  it('gives the first firing at or after startTime when asked from before it', () => {
    expect(next(daily, window, '2025-06-01T00:00Z')).toBe('2026-01-02T09:00:00.000Z');
  });

  it('has no next firing once endTime has passed', () => {
    expect(next(daily, window, '2026-01-04T09:00Z')).toBeUndefined();
  });

  it('lists only firings in [from, to): from included, to excluded', () => {
    expect(firings(daily, UTC, '2026-01-02T09:00Z', '2026-01-04T09:00Z')).toEqual([
      '2026-01-02T09:00:00.000Z',
      '2026-01-03T09:00:00.000Z',
    ]);
    expect(firings(daily, UTC, '2026-01-04T00:00Z', '2026-01-02T00:00Z')).toEqual([]);
  });

  it('refuses an open-ended list, which a rate would never finish', () => {
    expect(() => fireTimesBetween(parse(daily), UTC, 0, Number.POSITIVE_INFINITY)).toThrow(
      "fireTimesBetween: expected a finite 'to', found Infinity",
    );
  });

  it('throws a RangeError for a time zone Intl does not know', () => {
    expect(() => nextFireTime(parse(daily), { timezone: 'Mars/Olympus_Mons' }, 0)).toThrow(RangeError);
  });
});

describe('rate firings', () => {
  const fiveMinutes = 'rate(5 minutes)';

  it('counts from startTime, which fires itself, when there is no rateAnchor', () => {
    const window = { timezone: 'UTC', startTime: at('2026-01-01T10:02:30Z') };
    expect(firings(fiveMinutes, window, '2026-01-01T00:00Z', '2026-01-01T10:15Z')).toEqual([
      '2026-01-01T10:02:30.000Z',
      '2026-01-01T10:07:30.000Z',
      '2026-01-01T10:12:30.000Z',
    ]);
    expect(next(fiveMinutes, window, '2026-01-01T10:07:30Z')).toBe('2026-01-01T10:12:30.000Z');
  });

  it('counts from rateAnchor when given, still no firing before startTime', () => {
    const window = {
      timezone: 'UTC',
      startTime: at('2026-01-01T10:02Z'),
      rateAnchor: at('2026-01-01T10:00Z'),
    };
    expect(firings(fiveMinutes, window, '2026-01-01T00:00Z', '2026-01-01T10:15Z')).toEqual([
      '2026-01-01T10:05:00.000Z',
      '2026-01-01T10:10:00.000Z',
    ]);
  });

  it('never fires before its anchor', () => {
    const window = { timezone: 'UTC', rateAnchor: at('2026-01-01T10:00Z') };
    expect(next('rate(1 hour)', window, '2025-12-31T00:00Z')).toBe('2026-01-01T10:00:00.000Z');
    expect(next('rate(1 hour)', window, '2026-01-01T10:00Z')).toBe('2026-01-01T11:00:00.000Z');
  });

  it('stops at endTime', () => {
    const window = { timezone: 'UTC', startTime: at('2026-01-01T00:00Z'), endTime: at('2026-01-03T00:00Z') };
    expect(firings('rate(1 day)', window, '2025-01-01T00:00Z', '2027-01-01T00:00Z')).toHaveLength(3);
    expect(next('rate(1 day)', window, '2026-01-03T00:00Z')).toBeUndefined();
  });

  it('keeps 24 hours between daily firings across a daylight saving change: rate ignores the time zone', () => {
    const window = { timezone: 'Europe/Berlin', rateAnchor: at('2026-03-28T09:00Z') };
    expect(firings('rate(1 day)', window, '2026-03-28T00:00Z', '2026-03-31T00:00Z')).toEqual([
      '2026-03-28T09:00:00.000Z',
      '2026-03-29T09:00:00.000Z',
      '2026-03-30T09:00:00.000Z',
    ]);
  });

  it('computes a year of minutely firings arithmetically', () => {
    const window = { timezone: 'UTC', rateAnchor: at('2026-01-01T00:00Z') };
    expect(
      fireTimesBetween(parse('rate(1 minute)'), window, at('2026-01-01T00:00Z'), at('2027-01-01T00:00Z')),
    ).toHaveLength(525_600);
  });

  it('throws RateAnchorMissingError when the window has neither rateAnchor nor startTime', () => {
    expect(() => nextFireTime(parse(fiveMinutes), UTC, 0)).toThrow(RateAnchorMissingError);
    expect(() => fireTimesBetween(parse(fiveMinutes), UTC, 0, 1)).toThrow(
      "rate(5 minutes): a rate schedule counts from its window's rateAnchor or startTime, and neither is set",
    );
  });
});

describe('at firings', () => {
  const once = 'at(2026-01-15T09:00:30)';

  it('fires once, at the wall-clock time in the zone, seconds kept', () => {
    expect(next(once, BERLIN, '2026-01-01T00:00Z')).toBe('2026-01-15T08:00:30.000Z');
    expect(firings(once, BERLIN, '2026-01-01T00:00Z', '2027-01-01T00:00Z')).toEqual([
      '2026-01-15T08:00:30.000Z',
    ]);
  });

  it('has no next firing once its time has passed', () => {
    expect(next(once, BERLIN, '2026-01-15T08:00:30Z')).toBeUndefined();
  });

  it('does not fire outside the window', () => {
    expect(
      next(once, { timezone: 'Europe/Berlin', startTime: at('2026-01-16T00:00Z') }, '2026-01-01T00:00Z'),
    ).toBeUndefined();
    expect(
      next(once, { timezone: 'Europe/Berlin', endTime: at('2026-01-15T08:00Z') }, '2026-01-01T00:00Z'),
    ).toBeUndefined();
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zone names Intl knows', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
  });

  it('rejects unknown names, empty text and bare UTC offsets', () => {
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('+01:00')).toBe(false);
  });

  it('accepts aliases that are not in the canonical list, as a formatter does', () => {
    const canonical = new Set(Intl.supportedValuesOf('timeZone'));
    for (const alias of ['Etc/UTC', 'US/Pacific', 'europe/berlin']) {
      expect(canonical.has(alias)).toBe(false);
      expect(isValidTimeZone(alias)).toBe(true);
    }
  });

  it('agrees with Intl.DateTimeFormat on every canonical zone and on near misses', () => {
    const accepts = (name: string) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: name });
        return true;
      } catch {
        return false;
      }
    };
    const names = Intl.supportedValuesOf('timeZone');
    for (const name of [...names, ...names.map((zone) => `${zone}x`)])
      expect(isValidTimeZone(name), name).toBe(accepts(name));
  });
});
