import { type TargetConfig, type TargetMode, targetKey } from '../../domain/model.ts';
import { desiredCountOf, type NativeActivityHistory, nativeChanges, ourChanges } from './compare-inputs.ts';
import {
  type CapacityChange,
  type ComparisonRow,
  type ComparisonSummary,
  type PairingOptions,
  pairChanges,
  summarize,
} from './compare-pairing.ts';
import type { ActivityWindow } from './ports.ts';
import { shortTargetName } from './target-ref.ts';

/** A point of a desired-count step line: from `at` on, the count is `count`. */
export interface CountPoint {
  at: number;
  count: number;
}

/** `scaler compare`'s answer for one target and window. */
export interface Comparison {
  target: string;
  mode: TargetMode;
  from: number;
  to: number;
  toleranceMinutes: number;
  rows: ComparisonRow[];
  summary: ComparisonSummary;
  /** Sentences about what the comparison could not see or should be read with. */
  notes: string[];
  /** The two desired-count step lines over the window, for the report's timeline. */
  series: { ours: CountPoint[]; native: CountPoint[] };
}

/** Where compare reads: our history in the table, native's from AAS. */
export interface ComparePorts {
  window: Pick<ActivityWindow, 'activitiesBetween'>;
  native: NativeActivityHistory;
}

/**
 * Our recorded decisions beside native AAS's activities for one target over [from, to]. Meant for
 * a target in shadow mode, where native scales the endpoint and we only record; an active target
 * is compared too, with a note (its changes were applied, so native, if it still acts, reacts to
 * an endpoint we moved).
 */
export async function compareWithNative(
  ports: ComparePorts,
  target: TargetConfig,
  window: { from: number; to: number },
  options: PairingOptions,
): Promise<Comparison> {
  const key = targetKey(target);
  const [records, native] = await Promise.all([
    ports.window.activitiesBetween(key, window.from, window.to),
    ports.native.activitiesBetween(key, window.from, window.to),
  ]);
  const ours = ourChanges(records);
  const theirs = nativeChanges(native.activities, native.before);
  const rows = pairChanges(ours, theirs.changes, options);
  const notes: string[] = [];
  if (target.mode === 'active') {
    notes.push(
      'this target is active: its changes were applied to the endpoint, so any native activity reacted to capacity the scaler had set (compare is meant for shadow mode)',
    );
  }
  if (theirs.changes.length === 0 && native.activities.length === 0) {
    notes.push(
      'native Application Auto Scaling recorded no activity for this variant in the window (registered? AAS keeps six weeks)',
    );
  }
  for (const [status, count] of Object.entries(theirs.notChanges)) {
    notes.push(
      count === 1
        ? `1 native ${status} activity changed nothing and was left out`
        : `${count} native ${status} activities changed nothing and were left out`,
    );
  }
  for (const activity of theirs.unreadable) {
    notes.push(
      `native activity ${activity.activityId} names no desired instance count ("${activity.description}") and was left out`,
    );
  }
  // Both sides act on one endpoint: where one side's start is unknown, the other's stands in.
  const nativeStart =
    theirs.changes[0]?.fromCount ?? (native.before && desiredCountOf(native.before.description));
  const start = ours[0]?.fromCount ?? nativeStart;
  return {
    target: shortTargetName(target),
    mode: target.mode,
    from: window.from,
    to: window.to,
    toleranceMinutes: options.toleranceMs / 60_000,
    rows,
    summary: summarize(rows),
    notes,
    series: {
      ours: stepLine(ours, start, window.from),
      native: stepLine(theirs.changes, nativeStart ?? start, window.from),
    },
  };
}

/** A step line: the start count at the window's start (when known), then each change's count. */
function stepLine(changes: readonly CapacityChange[], start: number | undefined, from: number): CountPoint[] {
  const points = changes.map((change) => ({ at: change.at, count: change.toCount }));
  return start === undefined ? points : [{ at: from, count: start }, ...points];
}
