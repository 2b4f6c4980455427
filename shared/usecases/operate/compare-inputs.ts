/**
 * What `scaler compare` pairs, read out of each side's history: our activity records, and native
 * Application Auto Scaling's scaling activities (DescribeScalingActivities). Pure.
 */
import type { ActivityRecord, ActivityStatus } from '../../ports/activity.ts';
import type { CapacityChange } from './compare-pairing.ts';

/**
 * A native scaling activity, as DescribeScalingActivities returns it (the fields compare reads):
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_ScalingActivity.html
 */
export interface NativeActivity {
  activityId: string;
  /** `StartTime`, epoch ms. */
  startTime: number;
  /** `Description`: for a SageMaker variant, "Setting desired instance count to 3." */
  description: string;
  /** `Cause`: e.g. "monitor alarm <name> in state ALARM triggered policy <policy>". */
  cause: string;
  /** `StatusCode`: Pending, InProgress, Successful, Overridden, Unfulfilled or Failed. */
  statusCode: string;
  statusMessage?: string | undefined;
}

/** Native AAS's activity history of one scalable target. */
export interface NativeActivityHistory {
  /**
   * The activities of `resourceId` (`endpoint/<E>/variant/<V>`) that started in [from, to], oldest
   * first, and the newest Successful one before `from`: the count native left the variant at when
   * the window opens. AAS keeps six weeks of activities.
   */
  activitiesBetween(
    resourceId: string,
    from: number,
    to: number,
  ): Promise<{ activities: NativeActivity[]; before?: NativeActivity | undefined }>;
}

/** Our statuses of a change that was made (or, in shadow mode, would have been). */
const OUR_CHANGE_STATUSES: ReadonlySet<ActivityStatus> = new Set(['Successful', 'InProgress', 'Pending']);

/**
 * Native statuses of a change that took place or is taking place. Failed, Unfulfilled and
 * Overridden activities left the count where it was, so they are not changes.
 */
const NATIVE_CHANGE_STATUSES: ReadonlySet<string> = new Set(['Successful', 'InProgress', 'Pending']);

/** Our desired-count changes: scale-outs and scale-ins that were made (shadow: decided), oldest first. */
export function ourChanges(records: readonly ActivityRecord[]): CapacityChange[] {
  return records
    .filter(
      (record) =>
        (record.action === 'scale-out' || record.action === 'scale-in') &&
        OUR_CHANGE_STATUSES.has(record.status) &&
        record.fromCapacity !== record.toCapacity,
    )
    .map((record) => ({
      id: record.activityId,
      at: record.startTime,
      fromCount: record.fromCapacity,
      toCount: record.toCapacity,
      cause: record.cause,
    }))
    .sort((a, b) => a.at - b.at);
}

/** The count of "Setting desired instance count to 3.", AAS's Description of a SageMaker variant's activity. */
export function desiredCountOf(description: string): number | undefined {
  const match = /desired instance count to (\d+)/i.exec(description);
  return match ? Number(match[1]) : undefined;
}

/** Native's changes and what compare had to leave out of them. */
export interface NativeChanges {
  changes: CapacityChange[];
  /** Activities that changed nothing (Failed, Unfulfilled, Overridden), by status. */
  notChanges: Record<string, number>;
  /** Activities whose Description names no desired instance count. */
  unreadable: NativeActivity[];
}

/**
 * Native's desired-count changes, oldest first. AAS names only the new count; the count before
 * each is the one the previous change set (for the first: the activity before the window, when
 * there is one). A change to the count already set is no change and is dropped.
 */
export function nativeChanges(
  activities: readonly NativeActivity[],
  before?: NativeActivity | undefined,
): NativeChanges {
  const notChanges: Record<string, number> = {};
  const unreadable: NativeActivity[] = [];
  const changes: CapacityChange[] = [];
  let current = before === undefined ? undefined : desiredCountOf(before.description);
  for (const activity of [...activities].sort((a, b) => a.startTime - b.startTime)) {
    if (!NATIVE_CHANGE_STATUSES.has(activity.statusCode)) {
      notChanges[activity.statusCode] = (notChanges[activity.statusCode] ?? 0) + 1;
      continue;
    }
    const toCount = desiredCountOf(activity.description);
    if (toCount === undefined) {
      unreadable.push(activity);
      continue;
    }
    if (toCount !== current) {
      changes.push({
        id: activity.activityId,
        at: activity.startTime,
        fromCount: current,
        toCount,
        cause: activity.cause,
      });
    }
    current = toCount;
  }
  return { changes, notChanges, unreadable };
}
