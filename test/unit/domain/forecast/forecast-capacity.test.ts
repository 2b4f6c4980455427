import { describe, expect, it } from 'vitest';
import { forecastCapacity } from '../../../../shared/domain/forecast/forecast-capacity.ts';
import type { LoadForecast } from '../../../../shared/domain/forecast/types.ts';
import { HOUR, MONDAY } from './weekly-pattern.ts';

function forecastOf(perMinute: number[]): LoadForecast {
  return {
    origin: MONDAY,
    intervalMs: HOUR,
    history: { from: MONDAY - 14 * 24 * HOUR, to: MONDAY, hours: 336, hoursWithData: 336 },
    intervals: perMinute.map((rate, i) => ({
      start: MONDAY + i * HOUR,
      end: MONDAY + (i + 1) * HOUR,
      requests: rate * 60,
      requestsPerMinute: rate,
    })),
  };
}

describe('forecastCapacity', () => {
  it('sizes each interval as ceil(forecast load per minute / targetValue)', () => {
    const capacity = forecastCapacity(forecastOf([41_000, 900, 901, 0]), 900);
    expect(capacity.map((interval) => interval.capacity)).toEqual([46, 1, 2, 0]);
    expect(capacity[0]).toEqual({
      start: MONDAY,
      end: MONDAY + HOUR,
      requestsPerMinute: 41_000,
      capacity: 46,
    });
  });

  it('adds no instance for rounding noise in a whole ratio', () => {
    // 1.1 / 0.1 is 11.000000000000002 in floating point: 11 instances carry it, not 12.
    expect(forecastCapacity(forecastOf([1.1, 1.1000001]), 0.1).map((interval) => interval.capacity)).toEqual([
      11, 12,
    ]);
  });

  it('refuses a targetValue that is not a number > 0', () => {
    for (const target of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => forecastCapacity(forecastOf([1]), target)).toThrow(
        `targetValue: expected a load per instance per minute > 0, found ${target}`,
      );
    }
  });
});
