/**
 * Figures as text for the report page: fixed decimals, thin grouping and UTC minutes, so the
 * page reads the same on every machine, whatever its locale or time zone.
 */

const formats = new Map<number, Intl.NumberFormat>();

/**
 * Fixed decimals and thousands grouping, the same text on every machine: the locale is fixed
 * (en-US), and halves round away from zero on the number as it prints (12.35 instance-hours is
 * 12.4, as a reader adding up timeline.csv expects, where `toFixed` gives 12.3 from the binary
 * 12.3499…). `scaler simulate`'s summary table prints with this too, so the CLI and the report
 * agree to the digit. A value that rounds to zero loses its minus sign.
 */
export function num(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '—';
  let format = formats.get(decimals);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: 'negative',
    });
    formats.set(decimals, format);
  }
  return format.format(value);
}

/** Instance-hours as the report and the CLI's summary table both print them: to a tenth. */
export function instanceHours(value: number): string {
  return num(value, 1);
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
