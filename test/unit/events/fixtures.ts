/** Loads the real-shaped samples in `events/` and derives malformed variants from them. */
import { readFileSync } from 'node:fs';

const EVENTS_DIR = new URL('../../../events/', import.meta.url);

/** The alarm samples, by file name under `events/alarm/`. */
export const ALARM_SAMPLES = [
  'invocations-high-alarm.json',
  'invocations-high-ok.json',
  'invocations-high-insufficient-data.json',
  'invocations-low-alarm.json',
  'metric-math-alarm.json',
] as const;

/** The scheduled-action samples, by file name under `events/scheduled/`. */
export const SCHEDULED_SAMPLES = ['weekend-peak.json', 'weekday-baseline.json'] as const;

/** The text of a file under `events/`. */
export function readEventFile(path: string): string {
  return readFileSync(new URL(path, EVENTS_DIR), 'utf8');
}

/** A fresh copy of a sample, safe to mutate. */
export function loadEvent(path: string): Record<string, unknown> {
  return JSON.parse(readEventFile(path)) as Record<string, unknown>;
}

/**
 * A copy of `event` with the value at `path` replaced (or removed when `value` is undefined).
 * Keys are created on the way down, so any path can be set.
 */
export function withValue(
  event: unknown,
  path: readonly (string | number)[],
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(event) as Record<string, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path.at(-1);
  if (last === undefined) throw new Error('withValue needs a non-empty path');
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** What `act` throws, so a test can assert on the error's fields; fails the test if nothing is thrown. */
export function failureOf(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
