/** Instants and numbers as the operate commands print them: UTC, to the second. */

/** `2026-11-23T03:12:00Z`. */
export function isoSeconds(instant: number): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `03:12:00`, or `2026-11-22 23:58:00` when the instant is not on `day` (a `YYYY-MM-DD`). */
export function clockTime(instant: number, day?: string): string {
  const iso = isoSeconds(instant);
  return day === undefined || iso.startsWith(day)
    ? iso.slice(11, 19)
    : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** A metric value as a person reads it: whole numbers as they are, others to two decimals. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** `4m 05s`, `1h 02m`, `35s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

/** `2026-11-27 18:00 Europe/Berlin`: the wall-clock time in a time zone. */
export function zonedTime(instant: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${timeZone}`;
}
