import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseTrace,
  readTraceFile,
  TraceFormatError,
  totalRequests,
} from '../../../../shared/sim/trace/trace.ts';

const FIXTURES = new URL('../../../fixtures/traces/', import.meta.url);
const T = Date.parse('2026-01-05T10:00:00Z');

function csv(...rows: string[]): string {
  return `${rows.join('\n')}\n`;
}

function formatError(text: string): TraceFormatError {
  try {
    parseTrace(text);
  } catch (error) {
    if (error instanceof TraceFormatError) return error;
    throw error;
  }
  throw new Error('expected a TraceFormatError');
}

describe('trace input', () => {
  it('sums a one-second trace into minutes exactly, minute for minute', () => {
    const seconds = readTraceFile(new URL('azure_llm_2023_code_1s.csv', FIXTURES).pathname);
    const reference = readTraceFile(new URL('azure_llm_2023_code_1min.csv', FIXTURES).pathname);
    expect(seconds.stepSeconds).toBe(1);
    expect(seconds.start).toBe(reference.start);
    expect(Array.from(seconds.requests)).toEqual(Array.from(reference.requests));
    expect(totalRequests(seconds)).toBe(8819);
  });

  it('reads the one-minute NASA slice with its gap column', () => {
    const trace = readTraceFile(new URL('nasa_http_1995_0712-0713_1min.csv', FIXTURES).pathname);
    expect(trace.length).toBe(2880);
    expect(trace.start).toBe(Date.parse('1995-07-12T04:00:00Z'));
    expect(Math.max(...trace.requests)).toBe(405);
    expect(trace.gap.every((g) => g === 0)).toBe(true);
  });

  it('spreads an hourly count evenly over its minutes, remainders first, keeping the total', () => {
    const trace = parseTrace(
      csv('timestamp,requests', '2026-01-05T10:00:00Z,125', '2026-01-05T11:00:00Z,60'),
    );
    expect(trace.length).toBe(120);
    expect(Array.from(trace.requests.slice(0, 6))).toEqual([3, 3, 3, 3, 3, 2]);
    expect(trace.requests[59]).toBe(2);
    expect(trace.requests[60]).toBe(1);
    expect(totalRequests(trace)).toBe(185);
  });

  it('spreads a fractional coarse count as equal fractions', () => {
    const trace = parseTrace(csv('timestamp,requests', '2026-01-05T10:00:00Z,1.5', '2026-01-05T10:03:00Z,0'));
    expect(Array.from(trace.requests.slice(0, 3))).toEqual([0.5, 0.5, 0.5]);
  });

  it('marks a minute a gap only when all its steps are gaps, ignoring the known columns it does not read yet', () => {
    // Unknown columns are refused since issue 15 (see simulate-red-team.test.ts): the token counts
    // of LLM traces are known, and not read yet.
    const trace = parseTrace(
      csv(
        'timestamp,requests,context_tokens,gap',
        '2026-01-05T10:00:00Z,4,100,1',
        '2026-01-05T10:00:30Z,0,200,1',
        '2026-01-05T10:01:00Z,0,300,1',
        '2026-01-05T10:01:30Z,7,400,0',
      ),
    );
    expect(Array.from(trace.gap)).toEqual([1, 0]);
    expect(Array.from(trace.requests)).toEqual([0, 7]);
  });

  it('slices to [from, to) and scales the counts', () => {
    const trace = parseTrace(
      csv('timestamp,requests', '2026-01-05T10:00:00Z,1', '2026-01-05T10:01:00Z,2', '2026-01-05T10:02:00Z,3'),
      { from: T + 60_000, to: T + 120_000, scale: 2.5 },
    );
    expect(trace.start).toBe(T + 60_000);
    expect(Array.from(trace.requests)).toEqual([5]);
    expect(Array.from(trace.time)).toEqual([T + 60_000]);
  });

  it('accepts CRLF line ends, a byte-order mark and offsets written +00:00', () => {
    const trace = parseTrace(
      '\uFEFFtimestamp,requests\r\n2026-01-05T10:00:00+00:00,1\r\n2026-01-05T10:01:00Z,2\r\n',
    );
    expect(Array.from(trace.requests)).toEqual([1, 2]);
  });

  it.each([
    ['an empty file', '', 1, /empty/],
    ['a bad header', csv('time,count', '2026-01-05T10:00:00Z,1'), 1, /header/],
    ['a single row', csv('timestamp,requests', '2026-01-05T10:00:00Z,1'), 3, /two rows/],
    [
      'a timestamp that is no instant',
      csv('timestamp,requests', '2026-01-05T10:00:00Z,1', '2026-01-05 10:01,1'),
      3,
      /timestamp: expected an ISO-8601/,
    ],
    [
      'a day that does not exist',
      csv('timestamp,requests', '2026-02-28T10:00:00Z,1', '2026-02-30T10:01:00Z,1'),
      3,
      /timestamp/,
    ],
    [
      'a duplicate timestamp',
      csv('timestamp,requests', '2026-01-05T10:00:00Z,1', '2026-01-05T10:01:00Z,1', '2026-01-05T10:01:00Z,1'),
      4,
      /sorted, without duplicates/,
    ],
    [
      'unsorted timestamps',
      csv('timestamp,requests', '2026-01-05T10:01:00Z,1', '2026-01-05T10:00:00Z,1'),
      3,
      /sorted/,
    ],
    [
      'mixed steps',
      csv('timestamp,requests', '2026-01-05T10:00:00Z,1', '2026-01-05T10:01:00Z,1', '2026-01-05T10:03:00Z,1'),
      4,
      /mixed steps: expected 60 s .* found 120 s/,
    ],
    [
      'a request count that is not a number',
      csv('timestamp,requests', '2026-01-05T10:00:00Z,1', '2026-01-05T10:01:00Z,many'),
      3,
      /requests: expected a number, found 'many'/,
    ],
    [
      'a negative count',
      csv('timestamp,requests', '2026-01-05T10:00:00Z,1', '2026-01-05T10:01:00Z,-3'),
      3,
      /count >= 0/,
    ],
    [
      'a step over an hour',
      csv('timestamp,requests', '2026-01-05T10:00:00Z,1', '2026-01-05T12:00:00Z,1'),
      3,
      /outside 1 s .. 1 h/,
    ],
    [
      'a step under a second',
      csv('timestamp,requests', '2026-01-05T10:00:00.000Z,1', '2026-01-05T10:00:00.500Z,1'),
      3,
      /outside 1 s .. 1 h/,
    ],
    [
      'a gap that is neither 0 nor 1',
      csv('timestamp,requests,gap', '2026-01-05T10:00:00Z,1,0', '2026-01-05T10:01:00Z,1,yes'),
      3,
      /gap: expected 0 or 1/,
    ],
  ])('refuses %s, naming line %i', (_name, text, line, message) => {
    const error = formatError(text);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`${line}: `);
  });

  it('names the file in errors read from disk, and refuses a missing file', () => {
    expect(() => readTraceFile('/nonexistent/trace.csv')).toThrow(
      /nonexistent\/trace.csv: cannot read the trace \(file not found\)/,
    );
  });

  it('refuses a from/to range that holds no minute', () => {
    const text = readFileSync(new URL('azure_llm_2023_code_1min.csv', FIXTURES), 'utf8');
    expect(() => parseTrace(text, { from: Date.parse('2030-01-01T00:00:00Z') })).toThrow(/from\/to range/);
  });
});
