/**
 * `startTime` / `endTime` of a scheduled action: UTC instants (AAS StartTime/EndTime). YAML may
 * hand them over as strings (YAML 1.2 core schema) or as Dates (YAML 1.1 timestamps).
 */
import { describeValue } from './issues.ts';

// A zone designator is required: without one, JavaScript reads the text as local time, so the
// same file would mean different instants on a laptop and in Lambda.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

const EXPECTED = 'expected an ISO-8601 instant with its zone, such as 2026-01-01T00:00:00Z';

/** Epoch ms, or the sentence saying why the value is not an instant. */
export function parseInstant(value: unknown): number | string {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? `${EXPECTED}, found an invalid date` : ms;
  }
  if (typeof value !== 'string') return `${EXPECTED}, found ${describeValue(value)}`;
  const match = ISO_INSTANT.exec(value.trim());
  const ms = match ? Date.parse(value.trim()) : Number.NaN;
  if (!match || Number.isNaN(ms) || !fieldsInRange(match))
    return `${EXPECTED}, found ${describeValue(value)}`;
  return ms;
}

/** Date.parse accepts 2026-02-30 (rolling over to March); a calendar date must exist. */
function fieldsInRange(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0'));
  if (year === undefined || month === undefined || day === undefined) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    (hour ?? 0) <= 23 &&
    (minute ?? 0) <= 59 &&
    (second ?? 0) <= 59
  );
}
