/**
 * Synthetic hourly load with a daily and a weekly cycle, for the forecast tests: weekdays peak
 * at 14:00 at 1,000 requests an hour over a night of 200, weekends run at 60 % of that.
 */
export const HOUR = 3_600_000;
/** Monday 2024-01-01 00:00 UTC. */
export const MONDAY = Date.UTC(2024, 0, 1);

/** The pattern's requests in the hour starting at `time`. */
export function typicalHour(time: number): number {
  const hour = new Date(time).getUTCHours();
  const weekday = new Date(time).getUTCDay();
  const daily = 200 + 800 * Math.max(0, Math.cos(((hour - 14) / 24) * 2 * Math.PI)) ** 2;
  return weekday === 0 || weekday === 6 ? 0.6 * daily : daily;
}

/** Hourly totals of the pattern for `hours` hours ending at `origin`, oldest first. */
export function patternHours(origin: number, hours: number): number[] {
  return Array.from({ length: hours }, (_, i) => typicalHour(origin - (hours - i) * HOUR));
}

/** The pattern as one-minute load points over [from, to), each minute a sixtieth of its hour. */
export function minutePoints(from: number, to: number, requestsOf = typicalHour) {
  const points: { time: number; requests: number }[] = [];
  for (let time = from; time < to; time += 60_000) {
    points.push({ time, requests: requestsOf(Math.floor(time / HOUR) * HOUR) / 60 });
  }
  return points;
}
