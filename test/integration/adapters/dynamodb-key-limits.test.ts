/**
 * The event-id bound of `shared/events/limits.ts` is DynamoDB's own, measured on DynamoDB Local:
 * the longest id the schema accepts makes a marker key the table stores, one byte more does not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbStateStore } from '../../../shared/adapters/aws/dynamodb-state-store.ts';
import { initialTargetState } from '../../../shared/domain/state.ts';
import { EVENT_KEY_MAX_BYTES } from '../../../shared/events/limits.ts';
import { target } from '../../support/builders.ts';
import { useDynamoDbLocal } from '../../support/dynamodb-local.ts';

const db = useDynamoDbLocal();
let store: DynamoDbStateStore;

beforeAll(async () => {
  store = new DynamoDbStateStore(db.documentClient, { tableName: await db.freshTable() });
});

function commitWithMarker(targetKey: string, eventKey: string) {
  const state = { ...initialTargetState(target(), 0), version: 1 };
  return store.commit({ targetKey, expectedVersion: 0, state, activities: [], processedEventKey: eventKey });
}

describe('the event key bound', () => {
  it('stores the marker of the longest event id the schemas accept, and DynamoDB refuses one byte more', async () => {
    await commitWithMarker('endpoint/a/variant/AllTraffic', 'x'.repeat(EVENT_KEY_MAX_BYTES));
    const longest = await store.load('endpoint/a/variant/AllTraffic', 'x'.repeat(EVENT_KEY_MAX_BYTES));

    await expect(
      commitWithMarker('endpoint/b/variant/AllTraffic', 'x'.repeat(EVENT_KEY_MAX_BYTES + 1)),
    ).rejects.toThrow(/ValidationError/);
    expect(longest.processed).toBe(true);
  });
});
