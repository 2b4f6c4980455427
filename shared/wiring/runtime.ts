import { randomUUID } from 'node:crypto';
import { DynamoDbEndpointLock } from '../adapters/aws/dynamodb-endpoint-lock.ts';
import { DynamoDbForecastStore } from '../adapters/aws/dynamodb-forecast-store.ts';
import { DynamoDbStateStore } from '../adapters/aws/dynamodb-state-store.ts';
import { createSageMakerClient, SageMakerEndpoints } from '../adapters/aws/sagemaker-endpoints.ts';
import type { ScalingConfig } from '../domain/model.ts';
import type { ForecastStore } from '../ports/forecast-store.ts';
import type { ScalerPorts } from '../usecases/apply-intent.ts';
import { configFromEnvironment } from './config-source.ts';
import { type ScalerRuntime, tableAccess, telemetry } from './runtime-base.ts';

export { RuntimeConfigurationError } from './config-source.ts';
export { type ScalerRuntime, withPorts } from './runtime-base.ts';

/**
 * Builds the production runtime of the three scaling functions from the environment: SDK clients
 * once (the standard AWS chain for credentials and region; `AWS_ENDPOINT_URL_<SERVICE>`
 * redirects a client, which is how the local stack runs these same adapters unchanged), the
 * validated config and the table. The SageMaker and DynamoDB clients every scaling function
 * needs; the rest come with `withPorts`. (The forecast function has its own: forecast-runtime.ts.)
 */
export function createRuntime(
  env: NodeJS.ProcessEnv,
  serviceName: string,
  config: ScalingConfig = configFromEnvironment(env),
): ScalerRuntime<ScalerPorts & { forecasts: ForecastStore }> {
  const { tableName, documentClient, activityTtlDays } = tableAccess(env);
  return {
    config,
    ports: {
      config,
      endpoints: new SageMakerEndpoints(createSageMakerClient()),
      store: new DynamoDbStateStore(documentClient, { tableName, activityTtlDays }),
      ids: { nextId: () => randomUUID() },
      endpointLock: new DynamoDbEndpointLock(documentClient, tableName),
      forecasts: new DynamoDbForecastStore(documentClient, tableName),
    },
    ...telemetry(env, serviceName),
    now: () => Date.now(),
  };
}
