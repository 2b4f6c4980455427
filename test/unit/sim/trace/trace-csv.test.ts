import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseTraceRows,
  parseTraceRowsCarefully,
  type TraceRows,
} from '../../../../shared/sim/trace/trace-csv.ts';
import { TraceFormatError } from '../../../../shared/sim/trace/trace-error.ts';

const FIXTURES = new URL('../../../fixtures/traces/', import.meta.url);
const T = Date.parse('2026-01-05T10:00:00Z');

/** What reading `text` gives: the rows, or the error's line and message. */
function outcome(read: (text: string, source?: string) => TraceRows, text: string) {
  try {
    return { rows: read(text, 'trace.csv') };
  } catch (error) {
    if (!(error instanceof TraceFormatError)) throw error;
    return { line: error.line, message: error.message };
  }
}

function minuteRows(count: number, row: (index: number) => string): string[] {
  return Array.from({ length: count }, (_, index) => row(index));
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Request counts as files write them, and as they should not. */
const countText = fc.oneof(
  fc.nat({ max: 100_000 }).map(String),
  fc.constantFrom(
    '0',
    '007',
    '12.5',
    '.5',
    '1e3',
    '0x1A',
    ' 12 ',
    '12 ',
    '',
    ' ',
    '-3',
    '-0',
    'many',
    'Infinity',
    '1e400',
    '1234567890123456789',
    '123456789012345',
    '9'.repeat(400),
  ),
);
const gapText = fc.constantFrom('', '0', '1', '1', '0', ' 1', '0 ', 'yes', '2', '01');
/** Offsets from the row's regular minute (0 mostly): duplicates, gaps, unsorted and sub-second steps. */
const timeShift = fc.oneof(
  { weight: 12, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constantFrom(-60_000, 60_000, 500, 3_600_000 * 2) },
);
const stampForm = fc.oneof(
  { weight: 12, arbitrary: fc.constant('canonical') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('offset', 'padded', 'no-day', 'word', 'slashes', 'space', 'lower-case'),
  },
);
const row = fc.record({
  shift: timeShift,
  form: stampForm,
  count: countText,
  gap: gapText,
  context: countText,
  generated: countText,
  extra: fc.constantFrom('', '', '', ',extra'),
  /** Fields missing at the end of the row (0 mostly). */
  missing: fc.constantFrom(0, 0, 0, 0, 0, 0, 1, 2),
  blankBefore: fc.constantFrom('', '', '', '', '', ' ', '\t'),
});
const header = fc.constantFrom(
  'timestamp,requests',
  'timestamp,requests,gap',
  'Timestamp, Requests ,GAP',
  'timestamp,requests,context_tokens,generated_tokens',
  'timestamp,requests,generated_tokens,gap,context_tokens',
  'timestamp,requests,gap,gap',
  'time,count',
);

function timestampText(ms: number, form: string): string {
  const canonical = stamp(ms);
  if (form === 'offset') return canonical.replace('Z', '+00:00');
  if (form === 'padded') return ` ${canonical} `;
  if (form === 'no-day') return canonical.replace(/-\d\dT/, '-32T');
  if (form === 'word') return 'yesterday';
  if (form === 'slashes') return canonical.replaceAll('-', '/');
  if (form === 'space') return canonical.replace('T', ' ');
  if (form === 'lower-case') return canonical.toLowerCase();
  return canonical;
}

/** A CSV near the files the simulator reads: mostly valid rows, some of each way a row goes wrong. */
const traceText = fc
  .record({
    header,
    rows: fc.array(row, { maxLength: 30 }),
    stepMs: fc.constantFrom(1_000, 60_000, 300_000, 90_000),
    lineEnd: fc.constantFrom('\n', '\r\n'),
    byteOrderMark: fc.boolean(),
    trailing: fc.constantFrom('', '\n', '\n\n', '\r\n', ' \n'),
  })
  .map(({ header, rows, stepMs, lineEnd, byteOrderMark, trailing }) => {
    const columns = header.split(',').map((column) => column.trim().toLowerCase());
    const lines = rows.map((cells, index) => {
      const fields = columns.map((column) => {
        if (column === 'timestamp') return timestampText(T + index * stepMs + cells.shift, cells.form);
        if (column === 'gap') return cells.gap;
        if (column === 'context_tokens') return cells.context;
        if (column === 'generated_tokens') return cells.generated;
        return cells.count;
      });
      const kept = cells.missing === 0 ? fields : fields.slice(0, Math.max(1, fields.length - cells.missing));
      const line = kept.join(',') + cells.extra;
      return cells.blankBefore === '' ? line : `${cells.blankBefore}${lineEnd}${line}`;
    });
    return `${byteOrderMark ? '\uFEFF' : ''}${[header, ...lines].join(lineEnd)}${trailing}`;
  });

describe('trace CSV rows', () => {
  it('reads every text as the careful line-by-line reader does: the same rows, or the same error on the same line', () => {
    fc.assert(
      fc.property(traceText, (text) => {
        expect(outcome(parseTraceRows, text)).toEqual(outcome(parseTraceRowsCarefully, text));
      }),
      { numRuns: 3_000 },
    );
  });

  it('agrees with the careful reader on the NASA slice and the Azure per-second trace with token columns', () => {
    for (const file of ['nasa_http_1995_0712-0713_1min.csv', 'azure_llm_2023_code_1s.csv']) {
      const text = readFileSync(new URL(file, FIXTURES), 'utf8');
      const quick = parseTraceRows(text);
      expect(quick).toEqual(parseTraceRowsCarefully(text));
      expect(quick.length).toBe(text.trim().split('\n').length - 1);
    }
  });

  it('names the line of a bad count deep in a file of common rows, with the careful reader’s words', () => {
    const rows = minuteRows(1_000, (index) => `${stamp(T + index * 60_000)},${index === 699 ? '-3' : index}`);
    const text = `timestamp,requests\n${rows.join('\n')}\n`;
    const error = outcome(parseTraceRows, text);
    expect(error).toEqual({ line: 701, message: 'trace.csv:701: requests: expected a count >= 0, found -3' });
  });

  it('names the line of a missing minute deep in a file, after blank lines that still count as lines', () => {
    const rows = minuteRows(500, (index) => `${stamp(T + (index < 400 ? index : index + 1) * 60_000)},1`);
    const text = `timestamp,requests\r\n\r\n  \r\n${rows.join('\r\n')}\r\n`;
    expect(outcome(parseTraceRows, text)).toEqual({
      line: 404,
      message: 'trace.csv:404: mixed steps: expected 60 s after the row before, found 120 s',
    });
  });

  it('reads CRLF lines, a byte-order mark, blank lines and decimal, padded or long counts', () => {
    const text =
      '\uFEFFtimestamp,requests,gap\r\n' +
      '2026-01-05T10:00:00Z,12.5,\r\n' +
      '\r\n' +
      '2026-01-05T10:01:00Z, 7 ,1\r\n' +
      '2026-01-05T10:02:00Z,1234567890123456789,0\r\n' +
      '2026-01-05T10:03:00Z,007,0,extra\r\n';
    const rows = parseTraceRows(text);
    expect(rows.length).toBe(4);
    expect(Array.from(rows.counts.subarray(0, 4))).toEqual([12.5, 7, Number('1234567890123456789'), 7]);
    expect(Array.from(rows.gaps.subarray(0, 4))).toEqual([0, 1, 0, 0]);
    expect(Array.from(rows.times.subarray(0, 4))).toEqual([T, T + 60_000, T + 120_000, T + 180_000]);
    expect(rows.stepMs).toBe(60_000);
  });

  it('refuses a row that is a timestamp alone, naming its line', () => {
    const text = 'timestamp,requests\n2026-01-05T10:00:00Z,1\n2026-01-05T10:01:00Z\n2026-01-05T10:02:00Z,1\n';
    expect(outcome(parseTraceRows, text)).toEqual({
      line: 3,
      message: 'trace.csv:3: expected at least 2 columns, found 1',
    });
  });
});
