import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbEndpointLock } from '../adapters/aws/dynamodb-endpoint-lock.ts';
import { DynamoDbForecastStore } from '../adapters/aws/dynamodb-forecast-store.ts';
import { DynamoDbStateStore } from '../adapters/aws/dynamodb-state-store.ts';
import { FUNCTION_REQUEST_TIMEOUTS } from '../adapters/aws/request-timeouts.ts';
import { createSageMakerClient, SageMakerEndpoints } from '../adapters/aws/sagemaker-endpoints.ts';
import type { ScalingConfig } from '../domain/model.ts';
import type { ForecastStore } from '../ports/forecast-store.ts';
import type { ScalerPorts } from '../usecases/apply-intent.ts';
import { configFromEnvironment, RuntimeConfigurationError } from './config-source.ts';

export { RuntimeConfigurationError } from './config-source.ts';

/**
 * Everything a handler needs, built once per cold start. `P` is the ports its use case needs:
 * each function adds only the clients it calls (see `withPorts`), so its bundle carries no
 * SDK client it never uses.
 */
export interface ScalerRuntime<P extends ScalerPorts = ScalerPorts> {
  config: ScalingConfig;
  ports: P;
  logger: Logger;
  metrics: Metrics;
  /** The clock, read once per event at the edge. */
  now(): number;
}

/** The runtime with more ports (the tick's alarm reader, the schedule's native AAS). */
export function withPorts<R extends ScalerPorts, P extends object>(
  runtime: ScalerRuntime<R>,
  extra: P,
): ScalerRuntime<R & P> {
  return { ...runtime, ports: { ...runtime.ports, ...extra } };
}

/**
 * Builds the production runtime from the environment: SDK clients once (the standard AWS chain
 * for credentials and region; `AWS_ENDPOINT_URL_<SERVICE>` redirects a client, which is how the
 * local stack runs these same adapters unchanged), the validated config and the table. The
 * SageMaker and DynamoDB clients every function needs; the rest come with `withPorts`.
 */
export function createRuntime(
  env: NodeJS.ProcessEnv,
  serviceName: string,
  config: ScalingConfig = configFromEnvironment(env),
): ScalerRuntime<ScalerPorts & { forecasts: ForecastStore }> {
  const tableName = env.SCALER_TABLE_NAME;
  if (!tableName)
    throw new RuntimeConfigurationError('SCALER_TABLE_NAME is not set: the DynamoDB table to keep state in');
  const dynamodb = new DynamoDBClient({ requestHandler: FUNCTION_REQUEST_TIMEOUTS });
  const documentClient = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const activityTtlDays = env.SCALER_ACTIVITY_TTL_DAYS ? Number(env.SCALER_ACTIVITY_TTL_DAYS) : undefined;
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
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ namespace: env.SCALER_METRICS_NAMESPACE ?? 'SageMakerScaler', serviceName }),
    now: () => Date.now(),
  };
}
