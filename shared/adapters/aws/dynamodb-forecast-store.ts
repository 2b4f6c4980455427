import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredForecast } from '../../domain/predictive/floor.ts';
import type { ForecastStore } from '../../ports/forecast-store.ts';
import { batchGetAll } from './dynamodb-batch-get.ts';
import { FORECAST_TTL_DAYS, forecastFromItem, forecastItem, forecastKey } from './table-design.ts';

/**
 * Forecasts on the scaler's table (`table-design.ts`, `FORECAST#<policyName>` under the target's
 * key): one Put per forecast, one BatchGetItem for a target's policies. Eventually consistent
 * reads: a forecast is written once an hour and read every minute; a minute-old one is as good.
 */
export class DynamoDbForecastStore implements ForecastStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** The writer's clock, for the item's time to live. */
    private readonly now: () => number = Date.now,
  ) {}

  async saveForecast(targetKey: string, forecast: StoredForecast): Promise<void> {
    const item = forecastItem(targetKey, forecast, this.now(), FORECAST_TTL_DAYS);
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async loadForecasts(targetKey: string, policyNames: readonly string[]): Promise<StoredForecast[]> {
    const keys = policyNames.map((name) => forecastKey(targetKey, name));
    const items = await batchGetAll(this.client, this.tableName, keys, {
      consistent: false,
      what: targetKey,
    });
    // In the order asked for, whatever order DynamoDB answered in.
    const byName = new Map(items.map((item) => [forecastFromItem(item).policyName, forecastFromItem(item)]));
    return policyNames.flatMap((name) => {
      const forecast = byName.get(name);
      return forecast ? [forecast] : [];
    });
  }
}
