/**
 * The local stack: DynamoDB Local (AWS's own engine) for state, and the emulator for SageMaker,
 * CloudWatch and Application Auto Scaling over the simulator's objects. The production handlers
 * and adapters run against it unchanged: only the environment differs (`AWS_ENDPOINT_URL_<SERVICE>`,
 * dummy credentials, the table name), which {@link LocalStack.environment} gives.
 */
import type { ScalingConfig } from '../domain/model.ts';
import {
  createLocalTable,
  type DynamoDbLocal,
  localDynamoClients,
  startDynamoDbLocal,
} from './dynamodb-local.ts';
import { type EmulatorBackend, wallClockBackend } from './emulator/backend.ts';
import {
  type AwsEmulator,
  type EmulatedRequest,
  type EmulatorOptions,
  startEmulator,
} from './emulator/server.ts';
import { type Seeded, seedScalingConfig } from './seed.ts';

/** The table `serverless invoke local --stage local` names (`sagemaker-scaler-<stage>`). */
export const LOCAL_TABLE_NAME = 'sagemaker-scaler-local';
const LOCAL_REGION = 'eu-west-1';
/** DynamoDB Local and the emulator take any credentials; the SDK still wants some to sign with. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface LocalStackOptions {
  config: ScalingConfig;
  /** The scaling.yml the handlers load (SCALER_CONFIG_FILE). */
  configFile: string;
  /**
   * Create scaling.yml's endpoints and alarms through the SDK (a stack that runs until stopped).
   * A simulation run leaves it off: its world seeds itself and the emulator serves that world.
   */
  seed?: boolean;
  /** What the emulator serves at first; default an empty world on the wall clock. */
  backend?: EmulatorBackend;
  tableName?: string;
  /** Failure injection: throttle these emulator requests. */
  throttle?: (request: EmulatedRequest) => boolean;
  /** DynamoDB Local's output lines. */
  log?: (line: string) => void;
  /** Told of every request the emulator answered. */
  onCall?: EmulatorOptions['onCall'];
}

/** A running local stack. */
export interface LocalStack {
  emulator: AwsEmulator;
  /** What the emulator serves from the start (a simulation run swaps in its world). */
  backend: EmulatorBackend;
  dynamo: DynamoDbLocal;
  tableName: string;
  region: string;
  /** What the handlers (and `serverless invoke local`) need in their environment. */
  environment: Record<string, string>;
  /** What seeding created, when it ran. */
  seeded?: Seeded | undefined;
  /** Stops the emulator and DynamoDB Local (its Java process exits before this resolves). */
  stop(): Promise<void>;
}

/** Starts DynamoDB Local and the emulator, creates the table, and seeds scaling.yml's world if asked. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const tableName = options.tableName ?? LOCAL_TABLE_NAME;
  const dynamo = await startDynamoDbLocal(options.log ? { log: options.log } : {});
  const backend = options.backend ?? wallClockBackend();
  let emulator: AwsEmulator | undefined;
  try {
    emulator = await startEmulator({
      backend,
      throttle: options.throttle,
      onCall: options.onCall,
    });
    const { client, documentClient } = localDynamoClients(dynamo.endpoint);
    try {
      await createLocalTable(client, tableName);
    } finally {
      documentClient.destroy();
      client.destroy();
    }
    const seeded = options.seed
      ? await seedScalingConfig(options.config, {
          endpoint: emulator.endpoint,
          region: LOCAL_REGION,
          credentials: LOCAL_CREDENTIALS,
        })
      : undefined;
    const running = emulator;
    return {
      emulator: running,
      backend,
      dynamo,
      tableName,
      region: LOCAL_REGION,
      environment: {
        AWS_ENDPOINT_URL_SAGEMAKER: running.endpoint,
        AWS_ENDPOINT_URL_CLOUDWATCH: running.endpoint,
        AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING: running.endpoint,
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        SCALER_TABLE_NAME: tableName,
        SCALER_CONFIG_FILE: options.configFile,
        AWS_REGION: LOCAL_REGION,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        // The local tools run on Node 20, where every process that creates an SDK client (the
        // handlers under `serverless invoke local` too) warns that the SDK's 2027 releases need
        // Node 22; the Lambdas run nodejs22.x already. The SDK's documented switch silences it:
        // https://github.com/aws/aws-sdk-js-v3/issues/7983
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      seeded,
      async stop() {
        await Promise.all([running.stop(), dynamo.stop()]);
      },
    };
  } catch (error) {
    await Promise.all([emulator?.stop(), dynamo.stop()]);
    throw error;
  }
}

/** `export NAME=value ...` lines a shell can paste (values quoted only when they need it). */
export function exportLines(environment: Readonly<Record<string, string>>): string {
  const quote = (value: string) =>
    /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
  return Object.entries(environment)
    .map(([name, value]) => `export ${name}=${quote(value)}`)
    .join('\n');
}
