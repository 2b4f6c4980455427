import type { StoredForecast } from '../../domain/predictive/floor.ts';
import type { ForecastStore } from '../../ports/forecast-store.ts';

/** Forecasts in process memory, for the simulator and tests. */
export class InMemoryForecastStore implements ForecastStore {
  private readonly forecasts = new Map<string, StoredForecast>();

  async saveForecast(targetKey: string, forecast: StoredForecast): Promise<void> {
    this.forecasts.set(`${targetKey}|${forecast.policyName}`, forecast);
  }

  async loadForecasts(targetKey: string, policyNames: readonly string[]): Promise<StoredForecast[]> {
    return policyNames.flatMap((name) => {
      const forecast = this.forecasts.get(`${targetKey}|${name}`);
      return forecast ? [forecast] : [];
    });
  }
}
