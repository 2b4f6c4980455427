/**
 * The load forecast as the scaler uses it (docs/scaling-semantics.md, "Predictive scaling"):
 * hourly intervals from the whole hour it is asked at, learned from at most the 14 days before,
 * and only when at least 24 hours of them have data.
 */
import { HOUR_MS, hourlyTotals } from './hourly-history.ts';
import { forecastSeries } from './seasonal-model.ts';
import type { ForecastOutcome, HistoryWindow, LoadHistory } from './types.ts';

/** The rules of a forecast: what it needs and what it covers. */
export const FORECAST_RULES = {
  /** Hours with data needed before a forecast is made. */
  minHistoryHours: 24,
  /** History used at most, days. */
  maxHistoryDays: 14,
  /** Hours forecast unless asked otherwise: the next 48 h, as AWS predictive scaling does. */
  defaultHorizonHours: 48,
  /** Longest horizon: beyond a week the same weekday is the only thing left to go on. */
  maxHorizonHours: 168,
} as const;

/** What to forecast. */
export interface ForecastRequest {
  history: LoadHistory;
  /** When the forecast is made, epoch ms; it starts at the whole hour this falls in. */
  at: number;
  /** Hours to forecast, a whole number from 1 to 168; default 48. */
  horizonHours?: number;
}

/** The window a forecast at `origin` may learn from: whole hours since the first point, at most 14 days. */
export function historyWindowFor(history: LoadHistory, origin: number): { from: number; to: number } {
  const earliest = origin - FORECAST_RULES.maxHistoryDays * 24 * HOUR_MS;
  let first = origin;
  for (const point of history.points) if (point.time >= earliest && point.time < first) first = point.time;
  return { from: Math.ceil(first / HOUR_MS) * HOUR_MS, to: origin };
}

function utcInstant(time: number): string {
  return `${new Date(time).toISOString().slice(0, 19)}Z`;
}

/**
 * Forecasts the load for `horizonHours` hourly intervals from the whole hour `at` falls in.
 *
 * @throws {RangeError} for a horizon that is not a whole number from 1 to 168, or a malformed
 *   history (see {@link hourlyTotals}).
 */
export function forecastLoad(request: ForecastRequest): ForecastOutcome {
  const horizon = request.horizonHours ?? FORECAST_RULES.defaultHorizonHours;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > FORECAST_RULES.maxHorizonHours) {
    throw new RangeError(
      `forecast horizon: expected a whole number of hours from 1 to 168, found ${horizon}`,
    );
  }
  const origin = Math.floor(request.at / HOUR_MS) * HOUR_MS;
  const { from, to } = historyWindowFor(request.history, origin);
  const totals = hourlyTotals(request.history, from, to);
  const history: HistoryWindow = {
    from,
    to,
    hours: totals.length,
    hoursWithData: totals.filter((total) => total !== undefined).length,
  };
  const needed = FORECAST_RULES.minHistoryHours;
  if (history.hoursWithData < needed) {
    return {
      kind: 'not-enough-history',
      history,
      neededHours: needed,
      reason: `not enough history: ${history.hoursWithData} hours with data in the ${FORECAST_RULES.maxHistoryDays} days before ${utcInstant(origin)}; a forecast needs ${needed}`,
    };
  }
  const loads = forecastSeries(totals, horizon);
  const minutes = HOUR_MS / 60_000;
  return {
    kind: 'forecast',
    forecast: {
      origin,
      intervalMs: HOUR_MS,
      history,
      intervals: loads.map((requests, i) => ({
        start: origin + i * HOUR_MS,
        end: origin + (i + 1) * HOUR_MS,
        requests,
        requestsPerMinute: requests / minutes,
      })),
    },
  };
}
