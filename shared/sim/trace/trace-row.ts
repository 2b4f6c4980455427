/**
 * One data row of a trace CSV, read in one of two ways that agree on every row they both accept.
 * The quick path reads the common row (a canonical timestamp, whole or plain numbers) straight
 * from the file's text, without cutting it into strings; it gives up, writing nothing, on
 * anything else. The careful path then reads that row as a string, field by field, and is the one
 * that words every error, so a message names the same line and says the same thing whichever
 * path saw the row first.
 */
import type { TraceRows } from './trace-csv.ts';
import { TraceFormatError } from './trace-error.ts';
import { CANONICAL_LENGTH, canonicalInstant, hasCanonicalShape, parseTimestamp } from './trace-timestamp.ts';

/** Where the columns the simulator reads sit in a row (0-based). */
export interface TraceHeader {
  gapColumn: number;
  /** -1 when the file has no such column. */
  contextColumn: number;
  generatedColumn: number;
  /** Fields a row needs: the ones the simulator reads. */
  needed: number;
}

const MIN_STEP_MS = 1_000;
const MAX_STEP_MS = 3_600_000;
const MINUTE_MS = 60_000;
const COMMA = 44;

/** What is wrong with the step fixed by the first two rows (1 s to 1 h, whole seconds, whole minutes above one), if anything. */
function stepProblem(stepMs: number): string | undefined {
  if (stepMs <= 0) return 'timestamp is not after the one before (rows must be sorted, without duplicates)';
  if (stepMs < MIN_STEP_MS || stepMs > MAX_STEP_MS || stepMs % 1000 !== 0) {
    return `step of ${stepMs / 1000} s is outside 1 s .. 1 h (whole seconds)`;
  }
  // A coarser step is spread over the minutes it covers; one that ends mid-minute has no such split.
  if (stepMs > MINUTE_MS && stepMs % MINUTE_MS !== 0) {
    return `a step longer than a minute must be whole minutes, found ${stepMs / 1000} s`;
  }
  return undefined;
}

function parseCount(text: string, fail: (detail: string) => never, column = 'requests'): number {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) fail(`${column}: expected a number, found '${text}'`);
  if (value < 0) fail(`${column}: expected a count >= 0, found ${trimmed}`);
  return value;
}

function parseGap(text: string | undefined, fail: (detail: string) => never): number {
  const trimmed = (text ?? '').trim();
  if (trimmed === '' || trimmed === '0') return 0;
  if (trimmed === '1') return 1;
  return fail(`gap: expected 0 or 1, found '${text}'`);
}

/**
 * Reads `line` (1-based `lineNumber`, its line end removed) into `rows`; a blank line adds nothing.
 *
 * @throws {TraceFormatError} naming the line, for any problem in it.
 */
export function readRowCarefully(
  rows: TraceRows,
  header: TraceHeader,
  line: string,
  lineNumber: number,
  source: string | undefined,
): void {
  if (line.trim() === '') return;
  const fail = (detail: string): never => {
    throw new TraceFormatError(detail, { line: lineNumber, source });
  };
  const fields = line.split(',');
  if (fields.length < header.needed) {
    fail(`expected at least ${header.needed} columns, found ${fields.length}`);
  }
  const stamp = (fields[0] as string).trim();
  const time = parseTimestamp(stamp);
  if (time === undefined)
    fail(`timestamp: expected an ISO-8601 instant like 1995-07-01T04:00:00Z, found '${stamp}'`);
  const at = time as number;
  const { length, times } = rows;
  if (length === 1) {
    rows.stepMs = at - (times[0] as number);
    const problem = stepProblem(rows.stepMs);
    if (problem !== undefined) fail(problem);
  } else if (length > 1) {
    const step = at - (times[length - 1] as number);
    if (step <= 0) fail('timestamp is not after the one before (rows must be sorted, without duplicates)');
    if (step !== rows.stepMs)
      fail(`mixed steps: expected ${rows.stepMs / 1000} s after the row before, found ${step / 1000} s`);
  }
  times[length] = at;
  rows.counts[length] = parseCount(fields[1] as string, fail);
  rows.gaps[length] = header.gapColumn < 0 ? 0 : parseGap(fields[header.gapColumn], fail);
  if (rows.contextTokens)
    rows.contextTokens[length] = parseCount(fields[header.contextColumn] as string, fail, 'context_tokens');
  if (rows.generatedTokens)
    rows.generatedTokens[length] = parseCount(
      fields[header.generatedColumn] as string,
      fail,
      'generated_tokens',
    );
  rows.length = length + 1;
}

/**
 * A field of a row read in place: a count (its digits summed as read when there are no more than
 * 15, exact in a double; any other field starting with a digit goes to `Number`, which is what the
 * careful path calls on it, `Number` ignoring the blanks `trim` would remove), or -1 when the
 * careful path must read it (blank, a sign, a word, not finite).
 */
function quickCount(text: string, from: number, to: number, plain: boolean, value: number): number {
  if (plain && to > from && to - from <= 15) return value;
  const first = text.charCodeAt(from) - 48;
  if (!(first >= 0 && first <= 9)) return -1;
  const number = Number(text.slice(from, to));
  return Number.isFinite(number) && number >= 0 ? number : -1;
}

/**
 * Reads the row at `text[start, stop)` (its line end removed) into `rows` when it is a common
 * row that fits the rows before; returns false, writing nothing, on anything else. One scan: the
 * timestamp at fixed places, then each field the simulator reads, up to its comma.
 */
export function readRowQuickly(
  rows: TraceRows,
  header: TraceHeader,
  text: string,
  start: number,
  stop: number,
): boolean {
  // The line must hold the timestamp and its comma: the characters after it are the next line's.
  if (stop - start <= CANONICAL_LENGTH || text.charCodeAt(start + CANONICAL_LENGTH) !== COMMA) return false;
  if (!hasCanonicalShape(text, start)) return false;
  const time = canonicalInstant(text, start);
  if (Number.isNaN(time)) return false;
  const { length, times } = rows;
  let stepMs = rows.stepMs;
  if (length === 1) {
    stepMs = time - (times[0] as number);
    if (stepProblem(stepMs) !== undefined) return false;
  } else if (length > 1 && time - (times[length - 1] as number) !== stepMs) {
    return false;
  }
  let count = 0;
  let gap = 0;
  let context = 0;
  let generated = 0;
  let from = start + CANONICAL_LENGTH + 1;
  for (let column = 1; column < header.needed; column++) {
    let to = from;
    let plain = true;
    let value = 0;
    for (; to < stop; to++) {
      const code = text.charCodeAt(to);
      if (code === COMMA) break;
      const digit = code - 48;
      if (digit >= 0 && digit <= 9) value = value * 10 + digit;
      else plain = false;
    }
    // Fewer fields than the header needs: the careful path words it.
    if (to === stop && column < header.needed - 1) return false;
    if (column === header.gapColumn) {
      // Empty, `0` or `1`.
      if (!(plain && to - from <= 1 && value <= 1)) return false;
      gap = value;
    } else {
      const number = quickCount(text, from, to, plain, value);
      if (number < 0) return false;
      if (column === 1) count = number;
      else if (column === header.contextColumn) context = number;
      else generated = number;
    }
    from = to + 1;
  }
  times[length] = time;
  rows.counts[length] = count;
  rows.gaps[length] = gap;
  if (rows.contextTokens) rows.contextTokens[length] = context;
  if (rows.generatedTokens) rows.generatedTokens[length] = generated;
  rows.stepMs = stepMs;
  rows.length = length + 1;
  return true;
}
