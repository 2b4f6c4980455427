import { renderTable } from '../cli/table.ts';
import { clockTime, isoSeconds } from '../usecases/operate/clock-text.ts';
import type { Comparison } from '../usecases/operate/compare.ts';
import type {
  CapacityChange,
  ComparisonRow,
  ComparisonSummary,
} from '../usecases/operate/compare-pairing.ts';

/** `scaler compare` as text: a heading, one row per pair or lone change, the summary, the notes. */
export function renderComparison(comparison: Comparison): string {
  const day = isoSeconds(comparison.from).slice(0, 10);
  const head = `${comparison.target} (${comparison.mode}): ours beside native Application Auto Scaling, ${isoSeconds(comparison.from)} to ${isoSeconds(comparison.to)}, paired within ${comparison.toleranceMinutes} min`;
  const change = (c: CapacityChange | undefined) =>
    c === undefined ? '-' : `${clockTime(c.at, day)}  ${c.fromCount ?? '?'} -> ${c.toCount}`;
  const table =
    comparison.rows.length === 0
      ? 'neither side changed the desired count in the window'
      : renderTable(
          ['kind', 'ours', 'native', 'difference'],
          comparison.rows.map((row) => [row.kind, change(row.ours), change(row.native), difference(row)]),
        );
  const notes = comparison.notes.map((note) => `note: ${note}`);
  return [head, '', table, '', summaryLine(comparison.summary), ...notes].join('\n');
}

/** `ours 4.0 min earlier`, `ours 2 instances more, 1.0 min later`: what separates a pair. */
export function difference(row: ComparisonRow): string {
  if (row.kind === 'only-ours') return 'native did not scale';
  if (row.kind === 'only-native') return 'ours did not scale';
  const parts: string[] = [];
  const size = row.sizeDifference ?? 0;
  if (size !== 0) {
    const count = Math.abs(size);
    parts.push(`ours ${count} instance${count === 1 ? '' : 's'} ${size > 0 ? 'more' : 'fewer'}`);
  }
  const lead = row.leadMs ?? 0;
  if (row.kind === 'agree') parts.push('same minute');
  else if (lead !== 0)
    parts.push(`${parts.length ? '' : 'ours '}${minutes(Math.abs(lead))} ${lead > 0 ? 'earlier' : 'later'}`);
  else parts.push('same time');
  return parts.join(', ');
}

/** `4.0 min`. */
function minutes(ms: number): string {
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** The summary in one sentence. */
export function summaryLine(summary: ComparisonSummary): string {
  const { counts } = summary;
  const lead = (value: number | undefined) =>
    value === undefined
      ? '-'
      : value === 0
        ? 'same time'
        : `ours ${Math.abs(value).toFixed(1)} min ${value > 0 ? 'earlier' : 'later'}`;
  return [
    `${summary.matched} pair${summary.matched === 1 ? '' : 's'}: ${counts.agree} agree, ${counts['ours-earlier']} ours earlier, ${counts['ours-later']} ours later, ${counts['different-size']} different size;`,
    `${counts['only-ours']} only ours, ${counts['only-native']} only native.\nMedian lead: ${lead(summary.medianLeadMinutes)} (scale-out ${lead(summary.medianScaleOutLeadMinutes)}, scale-in ${lead(summary.medianScaleInLeadMinutes)}).`,
  ].join(' ');
}
