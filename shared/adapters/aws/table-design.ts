/**
 * The scaler's single DynamoDB table.
 *
 * **Keys.** Partition key `pk` (S) is the target key `endpoint/<EndpointName>/variant/<VariantName>`,
 * so a variant's state, history and markers share one partition and one transaction touches one
 * target only. Sort key `sk` (S) says what the item is.
 *
 * **Items** (all under the target's `pk`):
 * | `sk`                                   | attributes                                                    |
 * | -------------------------------------- | ------------------------------------------------------------- |
 * | `STATE`                                | `version` (N), `state` (M: the TargetState), `updatedAt` (N, epoch ms) |
 * | `ACT#<startTime ISO-8601>#<activityId>`| the ActivityRecord's fields, `expiresAt` (N, epoch s; default startTime + 90 days) |
 * | `EVENT#<eventKey>`                     | `processedAt` (N, epoch ms), `expiresAt` (N, epoch s; default commit + 7 days) |
 * | `FORECAST#<policyName>`                | `forecast` (M: the StoredForecast), `expiresAt` (N, epoch s; written + 3 days) |
 *
 * One more item lives under its own partition `lock/endpoint/<EndpointName>`, sort key `LOCK`:
 * the short lease that lets only one variant of an endpoint send an update at a time
 * (`owner`, `heldUntil` epoch ms, `expiresAt`). It exists only for endpoints with several
 * managed variants.
 *
 * ISO-8601 UTC timestamps sort lexicographically in time order, which is what lets the history
 * be read newest first by key alone. Event markers live 7 days because EventBridge and the
 * Scheduler retry for up to 24 h and a dead-letter message may be replayed by hand days later.
 *
 * **Time to live** on `expiresAt`; billing on demand (the load is bursty and small).
 *
 * **Access patterns** (never a Scan):
 * - load: one BatchGetItem, consistent read, of `STATE` and `EVENT#<eventKey>`;
 * - commit: one TransactWriteItems: Put `STATE` conditioned on the version read
 *   (`attribute_not_exists(pk)` for the first write), Put each `ACT#...`, Put `EVENT#<eventKey>`;
 * - forecasts: one BatchGetItem of the `FORECAST#<policyName>` keys of a target's predictive
 *   policies (the tick and the alarm path, only for targets that have some); one Put per forecast;
 * - history: Query on `pk` with `begins_with(sk, 'ACT#')` (or `sk BETWEEN 'ACT#<since>' AND 'ACT#~'`),
 *   newest first (`ScanIndexForward: false`), paginated with `LastEvaluatedKey`.
 */
import type { CreateTableCommandInput, UpdateTimeToLiveCommandInput } from '@aws-sdk/client-dynamodb';
import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { StoredForecast } from '../../domain/predictive/floor.ts';
import type { TargetState } from '../../domain/state.ts';
import type { ActivityRecord } from '../../ports/activity.ts';

/** Partition key attribute: the target key. */
export const PARTITION_KEY = 'pk';
/** Sort key attribute: the item kind (and, for activities, their order). */
export const SORT_KEY = 'sk';
/** The attribute DynamoDB's time to live reads (epoch seconds). */
export const TTL_ATTRIBUTE = 'expiresAt';
/** Sort key of a target's state item. */
export const STATE_SORT_KEY = 'STATE';
/** Sort key prefix of activity records. */
export const ACTIVITY_PREFIX = 'ACT#';
/** Sort key prefix of processed-event markers. */
export const EVENT_PREFIX = 'EVENT#';
/** Sort key prefix of stored forecasts. */
export const FORECAST_PREFIX = 'FORECAST#';
/** Above every `ACT#<ISO-8601>...` key: `~` sorts after digits and letters. */
export const ACTIVITY_UPPER_BOUND = `${ACTIVITY_PREFIX}~`;
/** How long activity records are kept by default. */
export const DEFAULT_ACTIVITY_TTL_DAYS = 90;
/** How long a stored forecast is kept: it covers 48 hours and is rewritten every hour. */
export const FORECAST_TTL_DAYS = 3;
/** How long processed-event markers are kept by default: beyond every automatic retry. */
export const DEFAULT_EVENT_TTL_DAYS = 7;
/** DynamoDB's limit on the actions of one TransactWriteItems call. */
export const MAX_TRANSACTION_ITEMS = 100;

const DAY_MS = 86_400_000;

/** The primary key of one item. */
export interface ItemKey {
  pk: string;
  sk: string;
}

/** Key of the target's state item. */
export function stateKey(targetKey: string): ItemKey {
  return { pk: targetKey, sk: STATE_SORT_KEY };
}

/** Key of an endpoint's update lease. */
export function endpointLockKey(endpointName: string): ItemKey {
  return { pk: `lock/endpoint/${endpointName}`, sk: 'LOCK' };
}

/** Key of the marker saying `eventKey` was consumed for the target. */
export function eventMarkerKey(targetKey: string, eventKey: string): ItemKey {
  return { pk: targetKey, sk: `${EVENT_PREFIX}${eventKey}` };
}

/** Sort key of an activity: same id and start time means same item, so a rewrite replaces it. */
export function activitySortKey(startTime: number, activityId: string): string {
  return `${activitySortKeyFloor(startTime)}#${activityId}`;
}

/** The lowest activity sort key at or after `startTime`. */
export function activitySortKeyFloor(startTime: number): string {
  return `${ACTIVITY_PREFIX}${new Date(startTime).toISOString()}`;
}

/** TTL value (epoch seconds) `days` after `fromMs`. */
export function expiresAtSeconds(fromMs: number, days: number): number {
  return Math.floor((fromMs + days * DAY_MS) / 1000);
}

/** Key of a predictive policy's stored forecast. */
export function forecastKey(targetKey: string, policyName: string): ItemKey {
  return { pk: targetKey, sk: `${FORECAST_PREFIX}${policyName}` };
}

/** An item as the document client writes and reads it. */
export type Item = Record<string, NativeAttributeValue>;

/** The state item; the version is copied out of the map so a condition can read it. */
export function stateItem(targetKey: string, state: TargetState, updatedAt: number): Item {
  return { ...stateKey(targetKey), version: state.version, state: withoutUndefined(state), updatedAt };
}

/** The TargetState a state item holds. */
export function stateFromItem(item: Item): TargetState {
  return item.state as TargetState;
}

/** An activity item: the record's own fields, its key, and its expiry `ttlDays` after it started. */
export function activityItem(targetKey: string, record: ActivityRecord, ttlDays: number): Item {
  return {
    ...withoutUndefined(record),
    [PARTITION_KEY]: targetKey,
    [SORT_KEY]: activitySortKey(record.startTime, record.activityId),
    [TTL_ATTRIBUTE]: expiresAtSeconds(record.startTime, ttlDays),
  };
}

/** The ActivityRecord an activity item holds, without the table's own attributes. */
export function activityFromItem(item: Item): ActivityRecord {
  const record: Item = { ...item };
  delete record[PARTITION_KEY];
  delete record[SORT_KEY];
  delete record[TTL_ATTRIBUTE];
  return record as ActivityRecord;
}

/**
 * A stored forecast, kept `ttlDays` after it was written (by the writer's clock, not the
 * forecast's: the local stack replays past days): a forecast of 48 hours not refreshed for days
 * has no floor left to give.
 */
export function forecastItem(
  targetKey: string,
  forecast: StoredForecast,
  writtenAt: number,
  ttlDays: number,
): Item {
  return {
    ...forecastKey(targetKey, forecast.policyName),
    forecast: withoutUndefined(forecast),
    [TTL_ATTRIBUTE]: expiresAtSeconds(writtenAt, ttlDays),
  };
}

/** The StoredForecast a forecast item holds. */
export function forecastFromItem(item: Item): StoredForecast {
  return item.forecast as StoredForecast;
}

/** The marker of a consumed event, expiring `ttlDays` after it was written. */
export function eventMarkerItem(
  targetKey: string,
  eventKey: string,
  processedAt: number,
  ttlDays: number,
): Item {
  return {
    ...eventMarkerKey(targetKey, eventKey),
    processedAt,
    [TTL_ATTRIBUTE]: expiresAtSeconds(processedAt, ttlDays),
  };
}

/**
 * Drops undefined fields (the ports' optional fields) so that they read back absent, whatever
 * `removeUndefinedValues` the injected document client was built with.
 */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, field]) => field !== undefined);
  return Object.fromEntries(entries.map(([key, field]) => [key, withoutUndefined(field)])) as T;
}

/** The table as CreateTable wants it (local stack; the deploy template mirrors it). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [
      { AttributeName: PARTITION_KEY, AttributeType: 'S' },
      { AttributeName: SORT_KEY, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: SORT_KEY, KeyType: 'RANGE' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  };
}

/** Time to live is not part of CreateTable: it is switched on by its own call. */
export function timeToLiveInput(tableName: string): UpdateTimeToLiveCommandInput {
  return { TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } };
}
