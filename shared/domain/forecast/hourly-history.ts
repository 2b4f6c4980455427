/**
 * A load history as hourly totals: the series the seasonal model reads. An hour counts when at
 * least half of it was measured; its total is then scaled up to the whole hour (a partial hour
 * at the edge of a gap is not a quiet hour). Less than half measured is a missing hour.
 */
import type { LoadHistory } from './types.ts';

/** One hour, ms. */
export const HOUR_MS = 3_600_000;

/**
 * Hourly totals of `history` for the whole hours in [from, to) (both on hour boundaries),
 * `undefined` for an hour with less than half of it measured.
 *
 * @throws {RangeError} for a period that does not divide an hour, or a point whose request
 *   count is negative or not a number.
 */
export function hourlyTotals(history: LoadHistory, from: number, to: number): (number | undefined)[] {
  const { periodMs, points } = history;
  if (!(periodMs > 0) || HOUR_MS % periodMs !== 0) {
    throw new RangeError(
      `load history period: expected a length that divides an hour (e.g. 60000 ms), found ${periodMs} ms`,
    );
  }
  const hours = Math.max(0, Math.round((to - from) / HOUR_MS));
  const sums = new Float64Array(hours);
  const measured = new Float64Array(hours);
  points.forEach((point, index) => {
    if (!(Number.isFinite(point.requests) && point.requests >= 0)) {
      throw new RangeError(
        `load history point ${index}: expected a request count >= 0, found ${point.requests}`,
      );
    }
    if (point.time < from || point.time >= to) return;
    const hour = Math.floor((point.time - from) / HOUR_MS);
    sums[hour] = (sums[hour] as number) + point.requests;
    measured[hour] = (measured[hour] as number) + periodMs;
  });
  return Array.from(sums, (sum, hour) => {
    const covered = measured[hour] as number;
    return covered * 2 >= HOUR_MS ? (sum * HOUR_MS) / covered : undefined;
  });
}
