import { describe, expect, it } from 'vitest';
import {
  FORECAST_RULES,
  forecastLoad,
  historyWindowFor,
} from '../../../../shared/domain/forecast/forecast-load.ts';
import { HOUR, MONDAY, minutePoints, typicalHour } from './weekly-pattern.ts';

const DAY = 24 * HOUR;
const origin = MONDAY + 21 * DAY;
/** Three weeks of the pattern at one-minute resolution, up to the origin. */
const points = minutePoints(MONDAY, origin);

function forecastOf(outcome: ReturnType<typeof forecastLoad>) {
  if (outcome.kind !== 'forecast') throw new Error(`expected a forecast, got: ${outcome.reason}`);
  return outcome.forecast;
}

describe('forecastLoad', () => {
  it('forecasts 48 hourly intervals from the whole hour it is asked at, in requests and requests per minute', () => {
    const forecast = forecastOf(
      forecastLoad({ history: { periodMs: 60_000, points }, at: origin + 17 * 60_000 }),
    );
    expect(forecast.origin).toBe(origin);
    expect(forecast.intervalMs).toBe(HOUR);
    expect(forecast.intervals).toHaveLength(48);
    for (const [i, interval] of forecast.intervals.entries()) {
      expect(interval.start).toBe(origin + i * HOUR);
      expect(interval.end).toBe(origin + (i + 1) * HOUR);
      expect(interval.requests).toBeCloseTo(typicalHour(interval.start), 6);
      expect(interval.requestsPerMinute).toBeCloseTo(interval.requests / 60, 9);
    }
  });

  it('learns from the 14 days before the origin and no more', () => {
    const forecast = forecastOf(forecastLoad({ history: { periodMs: 60_000, points }, at: origin }));
    expect(forecast.history).toEqual({ from: origin - 14 * DAY, to: origin, hours: 336, hoursWithData: 336 });
  });

  it('never looks past the time it is asked at', () => {
    const future = minutePoints(origin, origin + 2 * DAY, () => 1e9);
    const blind = forecastLoad({ history: { periodMs: 60_000, points }, at: origin });
    const tempted = forecastLoad({
      history: { periodMs: 60_000, points: [...points, ...future] },
      at: origin,
    });
    expect(tempted).toEqual(blind);
  });

  it('starts the history at the first whole hour of data', () => {
    const late = points.filter((point) => point.time >= origin - 2 * DAY - 30 * 60_000);
    const forecast = forecastOf(forecastLoad({ history: { periodMs: 60_000, points: late }, at: origin }));
    expect(forecast.history.from).toBe(origin - 2 * DAY);
    expect(forecast.history.hours).toBe(48);
  });

  it('makes no forecast from fewer than 24 hours with data, and says why', () => {
    const day = points.filter((point) => point.time >= origin - DAY);
    const outcome = forecastLoad({ history: { periodMs: 60_000, points: day.slice(60) }, at: origin });
    expect(outcome).toEqual({
      kind: 'not-enough-history',
      history: { from: origin - 23 * HOUR, to: origin, hours: 23, hoursWithData: 23 },
      neededHours: 24,
      reason:
        'not enough history: 23 hours with data in the 14 days before 2024-01-22T00:00:00Z; a forecast needs 24',
    });
    expect(forecastLoad({ history: { periodMs: 60_000, points: day }, at: origin }).kind).toBe('forecast');
  });

  it('counts hours with data, not hours of window: a long gap leaves too little', () => {
    const sparse = points.filter(
      (point) => point.time >= origin - 3 * DAY && point.time < origin - 3 * DAY + 20 * HOUR,
    );
    const outcome = forecastLoad({ history: { periodMs: 60_000, points: sparse }, at: origin });
    expect(outcome.kind).toBe('not-enough-history');
    expect(outcome.kind === 'not-enough-history' && outcome.history).toEqual({
      from: origin - 3 * DAY,
      to: origin,
      hours: 72,
      hoursWithData: 20,
    });
  });

  it('has nothing to learn from an empty history', () => {
    const outcome = forecastLoad({ history: { periodMs: 60_000, points: [] }, at: origin });
    expect(outcome.kind === 'not-enough-history' && outcome.history.hours).toBe(0);
  });

  it('forecasts the horizon asked for, from 1 to 168 hours, and refuses others', () => {
    const history = { periodMs: 60_000, points };
    expect(forecastOf(forecastLoad({ history, at: origin, horizonHours: 1 })).intervals).toHaveLength(1);
    expect(forecastOf(forecastLoad({ history, at: origin, horizonHours: 168 })).intervals).toHaveLength(168);
    for (const horizonHours of [0, 1.5, 169, Number.NaN]) {
      expect(() => forecastLoad({ history, at: origin, horizonHours })).toThrow(
        `forecast horizon: expected a whole number of hours from 1 to 168, found ${horizonHours}`,
      );
    }
    expect(FORECAST_RULES.defaultHorizonHours).toBe(48);
  });
});

describe('historyWindowFor', () => {
  it('is empty when every point lies at or after the origin', () => {
    expect(historyWindowFor({ periodMs: 60_000, points: [{ time: origin, requests: 1 }] }, origin)).toEqual({
      from: origin,
      to: origin,
    });
  });
});
