import { randomUUID } from 'node:crypto';
import { CloudWatchAlarms } from '../adapters/aws/cloudwatch-alarms.ts';
import { DynamoDbEndpointLock } from '../adapters/aws/dynamodb-endpoint-lock.ts';
import { DynamoDbForecastStore } from '../adapters/aws/dynamodb-forecast-store.ts';
import { DynamoDbStateStore } from '../adapters/aws/dynamodb-state-store.ts';
import { SageMakerEndpoints } from '../adapters/aws/sagemaker-endpoints.ts';
import type { ScalingConfig } from '../domain/model.ts';
import type { TickPorts } from '../usecases/handle-tick.ts';
import type { StatusPorts } from '../usecases/operate/status.ts';
import { DynamoDbActivityWindow } from './activity-window.ts';
import { CloudWatchAlarmStates } from './alarm-states.ts';
import { createOperateClients, type OperateClientOptions, type OperateClients } from './clients.ts';
import { AasNativeReader } from './native-reader.ts';

/** The table of a deployed stage, as serverless.yml names it. */
export function tableNameFor(stage: string, env: NodeJS.ProcessEnv): string {
  return env.SCALER_TABLE_NAME || `sagemaker-scaler-${stage}`;
}

/** Everything the operate commands read and write through, built once per run. */
export interface OperateContext {
  stage: string;
  tableName: string;
  clients: OperateClients;
  store: DynamoDbStateStore;
  window: DynamoDbActivityWindow;
  status: StatusPorts;
  native: AasNativeReader;
  /** The production ports (the tick's included), for pause/resume and their re-evaluation. */
  scalerPorts(config: ScalingConfig): TickPorts;
}

/** Builds the context for a stage: the deployed table, or the local stack's through the SDK's env variables. */
export function createOperateContext(options: {
  stage: string;
  env: NodeJS.ProcessEnv;
  clients?: OperateClients | undefined;
  clientOptions?: OperateClientOptions;
}): OperateContext {
  const clients = options.clients ?? createOperateClients(options.clientOptions);
  const tableName = tableNameFor(options.stage, options.env);
  const store = new DynamoDbStateStore(clients.documentClient, { tableName });
  const endpoints = new SageMakerEndpoints(clients.sagemaker);
  const forecasts = new DynamoDbForecastStore(clients.documentClient, tableName);
  return {
    stage: options.stage,
    tableName,
    clients,
    store,
    window: new DynamoDbActivityWindow(clients.documentClient, tableName),
    status: { store, endpoints, alarmStates: new CloudWatchAlarmStates(clients.cloudwatch), forecasts },
    native: new AasNativeReader(clients.aas, clients.cloudwatch),
    scalerPorts: (config) => ({
      config,
      endpoints,
      store,
      ids: { nextId: () => randomUUID() },
      endpointLock: new DynamoDbEndpointLock(clients.documentClient, tableName),
      alarms: new CloudWatchAlarms(clients.cloudwatch),
      forecasts,
    }),
  };
}
