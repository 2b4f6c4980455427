/**
 * Load forecasting for predictive scaling: a load history in, hourly forecast load out, and the
 * capacity it asks for. Pure: the time of the forecast is an argument; no clock, no I/O.
 */
export { type CapacityInterval, forecastCapacity } from './forecast-capacity.ts';
export { FORECAST_RULES, type ForecastRequest, forecastLoad, historyWindowFor } from './forecast-load.ts';
export { HOUR_MS, hourlyTotals } from './hourly-history.ts';
export { forecastSeries, SEASONAL_MODEL_DEFAULTS, type SeasonalModelOptions } from './seasonal-model.ts';
export type {
  ForecastInterval,
  ForecastOutcome,
  HistoryWindow,
  LoadForecast,
  LoadHistory,
  LoadPoint,
} from './types.ts';
