import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import {
  createLocalTable,
  type DynamoDbLocal,
  localDynamoClients,
  startDynamoDbLocal,
} from '../../shared/local/dynamodb-local.ts';

/** What a test file gets from {@link useDynamoDbLocal}; usable from its `beforeAll` hooks on. */
export interface DynamoDbLocalFixture {
  readonly local: DynamoDbLocal;
  readonly client: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  /** Creates a table with a unique name (one per suite) and resolves its name once ACTIVE. */
  freshTable(prefix?: string): Promise<string>;
}

/**
 * Starts one DynamoDB Local for the calling test file (in `beforeAll`) and stops it in
 * `afterAll`. Call it at the top level of the file, before the suites that use it.
 */
export function useDynamoDbLocal(): DynamoDbLocalFixture {
  let running:
    | { local: DynamoDbLocal; client: DynamoDBClient; documentClient: DynamoDBDocumentClient }
    | undefined;
  const started = () => {
    if (running === undefined) throw new Error('DynamoDB Local is not running: use it from a hook or a test');
    return running;
  };

  beforeAll(async () => {
    const begin = performance.now();
    const local = await startDynamoDbLocal();
    const seconds = ((performance.now() - begin) / 1000).toFixed(1);
    console.info(`DynamoDB Local ${local.version} on port ${local.port} (started in ${seconds} s)`);
    running = { local, ...localDynamoClients(local.endpoint) };
  });

  afterAll(async () => {
    if (running === undefined) return;
    running.documentClient.destroy();
    running.client.destroy();
    await running.local.stop();
    running = undefined;
  });

  return {
    get local() {
      return started().local;
    },
    get client() {
      return started().client;
    },
    get documentClient() {
      return started().documentClient;
    },
    async freshTable(prefix = 'scaler') {
      const tableName = `${prefix}-${randomUUID()}`;
      await createLocalTable(started().client, tableName);
      return tableName;
    },
  };
}
