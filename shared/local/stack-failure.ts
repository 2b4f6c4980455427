/**
 * What the local tools say when DynamoDB Local, the local stack's one out-of-process part, dies or
 * hangs under them: one paragraph (what died, what became of the run, what to do), never a stack
 * trace. A death is known from the Java process's exit; a hang from a probe that gets no answer
 * though the process lives. Any other error is not the stack's and is left to its caller.
 */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDbLocal } from './dynamodb-local.ts';

/** A local stack that failed under a tool: `message` is the paragraph to print. */
export class LocalStackFailure extends Error {
  override readonly name = 'LocalStackFailure';
}

/** How long a live DynamoDB Local may take to list its tables before it counts as hung. */
const PROBE_TIMEOUT_MS = 2_000;

/** True when DynamoDB Local answers a ListTables within {@link PROBE_TIMEOUT_MS}. */
export async function dynamoDbLocalAnswers(dynamo: Pick<DynamoDbLocal, 'endpoint'>): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), {
      abortSignal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/** The first sentence: what happened to DynamoDB Local, or undefined when it is alive and answering. */
export async function dynamoDbLocalTrouble(dynamo: DynamoDbLocal): Promise<string | undefined> {
  const who = `DynamoDB Local (the local stack's state store: Java, pid ${dynamo.pid}, ${dynamo.endpoint})`;
  if (dynamo.death) return `${who} died (${dynamo.death.description})`;
  if (await dynamoDbLocalAnswers(dynamo)) return undefined;
  return `${who} stopped answering: the process is alive but gave no answer within ${PROBE_TIMEOUT_MS / 1000} s (hung, or stopped with SIGSTOP)`;
}

/**
 * The failure to report for `error`, thrown while a tool ran on the stack, when DynamoDB Local is
 * its cause; undefined when DynamoDB Local is fine (the error is someone else's).
 *
 * @param during what was running, e.g. `during the run at simulated Thu 13 Jul 14:05`
 * @param then what became of the tool's work, and what to do
 */
export async function localStackFailure(
  dynamo: DynamoDbLocal,
  during: string,
  then: string,
): Promise<LocalStackFailure | undefined> {
  const trouble = await dynamoDbLocalTrouble(dynamo);
  if (trouble === undefined) return undefined;
  return new LocalStackFailure(
    `${trouble} ${during}. ${then} If it happens again, check that Java has memory to spare (\`free -m\`, \`java -version\`) and that nothing else signals the process.`,
  );
}
