/**
 * `scaler compare`'s pairing: the scaler's desired-count changes against native Application Auto
 * Scaling's, one to one, by time. Pure: the changes come in as values, the rows go out.
 */

/** One change of a variant's desired instance count, by either side. */
export interface CapacityChange {
  /** The activity it comes from (ours: our activity id; native: AAS's ActivityId). */
  id: string;
  /** When it started (epoch ms). */
  at: number;
  /** The count before it, when known (AAS's activities name only the new count). */
  fromCount?: number | undefined;
  toCount: number;
  /** Why, in the words of the side that decided it. */
  cause: string;
}

/** How a row of the comparison reads. */
export type ComparisonKind =
  | 'agree'
  | 'ours-earlier'
  | 'ours-later'
  | 'different-size'
  | 'only-ours'
  | 'only-native';

/** Every kind, in the order the summary lists them. */
export const COMPARISON_KINDS: readonly ComparisonKind[] = [
  'agree',
  'ours-earlier',
  'ours-later',
  'different-size',
  'only-ours',
  'only-native',
];

/** One line of the comparison: a matched pair, or a change only one side made. */
export interface ComparisonRow {
  kind: ComparisonKind;
  ours?: CapacityChange | undefined;
  native?: CapacityChange | undefined;
  /** For a pair: native's start minus ours, in ms; positive when ours came first. */
  leadMs?: number | undefined;
  /** For a pair: our target count minus native's (0 unless `different-size`). */
  sizeDifference?: number | undefined;
}

/** The counts and typical lead of a comparison. */
export interface ComparisonSummary {
  counts: Record<ComparisonKind, number>;
  /** Pairs found (every kind but the two `only-` ones). */
  matched: number;
  /** Median of the pairs' lead in minutes (positive: ours earlier); undefined without pairs. */
  medianLeadMinutes?: number | undefined;
  /** The same over the scale-out pairs only, where being early is what protects latency. */
  medianScaleOutLeadMinutes?: number | undefined;
  /** The same over the scale-in pairs only, where being early is what saves instances. */
  medianScaleInLeadMinutes?: number | undefined;
}

/** How close two changes must be to pair, and to count as the same moment. */
export interface PairingOptions {
  /** Two changes further apart than this never pair. */
  toleranceMs: number;
  /** A pair with the same target count this close (or closer) agrees; further apart it is early or late. */
  sameMomentMs: number;
}

/**
 * Ten minutes: twice the 300 s cooldown AAS applies to SageMaker variants by default
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingScalingPolicyConfiguration.html,
 * ScaleOutCooldown / ScaleInCooldown). Two changes further apart than two cooldowns are not the same
 * response to one load change: either side could have scaled again in between.
 */
export const DEFAULT_TOLERANCE_MS = 10 * 60_000;

/**
 * One minute, the period of the alarms both sides act on: two reactions to the same datapoint
 * land within it (alarm evaluation, EventBridge and Lambda add seconds, not minutes).
 */
export const SAME_MOMENT_MS = 60_000;

/** +1 up, -1 down, 0 no change; a native change without its own start count borrows ours. */
function direction(change: CapacityChange, fallbackFrom: number | undefined): number {
  const from = change.fromCount ?? fallbackFrom;
  return from === undefined ? 0 : Math.sign(change.toCount - from);
}

/** The scale-out or scale-in sense both share, or 0 when they differ (or either is unknown). */
function sharedDirection(ours: CapacityChange, native: CapacityChange): number {
  const mine = direction(ours, undefined);
  return mine !== 0 && mine === direction(native, ours.fromCount) ? mine : 0;
}

interface Candidate {
  ours: number;
  native: number;
  distance: number;
  sizeGap: number;
}

/**
 * Pairs each change with at most one of the other side: among the pairs that scale the same way
 * within the tolerance, the closest in time first (then the closest in size, then the earliest),
 * greedily. Everything left over is a change only one side made. Rows come out in time order.
 */
export function pairChanges(
  ours: readonly CapacityChange[],
  native: readonly CapacityChange[],
  options: PairingOptions,
): ComparisonRow[] {
  const candidates: Candidate[] = [];
  for (const [i, o] of ours.entries()) {
    for (const [j, n] of native.entries()) {
      const distance = Math.abs(n.at - o.at);
      if (distance <= options.toleranceMs && sharedDirection(o, n) !== 0) {
        candidates.push({ ours: i, native: j, distance, sizeGap: Math.abs(o.toCount - n.toCount) });
      }
    }
  }
  candidates.sort(
    (a, b) =>
      a.distance - b.distance ||
      a.sizeGap - b.sizeGap ||
      (ours[a.ours]?.at ?? 0) - (ours[b.ours]?.at ?? 0) ||
      a.ours - b.ours ||
      a.native - b.native,
  );
  const oursTaken = new Set<number>();
  const nativeTaken = new Set<number>();
  const rows: ComparisonRow[] = [];
  for (const candidate of candidates) {
    if (oursTaken.has(candidate.ours) || nativeTaken.has(candidate.native)) continue;
    oursTaken.add(candidate.ours);
    nativeTaken.add(candidate.native);
    rows.push(
      pairRow(ours[candidate.ours] as CapacityChange, native[candidate.native] as CapacityChange, options),
    );
  }
  for (const [i, o] of ours.entries()) if (!oursTaken.has(i)) rows.push({ kind: 'only-ours', ours: o });
  for (const [j, n] of native.entries()) {
    if (!nativeTaken.has(j)) rows.push({ kind: 'only-native', native: n });
  }
  return rows.sort((a, b) => rowTime(a) - rowTime(b) || sideOrder(a) - sideOrder(b));
}

function pairRow(ours: CapacityChange, native: CapacityChange, options: PairingOptions): ComparisonRow {
  const leadMs = native.at - ours.at;
  const sizeDifference = ours.toCount - native.toCount;
  const kind: ComparisonKind =
    sizeDifference !== 0
      ? 'different-size'
      : Math.abs(leadMs) <= options.sameMomentMs
        ? 'agree'
        : leadMs > 0
          ? 'ours-earlier'
          : 'ours-later';
  return { kind, ours, native, leadMs, sizeDifference };
}

/** A row's place on the timeline: the earlier of its two changes. */
function rowTime(row: ComparisonRow): number {
  return Math.min(row.ours?.at ?? Number.POSITIVE_INFINITY, row.native?.at ?? Number.POSITIVE_INFINITY);
}

/** At the same instant: pairs, then ours alone, then native alone. */
function sideOrder(row: ComparisonRow): number {
  return row.kind === 'only-native' ? 2 : row.kind === 'only-ours' ? 1 : 0;
}

/** The median of some numbers, or undefined when there are none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Counts per kind and the median leads, in minutes to one decimal. */
export function summarize(rows: readonly ComparisonRow[]): ComparisonSummary {
  const counts = Object.fromEntries(COMPARISON_KINDS.map((kind) => [kind, 0])) as Record<
    ComparisonKind,
    number
  >;
  for (const row of rows) counts[row.kind] += 1;
  const pairs = rows.filter((row) => row.ours && row.native);
  const minutes = (selected: readonly ComparisonRow[]) => {
    const value = median(selected.map((row) => row.leadMs ?? 0));
    return value === undefined ? undefined : Math.round(value / 6_000) / 10;
  };
  const scalingOut = (row: ComparisonRow) => direction(row.ours as CapacityChange, undefined) > 0;
  return {
    counts,
    matched: pairs.length,
    medianLeadMinutes: minutes(pairs),
    medianScaleOutLeadMinutes: minutes(pairs.filter(scalingOut)),
    medianScaleInLeadMinutes: minutes(pairs.filter((row) => !scalingOut(row))),
  };
}
