import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { batchGetAll } from '../../../../shared/adapters/aws/dynamodb-batch-get.ts';
import { UnprocessedReadError } from '../../../../shared/adapters/aws/dynamodb-state-store-errors.ts';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const dynamo = mockClient(client);
const keys = (count: number) => Array.from({ length: count }, (_, i) => ({ pk: `t${i}`, sk: 'STATE' }));

describe('batchGetAll', () => {
  beforeEach(() => dynamo.reset());

  it('asks at most 100 keys per call, consistently', async () => {
    dynamo.on(BatchGetCommand).callsFake((input) => ({ Responses: { t: input.RequestItems.t.Keys } }));
    const items = await batchGetAll(client, 't', keys(250), { consistent: true, what: 'fleet' });
    expect(items).toHaveLength(250);
    const calls = dynamo.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.t);
    expect(calls.map((request) => request?.Keys?.length)).toEqual([100, 100, 50]);
    expect(calls.every((request) => request?.ConsistentRead === true)).toBe(true);
  });

  it('asks again for the keys DynamoDB left unprocessed, and only those', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { t: keys(3).slice(0, 1) },
        UnprocessedKeys: { t: { Keys: keys(3).slice(1) } },
      })
      .resolves({ Responses: { t: keys(3).slice(1) } });
    const items = await batchGetAll(client, 't', keys(3), { consistent: true, what: 'fleet' });
    expect(items).toEqual(keys(3));
    expect(dynamo.commandCalls(BatchGetCommand)[1]?.args[0].input.RequestItems?.t?.Keys).toEqual(
      keys(3).slice(1),
    );
  });

  it('fails the read when keys stay unprocessed after five attempts, saying how many', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { t: [] }, UnprocessedKeys: { t: { Keys: keys(2) } } });
    const read = batchGetAll(client, 't', keys(2), { consistent: true, what: '2 target states' });
    await expect(read).rejects.toThrow(UnprocessedReadError);
    await expect(read).rejects.toThrow('2 target states: DynamoDB left 2 keys unread after 5 attempts');
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(5);
  });
});
