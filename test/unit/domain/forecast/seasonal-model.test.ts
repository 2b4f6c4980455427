import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastSeries } from '../../../../shared/domain/forecast/seasonal-model.ts';
import { HOUR, MONDAY, patternHours, typicalHour } from './weekly-pattern.ts';

/** Two weeks of the pattern ending on a Monday at midnight, and what the next 48 hours hold. */
const origin = MONDAY + 14 * 24 * HOUR;
const history = patternHours(origin, 14 * 24);
const expected = Array.from({ length: 48 }, (_, h) => typicalHour(origin + h * HOUR));

/** WAPE of a forecast against what it should be, percent. */
function wape(forecast: number[], actual: number[]): number {
  let error = 0;
  let total = 0;
  actual.forEach((value, i) => {
    error += Math.abs((forecast[i] as number) - value);
    total += value;
  });
  return (100 * error) / total;
}

describe('forecastSeries', () => {
  it('repeats a clean daily and weekly pattern exactly, weekend and weekday alike', () => {
    const forecast = forecastSeries(history, 48);
    for (const [h, value] of forecast.entries()) expect(value).toBeCloseTo(expected[h] as number, 6);
  });

  it('stays close to the pattern when the forecast starts mid-day, with days that straddle midnight', () => {
    const at = origin + 10 * HOUR;
    const actual = Array.from({ length: 48 }, (_, h) => typicalHour(at + h * HOUR));
    expect(wape(forecastSeries(patternHours(at, 14 * 24), 48), actual)).toBeLessThan(5);
  });

  it('keeps a one-off spike (a launch day) out of the same weekday next week, where seasonal-naive copies it', () => {
    const spiked = [...history];
    // Monday one week before the origin, 10:00-18:00: four times the usual load.
    for (let hour = 10; hour < 18; hour++) spiked[7 * 24 + hour] = 4 * (history[7 * 24 + hour] as number);
    const clean = forecastSeries(history, 24);
    const withSpike = forecastSeries(spiked, 24);
    for (let hour = 10; hour < 18; hour++) {
      expect(withSpike[hour]).toBeLessThan(1.03 * (clean[hour] as number));
      expect(spiked[7 * 24 + hour]).toBeGreaterThan(3.9 * (clean[hour] as number));
    }
  });

  it('forecasts through missing hours and a whole missing day as if they were there', () => {
    const holed = history.map((value, i) => ((i * 7919) % 5 === 0 ? undefined : value));
    for (let i = 3 * 24; i < 4 * 24; i++) holed[i] = undefined;
    expect(wape(forecastSeries(holed, 48), expected)).toBeLessThan(2);
  });

  /** The next day's forecast total over the pattern's, when the history ran at `factor` from day `from` on. */
  function riseFollowed(from: number, factor: number): number {
    const risen = history.map((value, i) => (i >= from * 24 ? factor * value : value));
    const forecast = forecastSeries(risen, 24);
    return forecast.reduce((a, b) => a + b, 0) / expected.slice(0, 24).reduce((a, b) => a + b, 0);
  }

  it('follows a rise in level that lasted a week almost in full', () => {
    expect(riseFollowed(7, 1.3)).toBeGreaterThan(1.25);
    expect(riseFollowed(7, 1.3)).toBeLessThan(1.31);
  });

  it('follows a three-day rise part of the way: two weeks cannot tell a new level from busier weekdays', () => {
    // Friday to Sunday ran 30 % higher in the second week only: half of that is read as those
    // weekdays being busier than in the first week, the other half as a higher level.
    expect(riseFollowed(11, 1.3)).toBeGreaterThan(1.08);
    expect(riseFollowed(11, 1.3)).toBeLessThan(1.2);
  });

  it('with exactly one day of history, repeats that day', () => {
    const day = patternHours(origin, 24);
    expect(forecastSeries(day, 24)).toEqual(day);
  });

  it('with less than a day, forecasts a flat robust level that a burst moves only by the clamp', () => {
    const forecast = forecastSeries([100, 120, 80, 5000], 3);
    expect(new Set(forecast).size).toBe(1);
    expect(forecast[0]).toBeGreaterThan(80);
    // The burst counts as the median (110) x 1.5 at most.
    expect(forecast[0]).toBeLessThan(165);
  });

  it('forecasts nothing from nothing', () => {
    expect(forecastSeries([undefined, undefined], 2)).toEqual([0, 0]);
    expect(forecastSeries([], 1)).toEqual([0]);
  });

  it('keeps quiet hours at zero and leaves out a day without any traffic', () => {
    const nightsOff = history.map((value, i) => (i % 24 < 6 ? 0 : value));
    for (let i = 2 * 24; i < 3 * 24; i++) nightsOff[i] = 0;
    const forecast = forecastSeries(nightsOff, 24);
    const actual = expected.slice(0, 24).map((value, h) => (h < 6 ? 0 : value));
    expect(forecast.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(wape(forecast, actual)).toBeLessThan(2);
  });

  it('forecasts an hour of the day that was never measured from the mean of what was', () => {
    const blind = history.map((value, i) => (i % 24 === 5 ? undefined : value));
    const forecast = forecastSeries(blind, 24);
    const known = blind.filter((value): value is number => value !== undefined);
    const mean = known.reduce((a, b) => a + b, 0) / known.length;
    expect(forecast[5]).toBeGreaterThan(0.9 * mean);
    expect(forecast[5]).toBeLessThan(1.2 * mean);
    expect(
      wape(
        forecast.filter((_, h) => h !== 5),
        expected.slice(0, 24).filter((_, h) => h !== 5),
      ),
    ).toBeLessThan(1);
  });

  it('never forecasts a negative or non-finite load, and gives as many intervals as asked', () => {
    const value = fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: undefined });
    fc.assert(
      fc.property(fc.array(value, { maxLength: 400 }), fc.integer({ min: 1, max: 60 }), (values, horizon) => {
        const forecast = forecastSeries(values, horizon);
        expect(forecast).toHaveLength(horizon);
        for (const f of forecast) expect(Number.isFinite(f) && f >= 0).toBe(true);
      }),
    );
  });

  it('scales with the load: k times the history gives k times the forecast', () => {
    const value = fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 2, max: 50 }),
        (values, k) => {
          const base = forecastSeries(values, 24);
          const scaled = forecastSeries(
            values.map((v) => (v === undefined ? undefined : v * k)),
            24,
          );
          for (const [i, f] of scaled.entries()) {
            const want = k * (base[i] as number);
            expect(Math.abs(f - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
          }
        },
      ),
    );
  });
});
