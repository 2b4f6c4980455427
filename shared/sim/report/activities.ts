/**
 * The report page's scaling activities: a tally of every decision by action, then a table of
 * the first actions that changed (or tried to change) capacity. The endpoint confirming a change
 * is not a decision of its own (activities.jsonl has those records too).
 */
import { confirmsEarlierChange, type EventOutcome } from '../../usecases/outcome.ts';
import { escapeXml as esc } from './draw.ts';
import { int, utcInstant } from './format.ts';

/** Scaling activities listed in the page; the rest are in activities.jsonl. */
const LISTED_ACTIVITIES = 200;

/** The tally and the table of activities; a long run's are capped, the file has them all. */
export function scalingActivities(outcomes: EventOutcome[]): string {
  const decisions = outcomes.filter((o) => !confirmsEarlierChange(o));
  const counts = new Map<string, number>();
  for (const o of decisions) counts.set(o.action, (counts.get(o.action) ?? 0) + 1);
  const tally = `${[...counts].map(([action, n]) => `${int(n)} ${action}`).join(' · ') || 'No events'}.`;
  const listed = decisions.filter((o) => o.action !== 'none').slice(0, LISTED_ACTIVITIES);
  const rows = listed
    .map((o) => {
      const cells = [
        utcInstant(o.time),
        o.action,
        `${o.fromCapacity} → ${o.toCapacity}`,
        o.scheduledActionName ?? o.policyName ?? '',
        o.reason,
      ];
      return `<tr class="action-${esc(o.action)}">${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
    })
    .join('');
  const more = outcomes.length > 0 ? ` All ${int(outcomes.length)} outcomes are in activities.jsonl.` : '';
  const head =
    '<tr><th>Time (UTC)</th><th>Action</th><th>Capacity</th><th>Policy or schedule</th><th>Reason</th></tr>';
  const table =
    listed.length > 0
      ? `<div class="table-scroll"><table class="activities"><thead>${head}</thead><tbody>${rows}</tbody></table></div>`
      : '';
  const shown =
    listed.length === LISTED_ACTIVITIES
      ? ` The first ${LISTED_ACTIVITIES} that were not a no-op are listed.`
      : '';
  return `<p class="note">${esc(`${tally}${shown}${more}`)}</p>${table}`;
}
