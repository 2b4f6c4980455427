/**
 * Figures as text for the report page: fixed decimals, thin grouping and UTC minutes, so the
 * page reads the same on every machine, whatever its locale or time zone.
 */

/** Fixed decimals and thin grouping: the same text on every machine, whatever its locale. */
export function num(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '—';
  const [whole = '', fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(value.toFixed(decimals)) !== 0 ? '-' : '';
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A cost ratio; none when the oracle costs nothing (no demand, no minimum). */
export function ratio(value: number): string {
  return Number.isFinite(value) ? `${num(value, 2)}×` : '—';
}

/** A count, rounded to a whole number and grouped like {@link num}. */
export function int(value: number): string {
  return num(Math.round(value), 0);
}

/** An instant to the minute, in UTC: `2024-05-01 06:00`. */
export function utc(time: number): string {
  return new Date(time).toISOString().slice(0, 16).replace('T', ' ');
}

/** An instant in UTC to the minute, with its seconds when it has any (10-s steps): `2024-05-01 06:00:40`. */
export function utcInstant(time: number): string {
  return time % 60_000 === 0 ? utc(time) : new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}
