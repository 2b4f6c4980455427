/**
 * What `scaler forecast` prints: the forecast as JSON (hourly request totals, whole requests)
 * or as a table, each interval beside what happened when the source shows it.
 */
import { renderTable } from '../cli/table.ts';
import type { LoadForecast } from '../domain/forecast/index.ts';
import { int, num } from '../sim/report/format.ts';

/** A forecast beside what happened in each of its intervals (undefined: not known). */
export interface ForecastComparison {
  forecast: LoadForecast;
  actual: (number | undefined)[];
  /** What the forecast is of: the trace file, or endpoint/variant. */
  source: string;
}

const iso = (time: number) => `${new Date(time).toISOString().slice(0, 19)}Z`;

/** `{"points":[{"time":ISO,"requests":N}],"history":{...}}`, requests rounded to whole requests. */
export function forecastJson({ forecast }: ForecastComparison): string {
  const { history } = forecast;
  return JSON.stringify({
    points: forecast.intervals.map((interval) => ({
      time: new Date(interval.start).toISOString(),
      requests: Math.round(interval.requests),
    })),
    history: {
      from: new Date(history.from).toISOString(),
      to: new Date(history.to).toISOString(),
      hours: history.hours,
      hoursWithData: history.hoursWithData,
    },
  });
}

/** WAPE and under-forecast share over the intervals whose outcome is known; undefined when none is. */
export function accuracy(
  comparison: ForecastComparison,
): { wape: number; under: number; hours: number } | undefined {
  let error = 0;
  let total = 0;
  let under = 0;
  let hours = 0;
  comparison.forecast.intervals.forEach((interval, i) => {
    const actual = comparison.actual[i];
    if (actual === undefined) return;
    error += Math.abs(interval.requests - actual);
    total += actual;
    hours++;
    if (interval.requests < actual) under++;
  });
  if (hours === 0) return undefined;
  return { wape: total > 0 ? (100 * error) / total : Number.NaN, under: (100 * under) / hours, hours };
}

/** The header line: where the forecast starts and what it learned from. */
export function forecastHeadline({ forecast, source }: ForecastComparison): string {
  const { history } = forecast;
  return `forecast of ${source} from ${iso(forecast.origin)}, learned from ${history.hours} hours (${iso(history.from)} .. ${iso(history.to)}, ${history.hoursWithData} with data)`;
}

/** The forecast as a table, with what happened and the difference where the source shows it. */
export function forecastTable(comparison: ForecastComparison): string {
  const rows = comparison.forecast.intervals.map((interval, i) => {
    const actual = comparison.actual[i];
    const difference =
      actual === undefined || actual === 0
        ? ''
        : `${num((100 * (interval.requests - actual)) / actual, 1)} %`;
    return [
      iso(interval.start),
      int(interval.requests),
      num(interval.requestsPerMinute, 1),
      actual === undefined ? '' : int(actual),
      difference,
    ];
  });
  const lines = [
    forecastHeadline(comparison),
    '',
    renderTable(['hour (UTC)', 'forecast requests', 'per minute', 'actual', 'forecast vs actual'], rows),
  ];
  const score = accuracy(comparison);
  if (score) {
    lines.push(
      '',
      `over the ${score.hours} hours with an outcome: WAPE ${num(score.wape, 1)} %, under-forecast in ${num(score.under, 0)} % of hours`,
    );
  }
  return lines.join('\n');
}
