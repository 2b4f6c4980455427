import { fitColumns, renderTable } from '../cli/table.ts';
import type { ActivityRecord } from '../ports/activity.ts';
import { clockTime, isoSeconds } from '../usecases/operate/clock-text.ts';
import type { Explanation } from '../usecases/operate/why.ts';

/** How wide `scaler history` prints by default: a common terminal, and room for a side panel. */
export const HISTORY_WIDTH = 120;

/**
 * `scaler history` as a table, newest first; the target column only when several targets are
 * shown. Unless `wide`, the two free-text columns (cause, message) are cut with an ellipsis so that
 * a line fits {@link HISTORY_WIDTH}; time, target, capacity, status and reason code, the columns
 * one scans and filters on, are always whole.
 */
export function renderHistory(
  records: readonly ActivityRecord[],
  manyTargets: boolean,
  options: { wide?: boolean } = {},
): string {
  if (records.length === 0) return 'no activity matches';
  const rows = records.map((r) => [
    isoSeconds(r.startTime),
    ...(manyTargets ? [`${r.endpointName}/${r.variantName}`] : []),
    r.cause,
    `${r.fromCapacity} -> ${r.toCapacity}`,
    r.shadow ? `${r.status} (shadow)` : r.status,
    r.reasonCode ?? '-',
    r.statusMessage,
  ]);
  const headers = [
    'time',
    ...(manyTargets ? ['target'] : []),
    'cause',
    'capacity',
    'status',
    'reason',
    'message',
  ];
  if (options.wide) return renderTable(headers, rows);
  const free = ['cause', 'message'].map((name) => headers.indexOf(name)).filter((i) => i >= 0);
  return renderTable(headers, fitColumns(headers, rows, HISTORY_WIDTH, free));
}

/** `scaler why` as a headed list of sentences. */
export function renderExplanation(explanation: Explanation): string {
  const day = isoSeconds(explanation.at).slice(0, 10);
  const head = `${explanation.target} around ${day} ${clockTime(explanation.at)} UTC (${clockTime(explanation.from, day)} to ${clockTime(explanation.to, day)}):`;
  return [head, ...explanation.sentences.map((sentence) => `- ${sentence}`)].join('\n');
}
