import { randomUUID } from 'node:crypto';
import { DynamoDbForecastStore } from '../adapters/aws/dynamodb-forecast-store.ts';
import { DynamoDbStateStore } from '../adapters/aws/dynamodb-state-store.ts';
import type { ScalingConfig } from '../domain/model.ts';
import type { ForecastPorts } from '../usecases/predictive/refresh-forecasts.ts';
import { configFromEnvironment } from './config-source.ts';
import { type ScalerRuntime, tableAccess, telemetry } from './runtime-base.ts';

/** The forecast function's ports but the load history, which its handler file adds. */
export type ForecastStoragePorts = Omit<ForecastPorts, 'loadHistory'>;

/**
 * Builds the forecast function's runtime from the environment: the validated config, the state
 * store (its activity history records each forecast) and the forecast store on the table. No
 * SageMaker client and no endpoint lock: the forecast never resizes an endpoint, so its bundle
 * holds neither and its role grants neither (deploy/resources/forecast.ts).
 */
export function createForecastRuntime(
  env: NodeJS.ProcessEnv,
  config: ScalingConfig = configFromEnvironment(env),
): ScalerRuntime<ForecastStoragePorts> {
  const { tableName, documentClient, activityTtlDays } = tableAccess(env);
  return {
    config,
    ports: {
      config,
      store: new DynamoDbStateStore(documentClient, { tableName, activityTtlDays }),
      ids: { nextId: () => randomUUID() },
      forecasts: new DynamoDbForecastStore(documentClient, tableName),
    },
    ...telemetry(env, 'forecast'),
    now: () => Date.now(),
  };
}
