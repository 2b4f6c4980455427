import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { TargetState } from '../../domain/state.ts';
import type { ActivityRecord } from '../../ports/activity.ts';
import { VersionConflictError } from '../../ports/errors.ts';
import type {
  ActivityHistory,
  LoadedState,
  ScalingStateStore,
  StateWrite,
} from '../../ports/scaling-state-store.ts';
import { queryActivityPages } from './dynamodb-activity-history.ts';
import { batchGetAll } from './dynamodb-batch-get.ts';
import { stateConditionFailed, TransactionTooLargeError } from './dynamodb-state-store-errors.ts';
import {
  activityItem,
  activitySortKey,
  DEFAULT_ACTIVITY_TTL_DAYS,
  DEFAULT_EVENT_TTL_DAYS,
  eventMarkerItem,
  eventMarkerKey,
  type Item,
  MAX_TRANSACTION_ITEMS,
  PARTITION_KEY,
  SORT_KEY,
  STATE_SORT_KEY,
  stateFromItem,
  stateItem,
  stateKey,
} from './table-design.ts';

// Thrown by the store, so importable from it.
export { TransactionTooLargeError, UnprocessedReadError } from './dynamodb-state-store-errors.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Options of {@link DynamoDbStateStore}. */
export interface DynamoDbStateStoreOptions {
  tableName: string;
  /** Days an activity record lives after its start time (default 90). */
  activityTtlDays?: number;
  /** Days a processed-event marker lives after the commit (default 7). */
  eventTtlDays?: number;
  /** Wall clock for `updatedAt` and the markers' expiry (default `Date.now`); tests pin it. */
  now?: () => number;
}

/**
 * The state store on the single table of `table-design.ts`: one consistent BatchGetItem per
 * load (and per 100 targets for the tick's snapshot, `loadStates`), one TransactWriteItems per commit, history by Query (never a Scan; see
 * `dynamodb-activity-history.ts`).
 */
export class DynamoDbStateStore implements ScalingStateStore, ActivityHistory {
  private readonly tableName: string;
  private readonly activityTtlDays: number;
  private readonly eventTtlDays: number;
  private readonly now: () => number;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    options: DynamoDbStateStoreOptions,
  ) {
    this.tableName = options.tableName;
    this.activityTtlDays = options.activityTtlDays ?? DEFAULT_ACTIVITY_TTL_DAYS;
    this.eventTtlDays = options.eventTtlDays ?? DEFAULT_EVENT_TTL_DAYS;
    this.now = options.now ?? Date.now;
  }

  async load(targetKey: string, eventKey: string): Promise<LoadedState> {
    const markerSortKey = eventMarkerKey(targetKey, eventKey).sk;
    const items = await batchGetAll(
      this.client,
      this.tableName,
      [stateKey(targetKey), eventMarkerKey(targetKey, eventKey)],
      { consistent: true, what: targetKey },
    );
    const found = items.find((item) => item[SORT_KEY] === STATE_SORT_KEY);
    return {
      state: found && stateFromItem(found),
      processed: items.some((item) => item[SORT_KEY] === markerSortKey),
    };
  }

  async loadStates(targetKeys: readonly string[]): Promise<Map<string, TargetState>> {
    const keys = [...new Set(targetKeys)].map(stateKey);
    const items = await batchGetAll(this.client, this.tableName, keys, {
      consistent: true,
      what: `${keys.length} target states`,
    });
    const states = new Map<string, TargetState>();
    for (const item of items) states.set(String(item[PARTITION_KEY]), stateFromItem(item));
    return states;
  }

  async commit(write: StateWrite): Promise<void> {
    const { targetKey, expectedVersion, state, processedEventKey } = write;
    if (state.version !== expectedVersion + 1) {
      throw new Error(`${targetKey}: state.version must be ${expectedVersion + 1}, got ${state.version}`);
    }
    // Two puts of one key in a transaction are rejected; the last record of an activity wins.
    const activities = new Map(write.activities.map((r) => [activitySortKey(r.startTime, r.activityId), r]));
    const itemCount = 1 + activities.size + (processedEventKey === undefined ? 0 : 1);
    if (itemCount > MAX_TRANSACTION_ITEMS) {
      throw new TransactionTooLargeError(
        `${targetKey}: a commit may write at most ${MAX_TRANSACTION_ITEMS} items (state, activities, event marker); got ${itemCount}`,
      );
    }
    const now = this.now();
    // The optimistic lock: the first write must create the item, later ones must find the version read.
    const condition =
      expectedVersion === 0
        ? { ConditionExpression: `attribute_not_exists(${PARTITION_KEY})` }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          };
    const put = (item: Item): TransactItem => ({ Put: { TableName: this.tableName, Item: item } });
    const transactItems: TransactItem[] = [
      { Put: { TableName: this.tableName, Item: stateItem(targetKey, state, now), ...condition } },
      ...[...activities.values()].map((record) => put(activityItem(targetKey, record, this.activityTtlDays))),
    ];
    if (processedEventKey !== undefined) {
      transactItems.push(put(eventMarkerItem(targetKey, processedEventKey, now, this.eventTtlDays)));
    }
    try {
      // The SDK fills ClientRequestToken, so its own retry of a commit that did land is idempotent
      // instead of failing its condition.
      await this.client.send(new TransactWriteCommand({ TransactItems: transactItems }));
    } catch (error) {
      if (stateConditionFailed(error)) {
        const message = `${targetKey}: expected version ${expectedVersion}, the store has another`;
        throw new VersionConflictError(message, { cause: error });
      }
      throw error;
    }
  }

  async listActivities(
    targetKey: string,
    options: { since?: number; limit?: number } = {},
  ): Promise<ActivityRecord[]> {
    const { since, limit = Number.POSITIVE_INFINITY } = options;
    const records: ActivityRecord[] = [];
    if (limit <= 0) return records;
    const pageSize = Number.isFinite(limit) ? limit : undefined;
    for await (const page of this.pageActivities(targetKey, { since, pageSize })) {
      records.push(...page);
      if (records.length >= limit) break;
    }
    return records.slice(0, limit);
  }

  /** The history newest first, one Query page at a time (`pageSize` records at most per page). */
  pageActivities(
    targetKey: string,
    options: { since?: number | undefined; pageSize?: number | undefined } = {},
  ): AsyncGenerator<ActivityRecord[], void, undefined> {
    return queryActivityPages(this.client, this.tableName, targetKey, options);
  }
}
