/** `at(yyyy-mm-ddThh:mm:ss)`: one wall-clock time in the action's time zone. */

import { dayResolver } from './time-zone.ts';
import type { AtExpression } from './types.ts';

const AT_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/** Parses the inside of `at(...)`; `text` is the whole expression, kept on the result. */
export function parseAt(
  body: string,
  text: string,
): { ok: true; expression: AtExpression } | { ok: false; errors: string[] } {
  if (!AT_SHAPE.test(body))
    return { ok: false, errors: [`at: expected at(yyyy-mm-ddThh:mm:ss), found '${text}'`] };
  const [year, month, day, hour, minute, second] = body.split(/[-T:]/).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const errors: string[] = [];
  const check = (name: string, value: number, min: number, max: number): void => {
    if (value < min || value > max)
      errors.push(`at ${name}: expected ${min}-${max}, found ${value} in '${text}'`);
  };
  // Years as in cron (AWS states 1970-2199 there and no range for at()).
  check('year', year, 1970, 2199);
  check('month', month, 1, 12);
  check('day', day, 1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  check('hour', hour, 0, 23);
  check('minute', minute, 0, 59);
  check('second', second, 0, 59);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, expression: { kind: 'at', year, month, day, hour, minute, second, text } };
}

/** The one firing, if it is at or after `from`. A wall-clock time skipped by daylight saving never fires. */
export function atInstants(at: AtExpression, timeZone: string, from: number): number[] {
  const instant = dayResolver(timeZone, at.year, at.month, at.day)(at.hour, at.minute, at.second);
  return instant !== undefined && instant >= from ? [instant] : [];
}
