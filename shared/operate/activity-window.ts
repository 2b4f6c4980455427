import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  activityFromItem,
  activitySortKeyFloor,
  type Item,
  PARTITION_KEY,
  SORT_KEY,
} from '../adapters/aws/table-design.ts';
import type { ActivityRecord } from '../ports/activity.ts';
import type { ActivityWindow } from '../usecases/operate/ports.ts';

/**
 * {@link ActivityWindow} on the scaler's table: one Query per range on the target's partition,
 * `sk BETWEEN 'ACT#<from>' AND 'ACT#<to>~'` (activity keys sort by start time), paginated.
 * Reading a closed range keeps `scaler why` for last week from reading everything since.
 */
export class DynamoDbActivityWindow implements ActivityWindow {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async activitiesBetween(targetKey: string, from: number, to: number): Promise<ActivityRecord[]> {
    const records: ActivityRecord[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.query(targetKey, from, to, { ascending: true, startKey });
      records.push(...(page.Items ?? []).map(activityFromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return records;
  }

  async lastActivityBefore(
    targetKey: string,
    before: number,
    notBefore: number,
  ): Promise<ActivityRecord | undefined> {
    const page = await this.query(targetKey, notBefore, before - 1, { ascending: false, limit: 1 });
    const item = page.Items?.[0];
    return item && activityFromItem(item);
  }

  private query(
    targetKey: string,
    from: number,
    to: number,
    options: { ascending: boolean; startKey?: Item | undefined; limit?: number },
  ) {
    return this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
        // `~` sorts after the `#<activityId>` suffix, so activities of the last millisecond count.
        ExpressionAttributeValues: {
          ':pk': targetKey,
          ':from': activitySortKeyFloor(from),
          ':to': `${activitySortKeyFloor(to)}~`,
        },
        ScanIndexForward: options.ascending,
        ConsistentRead: true,
        Limit: options.limit,
        ExclusiveStartKey: options.startKey,
      }),
    );
  }
}
