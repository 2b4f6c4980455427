/** An option value that is neither a duration nor an instant. */
export class TimeArgumentError extends Error {
  override readonly name = 'TimeArgumentError';
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses `90s`, `15m`, `24h`, `7d`, `2w` (or a combination such as `1h30m`) to milliseconds. */
export function parseDuration(text: string, option: string): number {
  const trimmed = text.trim();
  const parts = [...trimmed.matchAll(/(\d+)\s*([smhdw])/g)];
  const rebuilt = parts.map((part) => part[0]).join('');
  if (parts.length === 0 || rebuilt.replace(/\s/g, '') !== trimmed.replace(/\s/g, '')) {
    throw new TimeArgumentError(`${option} expects a duration such as 15m, 24h or 7d, found '${text}'`);
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * (UNIT_MS[unit ?? ''] ?? 0), 0);
}

/** Parses an ISO-8601 instant with its zone (`2026-11-23T03:12:00Z`); a date alone means UTC midnight. */
export function parseInstantArgument(text: string, option: string): number {
  const trimmed = text.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) || /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
  const parsed = Date.parse(trimmed);
  if (!hasZone || Number.isNaN(parsed)) {
    throw new TimeArgumentError(
      `${option} expects an ISO-8601 instant with its zone, e.g. 2026-11-23T03:12:00Z, found '${text}'`,
    );
  }
  return parsed;
}

/** `--since`: a duration back from `now` (`24h`, `7d`) or an instant. */
export function parseSince(text: string, now: number): number {
  // A duration starts with digits and a unit letter; an instant with a four-digit year and '-'.
  return /^\s*\d+\s*[smhdw]/.test(text)
    ? now - parseDuration(text, '--since')
    : parseInstantArgument(text, '--since');
}
