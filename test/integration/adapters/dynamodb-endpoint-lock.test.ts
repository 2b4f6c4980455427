import { describe, expect, it } from 'vitest';
import { DynamoDbEndpointLock } from '../../../shared/adapters/aws/dynamodb-endpoint-lock.ts';
import { useDynamoDbLocal } from '../../support/dynamodb-local.ts';

const dynamo = useDynamoDbLocal();
// The lease item's TTL is a day after `now`: with a fixed date in the past, DynamoDB Local's TTL
// sweep could delete a held lease in the middle of the test. Leases are timed from the wall clock.
const T0 = Math.floor(Date.now() / 60_000) * 60_000;

describe('the endpoint lease on DynamoDB Local', () => {
  it('is held by one owner at a time, given back on release, and taken over once expired', async () => {
    const lock = new DynamoDbEndpointLock(dynamo.documentClient, await dynamo.freshTable('lock'));
    expect(await lock.acquire('fraud-detector', 'a', T0, 60_000)).toBe(true);
    expect(await lock.acquire('fraud-detector', 'b', T0 + 1000, 60_000)).toBe(false);
    expect(await lock.acquire('other-endpoint', 'b', T0 + 1000, 60_000)).toBe(true);
    await lock.release('fraud-detector', 'b'); // not b's: changes nothing
    expect(await lock.acquire('fraud-detector', 'c', T0 + 2000, 60_000)).toBe(false);
    await lock.release('fraud-detector', 'a');
    expect(await lock.acquire('fraud-detector', 'c', T0 + 3000, 60_000)).toBe(true);
    expect(await lock.acquire('fraud-detector', 'd', T0 + 63_001, 60_000)).toBe(true);
  });

  it('lets exactly one of 10 concurrent owners take a free lease', async () => {
    const lock = new DynamoDbEndpointLock(dynamo.documentClient, await dynamo.freshTable('lock'));
    const won = await Promise.all(
      Array.from({ length: 10 }, (_, i) => lock.acquire('e', `owner-${i}`, T0, 60_000)),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
  });
});
