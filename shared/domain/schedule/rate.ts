/**
 * `rate(value unit)`: a fixed period counted in UTC from an anchor. EventBridge rates are
 * durations, not wall-clock steps: "1 day" is 24 hours even across daylight saving changes.
 */

import type { RateExpression, ScheduleWindow } from './types.ts';

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
type RateUnit = keyof typeof UNIT_MS;

function isUnit(word: string): word is RateUnit {
  return Object.hasOwn(UNIT_MS, word);
}

/** A rate schedule asked for firings with neither `rateAnchor` nor `startTime` to count from. */
export class RateAnchorMissingError extends Error {
  override readonly name = 'RateAnchorMissingError';

  constructor(expression: string) {
    super(
      `${expression}: a rate schedule counts from its window's rateAnchor or startTime, and neither is set`,
    );
  }
}

/** Parses the inside of `rate(...)`; `text` is the whole expression, kept on the result. */
export function parseRate(
  body: string,
  text: string,
): { ok: true; expression: RateExpression } | { ok: false; errors: string[] } {
  const words = body.trim().split(/\s+/);
  if (words.length !== 2) return { ok: false, errors: [`rate: expected rate(value unit), found '${text}'`] };
  const [valueText, unitText] = words as [string, string];
  const errors: string[] = [];
  // At most 8 digits keeps value * 1 day a safe integer of milliseconds.
  if (!/^[1-9]\d{0,7}$/.test(valueText)) {
    errors.push(`rate value: expected a positive whole number (at most 8 digits), found '${valueText}'`);
  }
  const plural = unitText.endsWith('s');
  const unit = plural ? unitText.slice(0, -1) : unitText;
  if (!isUnit(unit)) {
    errors.push(`rate unit: expected minute(s), hour(s) or day(s), found '${unitText}'`);
    return { ok: false, errors };
  }
  const value = Number(valueText);
  // AWS: "If the value is equal to 1, then the unit must be singular. If the value is greater
  // than 1, the unit must be plural." rate(1 minutes) and rate(5 minute) are rejected.
  if (errors.length === 0 && plural !== value > 1) {
    errors.push(
      `rate unit: expected '${value > 1 ? `${unit}s` : unit}' for a value of ${value}, found '${unitText}'`,
    );
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, expression: { kind: 'rate', value, unit, periodMs: value * UNIT_MS[unit], text } };
}

/**
 * The rate's firings at or after `from`: anchor + k * period for k >= 0, forever. The anchor is
 * the window's `rateAnchor`, else its `startTime` (EventBridge starts a rate schedule at its
 * start date); the time zone plays no part.
 */
export function* rateInstants(rate: RateExpression, window: ScheduleWindow, from: number): Generator<number> {
  const anchor = window.rateAnchor ?? window.startTime;
  if (anchor === undefined) throw new RateAnchorMissingError(rate.text);
  for (let k = Math.max(0, Math.ceil((from - anchor) / rate.periodMs)); ; k++)
    yield anchor + k * rate.periodMs;
}
