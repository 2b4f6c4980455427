import { describe, expect, it } from 'vitest';
import { hourlyTotals } from '../../../../shared/domain/forecast/hourly-history.ts';
import { HOUR, MONDAY } from './weekly-pattern.ts';

const minute = (hour: number, m: number, requests: number) => ({
  time: MONDAY + hour * HOUR + m * 60_000,
  requests,
});

describe('hourlyTotals', () => {
  it('sums the periods of each hour', () => {
    const points = Array.from({ length: 120 }, (_, m) => ({
      time: MONDAY + m * 60_000,
      requests: m < 60 ? 1 : 2,
    }));
    expect(hourlyTotals({ periodMs: 60_000, points }, MONDAY, MONDAY + 2 * HOUR)).toEqual([60, 120]);
  });

  it('scales an hour measured at least half-way up to the whole hour, and calls one measured less missing', () => {
    const half = Array.from({ length: 30 }, (_, m) => minute(0, m, 2));
    const less = Array.from({ length: 29 }, (_, m) => minute(1, m, 2));
    expect(hourlyTotals({ periodMs: 60_000, points: [...half, ...less] }, MONDAY, MONDAY + 3 * HOUR)).toEqual(
      [120, undefined, undefined],
    );
  });

  it('reads five-minute periods as well as one-minute ones', () => {
    const points = Array.from({ length: 12 }, (_, i) => ({ time: MONDAY + i * 300_000, requests: 50 }));
    expect(hourlyTotals({ periodMs: 300_000, points }, MONDAY, MONDAY + HOUR)).toEqual([600]);
  });

  it('leaves out points outside the window', () => {
    const points = [
      minute(-1, 0, 1000),
      ...Array.from({ length: 60 }, (_, m) => minute(0, m, 1)),
      minute(1, 0, 1000),
    ];
    expect(hourlyTotals({ periodMs: 60_000, points }, MONDAY, MONDAY + HOUR)).toEqual([60]);
  });

  it('refuses a period that does not divide an hour, and a count that is negative or not a number', () => {
    expect(() => hourlyTotals({ periodMs: 7 * 60_000, points: [] }, MONDAY, MONDAY + HOUR)).toThrow(
      'load history period: expected a length that divides an hour (e.g. 60000 ms), found 420000 ms',
    );
    expect(() => hourlyTotals({ periodMs: 0, points: [] }, MONDAY, MONDAY + HOUR)).toThrow(RangeError);
    expect(() =>
      hourlyTotals({ periodMs: 60_000, points: [minute(0, 0, -1)] }, MONDAY, MONDAY + HOUR),
    ).toThrow('load history point 0: expected a request count >= 0, found -1');
    expect(() =>
      hourlyTotals(
        { periodMs: 60_000, points: [minute(0, 0, 1), minute(0, 1, Number.NaN)] },
        MONDAY,
        MONDAY + HOUR,
      ),
    ).toThrow('load history point 1: expected a request count >= 0, found NaN');
  });
});
