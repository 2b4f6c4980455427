/**
 * What every function's runtime is made of, whatever adapters it wires: the runtime's shape, the
 * table's document client, and the Powertools logger and metrics. `runtime.ts` (the three
 * scaling functions) and `forecast-runtime.ts` build on it, so the forecast bundle never imports
 * the SageMaker adapters it does not use.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FUNCTION_REQUEST_TIMEOUTS } from '../adapters/aws/request-timeouts.ts';
import type { ScalingConfig } from '../domain/model.ts';
import type { ScalerPorts } from '../usecases/apply-intent.ts';
import { RuntimeConfigurationError } from './config-source.ts';

/**
 * Everything a handler needs, built once per cold start. `P` is the ports its use case needs:
 * each function adds only the clients it calls (see `withPorts`), so its bundle carries no
 * SDK client it never uses.
 */
export interface ScalerRuntime<P extends object = ScalerPorts> {
  config: ScalingConfig;
  ports: P;
  logger: Logger;
  metrics: Metrics;
  /** The clock, read once per event at the edge. */
  now(): number;
}

/** The runtime with more ports (the tick's alarm reader, the schedule's native AAS). */
export function withPorts<R extends object, P extends object>(
  runtime: ScalerRuntime<R>,
  extra: P,
): ScalerRuntime<R & P> {
  return { ...runtime, ports: { ...runtime.ports, ...extra } };
}

/** The table the state lives in, from the environment, and the document client to reach it. */
export function tableAccess(env: NodeJS.ProcessEnv): {
  tableName: string;
  documentClient: DynamoDBDocumentClient;
  activityTtlDays: number | undefined;
} {
  const tableName = env.SCALER_TABLE_NAME;
  if (!tableName)
    throw new RuntimeConfigurationError('SCALER_TABLE_NAME is not set: the DynamoDB table to keep state in');
  const documentClient = DynamoDBDocumentClient.from(
    new DynamoDBClient({ requestHandler: FUNCTION_REQUEST_TIMEOUTS }),
    {
      marshallOptions: { removeUndefinedValues: true },
    },
  );
  const activityTtlDays = env.SCALER_ACTIVITY_TTL_DAYS ? Number(env.SCALER_ACTIVITY_TTL_DAYS) : undefined;
  return { tableName, documentClient, activityTtlDays };
}

/** The Powertools logger and EMF metrics of a function, named by its service. */
export function telemetry(
  env: NodeJS.ProcessEnv,
  serviceName: string,
): Pick<ScalerRuntime, 'logger' | 'metrics'> {
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ namespace: env.SCALER_METRICS_NAMESPACE ?? 'SageMakerScaler', serviceName }),
  };
}
