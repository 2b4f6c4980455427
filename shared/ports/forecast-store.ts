import type { StoredForecast } from '../domain/predictive/floor.ts';

/**
 * Where the forecast function keeps each predictive policy's latest forecast, for the tick and
 * the alarm path to read the floor from.
 */
export interface ForecastStore {
  /** Stores a policy's forecast, replacing the one before. */
  saveForecast(targetKey: string, forecast: StoredForecast): Promise<void>;
  /** The stored forecasts of these policies of the target (a policy with none is left out). */
  loadForecasts(targetKey: string, policyNames: readonly string[]): Promise<StoredForecast[]>;
}
