/**
 * Forecasting one target's load: read the history a forecast may use (the 14 days before the
 * whole hour it is made at) through the port, then forecast with the domain's rules. The
 * `scaler forecast` command runs it over a trace or CloudWatch; the forecast function will run
 * it over CloudWatch.
 */
import { FORECAST_RULES, type ForecastOutcome, forecastLoad, HOUR_MS } from '../../domain/forecast/index.ts';
import type { LoadHistoryReader, LoadTarget } from '../../ports/load-history.ts';

/** What to forecast, and when. */
export interface TargetForecastRequest {
  target: LoadTarget;
  /** When the forecast is made, epoch ms: the edge's clock, or a trace's instant. */
  at: number;
  horizonHours?: number;
}

/**
 * Forecasts a target's load: {@link forecastTargetLoad} in production; the simulator hands the
 * use case the same function memoised per trace and hour (`shared/sim/predictive/`), since every
 * candidate of a tune forecasts the same trace at the same hours.
 */
export type TargetLoadForecaster = (
  reader: LoadHistoryReader,
  request: TargetForecastRequest,
) => Promise<ForecastOutcome>;

/** Reads the target's recent load and forecasts it; "not enough history" is an outcome, not an error. */
export async function forecastTargetLoad(
  reader: LoadHistoryReader,
  request: TargetForecastRequest,
): Promise<ForecastOutcome> {
  const origin = Math.floor(request.at / HOUR_MS) * HOUR_MS;
  const from = origin - FORECAST_RULES.maxHistoryDays * 24 * HOUR_MS;
  const history = await reader.readLoadHistory(request.target, { from, to: origin });
  return forecastLoad({ history, at: request.at, horizonHours: request.horizonHours });
}
