/**
 * Strongly consistent BatchGetItem over any number of keys: 100 keys per call (the API's limit,
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html), and the
 * keys DynamoDB reports as unprocessed (throttled, or past the 16 MB response limit) asked again
 * with backoff. A read that guards a write must be whole: keys still unread after the last attempt
 * fail the read.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UnprocessedReadError } from './dynamodb-state-store-errors.ts';
import type { Item } from './table-design.ts';

/** BatchGetItem's limit on keys per request. */
export const BATCH_GET_MAX_KEYS = 100;
const READ_ATTEMPTS = 5;
const READ_BACKOFF_MS = 50;

/** Every item of `keys` that exists, in no particular order. `what` names the read in errors. */
export async function consistentBatchGet(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Item[],
  what: string,
): Promise<Item[]> {
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_MAX_KEYS) {
    let pending: Item[] = keys.slice(start, start + BATCH_GET_MAX_KEYS);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > 1) await sleep(READ_BACKOFF_MS * 2 ** (attempt - 2) * (1 + Math.random()));
      const output = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(output.Responses?.[tableName] ?? []));
      pending = output.UnprocessedKeys?.[tableName]?.Keys ?? [];
      if (pending.length > 0 && attempt === READ_ATTEMPTS) {
        throw new UnprocessedReadError(
          `${what}: DynamoDB left ${pending.length} keys unread after ${attempt} attempts`,
        );
      }
    }
  }
  return items;
}
