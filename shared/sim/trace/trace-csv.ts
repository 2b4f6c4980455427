/**
 * The rows of a request-rate trace CSV (`timestamp,requests[,gap][,context_tokens,generated_tokens]`,
 * see {@link TRACE_COLUMNS}), checked line by line:
 * every problem is a {@link TraceFormatError} naming its 1-based line, so a user can open the file
 * at the line and fix it. Turning the rows into simulated minutes is `./trace.ts`'s job.
 *
 * One pass over the text: a 62-day trace has 89,280 lines, and cutting it into a string per line
 * and per field was most of the time `scaler simulate` spent reading it. Each row is read quickly
 * from the text where it is common, else carefully as a string (`./trace-row.ts`).
 */
import { TraceFormatError } from './trace-error.ts';
import { readRowCarefully, readRowQuickly, type TraceHeader } from './trace-row.ts';

export { TraceFormatError } from './trace-error.ts';

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

/**
 * Every column a trace may have, in no required order after the first two: `timestamp` and
 * `requests` (first and second), `gap` (1 = no data that step), and the token counts of LLM traces
 * (`context_tokens`, `generated_tokens`), accepted and not read yet. Any other column is refused by
 * name: a column the simulator silently ignored would be a trace silently misread.
 */
export const TRACE_COLUMNS = ['timestamp', 'requests', 'gap', 'context_tokens', 'generated_tokens'] as const;

const CARRIAGE_RETURN = 13;
const BYTE_ORDER_MARK = 0xfeff;

function readHeader(line: string, source: string | undefined): TraceHeader {
  const columns = line.split(',').map((cell) => cell.trim().toLowerCase());
  if (columns[0] !== 'timestamp' || columns[1] !== 'requests') {
    throw new TraceFormatError(
      `expected a header starting with 'timestamp,requests', found '${line.slice(0, 80)}'`,
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

/** Index of the first line end at or after `from`, or the text's length on the last line. */
function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** Lines of `text` from `from` on (one more than its line ends). */
function countLines(text: string, from: number): number {
  let lines = 1;
  for (let at = text.indexOf('\n', from); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/**
 * Parses the text of a trace CSV into its rows.
 *
 * @throws {TraceFormatError} for an empty file, a bad header, a timestamp that is not an
 *   ISO-8601 instant with a zone, unsorted or duplicate timestamps, mixed steps, a step outside
 *   1 s .. 1 h, a request count that is not a number or is negative, a gap that is not 0 or 1.
 */
export function parseTraceRows(text: string, source?: string): TraceRows {
  return readTraceRows(text, source, true);
}

/**
 * {@link parseTraceRows} reading every row by the careful path alone: what the tests hold the
 * quick path to (same rows, same errors). Not for use outside them: it is several times slower.
 */
export function parseTraceRowsCarefully(text: string, source?: string): TraceRows {
  return readTraceRows(text, source, false);
}

function readTraceRows(text: string, source: string | undefined, quick: boolean): TraceRows {
  // Blank lines, the byte-order mark included, hold nothing (`\s` is what `trim` removes).
  if (!/\S/.test(text)) {
    throw new TraceFormatError('the trace is empty: expected a header and at least two rows', {
      line: 1,
      source,
    });
  }
  const begin = text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  const headerEnd = lineEnd(text, begin);
  const header = readHeader(text.slice(begin, headerEnd).replace(/\r$/, ''), source);
  const lines = countLines(text, begin);
  const capacity = lines - 1;
  const rows: TraceRows = {
    times: new Float64Array(capacity),
    counts: new Float64Array(capacity),
    gaps: new Uint8Array(capacity),
    contextTokens: header.contextColumn < 0 ? undefined : new Float64Array(capacity),
    generatedTokens: header.generatedColumn < 0 ? undefined : new Float64Array(capacity),
    stepMs: 0,
    length: 0,
  };
  let start = headerEnd + 1;
  for (let lineNumber = 2; lineNumber <= lines; lineNumber++) {
    const end = lineEnd(text, start);
    // One carriage return before the line end is part of it (CRLF files).
    const stop = end > start && text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end;
    if (!(quick && readRowQuickly(rows, header, text, start, stop))) {
      readRowCarefully(rows, header, text.slice(start, stop), lineNumber, source);
    }
    start = end + 1;
  }
  if (rows.length < 2) {
    throw new TraceFormatError(`expected at least two rows (they fix the step), found ${rows.length}`, {
      line: lines,
      source,
    });
  }
  const { times, counts, gaps, contextTokens, generatedTokens, stepMs, length } = rows;
  return { times, counts, gaps, contextTokens, generatedTokens, stepMs, length };
}
