/**
 * A target's activity history read from the single table of `table-design.ts`: newest first, one
 * Query page at a time, within the target's partition (never a Scan). `DynamoDbStateStore` serves
 * its `ActivityHistory` side through it.
 */
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ActivityRecord } from '../../ports/activity.ts';
import {
  ACTIVITY_PREFIX,
  ACTIVITY_UPPER_BOUND,
  activityFromItem,
  activitySortKeyFloor,
  type Item,
  PARTITION_KEY,
  SORT_KEY,
} from './table-design.ts';

/**
 * The history of `targetKey` in `tableName`, newest first, one Query page at a time (`pageSize`
 * records at most per page); with `since`, only activities started at or after it.
 */
export async function* queryActivityPages(
  client: DynamoDBDocumentClient,
  tableName: string,
  targetKey: string,
  options: { since?: number | undefined; pageSize?: number | undefined } = {},
): AsyncGenerator<ActivityRecord[], void, undefined> {
  const { since, pageSize } = options;
  const range =
    since === undefined
      ? { condition: 'begins_with(#sk, :from)', values: { ':from': ACTIVITY_PREFIX } }
      : {
          condition: '#sk BETWEEN :from AND :to',
          values: { ':from': activitySortKeyFloor(since), ':to': ACTIVITY_UPPER_BOUND },
        };
  let startKey: Item | undefined;
  do {
    const output = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: `#pk = :pk AND ${range.condition}`,
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
        ExpressionAttributeValues: { ':pk': targetKey, ...range.values },
        ScanIndexForward: false,
        // So that `scaler history` right after a write shows it.
        ConsistentRead: true,
        Limit: pageSize,
        ExclusiveStartKey: startKey,
      }),
    );
    startKey = output.LastEvaluatedKey;
    const page = (output.Items ?? []).map(activityFromItem);
    // The last page can come back empty when the previous one ended exactly at the end.
    if (page.length > 0) yield page;
  } while (startKey !== undefined);
}
