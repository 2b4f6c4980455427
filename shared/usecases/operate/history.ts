import type { ActivityRecord, ActivityStatus } from '../../ports/activity.ts';
import type { ActivityPages } from './ports.ts';

/** The statuses an activity can have, for checking `--status`. */
export const ACTIVITY_STATUSES: readonly ActivityStatus[] = [
  'Pending',
  'InProgress',
  'Successful',
  'Overridden',
  'Unfulfilled',
  'Failed',
  'NotScaled',
];

type ActivityReasonCode = NonNullable<ActivityRecord['reasonCode']>;

// Every reason code an activity can carry, once each: the type makes a new code a compile error
// here until it is listed, so `--reason` never refuses a code the scaler writes.
const REASON_CODES: Record<ActivityReasonCode, true> = {
  AlreadyAtMaxCapacity: true,
  AlreadyAtMinCapacity: true,
  AlreadyAtDesiredCapacity: true,
  CooldownInEffect: true,
  NoMatchingStep: true,
  ZeroStepAdjustment: true,
  ScalingSuspended: true,
  EndpointNotInService: true,
  DuplicateEvent: true,
  StaleEvent: true,
  UnknownAlarm: true,
  UnknownScheduledAction: true,
  AlarmNotInAlarm: true,
  MissingMetricData: true,
  MissingThreshold: true,
  OutsideScheduleWindow: true,
  InvalidScheduledBounds: true,
  CapacityWithinNewBounds: true,
  ConfigurationChanged: true,
  IntentOverridden: true,
  EndpointFailed: true,
  CapacityRejected: true,
  NativePoliciesPresent: true,
  ScalingPaused: true,
  ScalingResumed: true,
  MarksReset: true,
  ForecastOnly: true,
  OtherPolicyNotInAlarm: true,
  ForecastUpdated: true,
  NotEnoughHistory: true,
};

/** The reason codes an activity can have, for checking `--reason`. */
export const ACTIVITY_REASON_CODES = Object.keys(REASON_CODES) as ActivityReasonCode[];

/** What `scaler history` asks for. */
export interface HistoryQuery {
  /** Only activities that started at or after it (epoch ms); it bounds the Query's key range. */
  since?: number | undefined;
  /** Keep only these statuses (none given: all). */
  statuses?: readonly ActivityStatus[] | undefined;
  /** Keep only these reason codes (none given: all). */
  reasonCodes?: readonly string[] | undefined;
  /** At most this many activities. */
  limit: number;
  /** Records per DynamoDB Query page (default: the limit, or 100 when filtering). */
  pageSize?: number | undefined;
}

/** One target's pages, read one at a time as the merge needs them. */
class Cursor {
  private buffer: ActivityRecord[] = [];
  private done = false;

  constructor(private readonly pages: AsyncIterator<ActivityRecord[]>) {}

  /** The cursor's newest unread record, fetching the next page when the buffer is empty. */
  async peek(): Promise<ActivityRecord | undefined> {
    while (this.buffer.length === 0 && !this.done) {
      const page = await this.pages.next();
      if (page.done) this.done = true;
      else this.buffer = [...page.value];
    }
    return this.buffer[0];
  }

  take(): void {
    this.buffer.shift();
  }

  /** Ends the target's Query early once the limit is reached. */
  async close(): Promise<void> {
    if (!this.done) await this.pages.return?.();
  }
}

/**
 * Activities of the given targets, newest first, merged across targets: each target's history
 * is Queried newest first (never a Scan) and pages are fetched only as the merge reaches them,
 * so `limit` bounds the reads. Status and reason filters apply to the records read (they are
 * not part of the key), so a narrow filter may read more pages to fill the limit.
 */
export async function readHistory(
  pages: ActivityPages,
  targetKeys: readonly string[],
  query: HistoryQuery,
): Promise<ActivityRecord[]> {
  const { since, statuses, reasonCodes, limit } = query;
  const filtered = (statuses?.length ?? 0) > 0 || (reasonCodes?.length ?? 0) > 0;
  const pageSize = query.pageSize ?? (filtered ? 100 : Math.max(1, Math.min(limit, 100)));
  const cursors = targetKeys.map(
    (key) => new Cursor(pages.pageActivities(key, { since, pageSize })[Symbol.asyncIterator]()),
  );
  const kept: ActivityRecord[] = [];
  try {
    while (kept.length < limit) {
      let newest: { cursor: Cursor; record: ActivityRecord } | undefined;
      for (const cursor of cursors) {
        const record = await cursor.peek();
        if (record && (!newest || record.startTime > newest.record.startTime)) newest = { cursor, record };
      }
      if (!newest) break;
      newest.cursor.take();
      if (matches(newest.record, query)) kept.push(newest.record);
    }
  } finally {
    await Promise.all(cursors.map((cursor) => cursor.close()));
  }
  return kept;
}

function matches(record: ActivityRecord, query: HistoryQuery): boolean {
  const { statuses, reasonCodes } = query;
  if (statuses && statuses.length > 0 && !statuses.includes(record.status)) return false;
  if (reasonCodes && reasonCodes.length > 0 && !reasonCodes.includes(record.reasonCode ?? '')) return false;
  return true;
}
