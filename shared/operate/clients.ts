import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The SDK clients the operate commands use, built once per command run. */
export interface OperateClients {
  dynamodb: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
  sagemaker: SageMakerClient;
  cloudwatch: CloudWatchClient;
  aas: ApplicationAutoScalingClient;
  destroy(): void;
}

/** How to build them: region and credentials from the standard AWS chain unless given. */
export interface OperateClientOptions {
  region?: string | undefined;
  /** Tests pass a provider that fails, to see what a user without credentials sees. */
  credentials?: DynamoDBClientConfig['credentials'];
}

/** Attempts per call: a person is waiting, so fail after a short while rather than back off for long. */
const MAX_ATTEMPTS = 3;

/**
 * Builds the clients. Endpoints come from the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables,
 * which is how the commands reach the local stack (`scaler local` prints them): there is no
 * "local" branch here.
 */
export function createOperateClients(options: OperateClientOptions = {}): OperateClients {
  const config = {
    maxAttempts: MAX_ATTEMPTS,
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  };
  const dynamodb = new DynamoDBClient(config);
  const documentClient = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const sagemaker = new SageMakerClient(config);
  const cloudwatch = new CloudWatchClient(config);
  const aas = new ApplicationAutoScalingClient(config);
  return {
    dynamodb,
    documentClient,
    sagemaker,
    cloudwatch,
    aas,
    destroy() {
      for (const client of [documentClient, dynamodb, sagemaker, cloudwatch, aas]) client.destroy();
    },
  };
}

/** The region the clients resolved (flag, environment or profile), or undefined when none is set. */
export async function resolvedRegion(clients: Pick<OperateClients, 'dynamodb'>): Promise<string | undefined> {
  try {
    return await clients.dynamodb.config.region();
  } catch {
    return undefined;
  }
}
