/**
 * The rows of a request-rate trace CSV (`timestamp,requests[,gap][,context_tokens,generated_tokens]`,
 * see {@link TRACE_COLUMNS}), checked line by line:
 * every problem is a {@link TraceFormatError} naming its 1-based line, so a user can open the file
 * at the line and fix it. Turning the rows into simulated minutes is `./trace.ts`'s job.
 */
import { parseInstant } from '../../events/timestamps.ts';

/** A trace file that cannot be read as a request-rate trace. */
export class TraceFormatError extends Error {
  override readonly name = 'TraceFormatError';
  /** 1-based line of the problem, when it lies on one line. */
  readonly line: number | undefined;

  constructor(detail: string, options: { line?: number; source?: string; cause?: unknown } = {}) {
    const where = [options.source, options.line].filter((part) => part !== undefined).join(':');
    super(where === '' ? detail : `${where}: ${detail}`, { cause: options.cause });
    this.line = options.line;
  }
}

/** The rows of a trace, in file order, one entry per step. */
export interface TraceRows {
  /** Start of each step, epoch ms. */
  times: Float64Array;
  /** Requests that arrived in each step. */
  counts: Float64Array;
  /** 1 where the step has no data (the `gap` column), else 0. */
  gaps: Uint8Array;
  /** The `context_tokens` and `generated_tokens` columns (tokens of the step's requests), when the file has them. */
  contextTokens?: Float64Array | undefined;
  generatedTokens?: Float64Array | undefined;
  /** The fixed step, ms. */
  stepMs: number;
  length: number;
}

const MIN_STEP_MS = 1_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * `YYYY-MM-DDTHH:MM:SSZ`, the form every trace here uses, read without a regex or a Date round
 * trip (a 62-day trace has 89,280 of them); any other form goes to the events' strict parser.
 */
function parseTimestamp(text: string): number | undefined {
  const canonical =
    text.length === 20 &&
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58 &&
    text.charCodeAt(19) === 90;
  if (!canonical) return parseInstant(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  // NaN (a non-digit) fails every comparison below.
  if (!(month >= 1 && day >= 1 && day <= monthDays && hour <= 23 && minute <= 59 && second <= 59))
    return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}
const MAX_STEP_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * Every column a trace may have, in no required order after the first two: `timestamp` and
 * `requests` (first and second), `gap` (1 = no data that step), and the token counts of LLM traces
 * (`context_tokens`, `generated_tokens`), accepted and not read yet. Any other column is refused by
 * name: a column the simulator silently ignored would be a trace silently misread.
 */
export const TRACE_COLUMNS = ['timestamp', 'requests', 'gap', 'context_tokens', 'generated_tokens'] as const;

interface Header {
  gapColumn: number;
  /** -1 when the file has no such column. */
  contextColumn: number;
  generatedColumn: number;
  /** Fields a row needs: the ones the simulator reads. */
  needed: number;
}

function readHeader(line: string | undefined, source: string | undefined): Header {
  const columns = (line ?? '').split(',').map((cell) => cell.trim().toLowerCase());
  if (columns[0] !== 'timestamp' || columns[1] !== 'requests') {
    throw new TraceFormatError(
      `expected a header starting with 'timestamp,requests', found '${(line ?? '').slice(0, 80)}'`,
      { line: 1, source },
    );
  }
  const known: readonly string[] = TRACE_COLUMNS;
  for (const [index, column] of columns.entries()) {
    const shown = JSON.stringify(column.length > 40 ? `${column.slice(0, 40)}…` : column);
    if (!known.includes(column)) {
      throw new TraceFormatError(
        `column ${index + 1} ${shown} is not a trace column: expected ${TRACE_COLUMNS.join(', ')} (timestamp and requests first)`,
        { line: 1, source },
      );
    }
    if (columns.indexOf(column) !== index) {
      throw new TraceFormatError(
        `column ${index + 1} ${shown} repeats column ${columns.indexOf(column) + 1}`,
        {
          line: 1,
          source,
        },
      );
    }
  }
  const gapColumn = columns.indexOf('gap');
  const contextColumn = columns.indexOf('context_tokens');
  const generatedColumn = columns.indexOf('generated_tokens');
  return {
    gapColumn,
    contextColumn,
    generatedColumn,
    needed: Math.max(2, gapColumn + 1, contextColumn + 1, generatedColumn + 1),
  };
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

/** Checks the step fixed by the first two rows: 1 s to 1 h, whole seconds, whole minutes above one. */
function checkStep(stepMs: number, fail: (detail: string) => never): void {
  if (stepMs <= 0) fail('timestamp is not after the one before (rows must be sorted, without duplicates)');
  if (stepMs < MIN_STEP_MS || stepMs > MAX_STEP_MS || stepMs % 1000 !== 0) {
    fail(`step of ${stepMs / 1000} s is outside 1 s .. 1 h (whole seconds)`);
  }
  // A coarser step is spread over the minutes it covers; one that ends mid-minute has no such split.
  if (stepMs > MINUTE_MS && stepMs % MINUTE_MS !== 0) {
    fail(`a step longer than a minute must be whole minutes, found ${stepMs / 1000} s`);
  }
}

/**
 * Parses the text of a trace CSV into its rows.
 *
 * @throws {TraceFormatError} for an empty file, a bad header, a timestamp that is not an
 *   ISO-8601 instant with a zone, unsorted or duplicate timestamps, mixed steps, a step outside
 *   1 s .. 1 h, a request count that is not a number or is negative, a gap that is not 0 or 1.
 */
export function parseTraceRows(text: string, source?: string): TraceRows {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.every((line) => line.trim() === '')) {
    throw new TraceFormatError('the trace is empty: expected a header and at least two rows', {
      line: 1,
      source,
    });
  }
  const header = readHeader(lines[0]?.replace(/\r$/, ''), source);
  const capacity = lines.length - 1;
  const times = new Float64Array(capacity);
  const counts = new Float64Array(capacity);
  const gaps = new Uint8Array(capacity);
  const contextTokens = header.contextColumn < 0 ? undefined : new Float64Array(capacity);
  const generatedTokens = header.generatedColumn < 0 ? undefined : new Float64Array(capacity);
  let length = 0;
  let stepMs = 0;
  for (let index = 1; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/\r$/, '');
    if (line.trim() === '') continue;
    const fail = (detail: string): never => {
      throw new TraceFormatError(detail, { line: index + 1, source });
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
    if (length === 1) {
      stepMs = at - (times[0] as number);
      checkStep(stepMs, fail);
    } else if (length > 1) {
      const step = at - (times[length - 1] as number);
      if (step <= 0) fail('timestamp is not after the one before (rows must be sorted, without duplicates)');
      if (step !== stepMs)
        fail(`mixed steps: expected ${stepMs / 1000} s after the row before, found ${step / 1000} s`);
    }
    times[length] = at;
    counts[length] = parseCount(fields[1] as string, fail);
    gaps[length] = header.gapColumn < 0 ? 0 : parseGap(fields[header.gapColumn], fail);
    if (contextTokens)
      contextTokens[length] = parseCount(fields[header.contextColumn] as string, fail, 'context_tokens');
    if (generatedTokens)
      generatedTokens[length] = parseCount(
        fields[header.generatedColumn] as string,
        fail,
        'generated_tokens',
      );
    length++;
  }
  if (length < 2) {
    throw new TraceFormatError(`expected at least two rows (they fix the step), found ${length}`, {
      line: lines.length,
      source,
    });
  }
  return { times, counts, gaps, contextTokens, generatedTokens, stepMs, length };
}
