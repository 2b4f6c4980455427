import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UnprocessedReadError } from './dynamodb-state-store-errors.ts';
import type { Item } from './table-design.ts';

/**
 * BatchGetItem takes at most 100 keys per request
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html).
 */
export const BATCH_GET_MAX_KEYS = 100;
const READ_ATTEMPTS = 5;
const READ_BACKOFF_MS = 50;

/**
 * Every item of `keys` (one table, any number: 100 a request) that exists. BatchGetItem reports
 * throttled keys (and keys past its 16 MB response) as unprocessed instead of failing: they are
 * asked for again with a growing, jittered pause, and a read still incomplete after five attempts
 * throws, since a read that guards a decision must be whole.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Item[],
  options: { consistent: boolean; what: string },
): Promise<Item[]> {
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_MAX_KEYS) {
    let pending: Item[] = keys.slice(start, start + BATCH_GET_MAX_KEYS);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > 1) await sleep(READ_BACKOFF_MS * 2 ** (attempt - 2) * (1 + Math.random()));
      const output = await client.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: pending, ConsistentRead: options.consistent } },
        }),
      );
      items.push(...(output.Responses?.[tableName] ?? []));
      pending = output.UnprocessedKeys?.[tableName]?.Keys ?? [];
      if (pending.length > 0 && attempt === READ_ATTEMPTS) {
        throw new UnprocessedReadError(
          `${options.what}: DynamoDB left ${pending.length} keys unread after ${attempt} attempts`,
        );
      }
    }
  }
  return items;
}
