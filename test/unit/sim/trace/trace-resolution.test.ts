import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseTrace,
  readTraceFile,
  TraceFormatError,
  totalRequests,
} from '../../../../shared/sim/trace/trace.ts';

const FIXTURES = new URL('../../../fixtures/traces/', import.meta.url);
const CONV_1S = new URL('../../../../traces/azure_llm_2023_conv_1s.csv', import.meta.url).pathname;
const TEN = { resolutionSeconds: 10 };

function csv(...rows: string[]): string {
  return `${rows.join('\n')}\n`;
}

/** Column `name` of a CSV file, summed over its rows. */
function columnTotal(path: string, name: string): number {
  const [header = '', ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const column = header.split(',').indexOf(name);
  return rows.reduce((sum, row) => sum + Number(row.split(',')[column]), 0);
}

describe('trace input at 10-s resolution', () => {
  it('sums one-second rows into 10-s steps whose minutes add up to the one-minute file', () => {
    const path = new URL('azure_llm_2023_code_1s.csv', FIXTURES).pathname;
    const steps = readTraceFile(path, TEN);
    const minutes = readTraceFile(new URL('azure_llm_2023_code_1min.csv', FIXTURES).pathname);
    expect(steps.resolutionSeconds).toBe(10);
    expect(steps.stepSeconds).toBe(1);
    expect(steps.start).toBe(minutes.start);
    expect(steps.length).toBe(minutes.length * 6);
    const perMinute = Array.from(minutes.requests, (_, m) =>
      steps.requests.slice(m * 6, m * 6 + 6).reduce((a, b) => a + b, 0),
    );
    expect(perMinute).toEqual(Array.from(minutes.requests));
    // The first rows (18:17:03Z .. 18:17:09Z: 1, 7, 4, 0, ...) make the step 18:17:00Z.
    expect(steps.time[0]).toBe(Date.parse('2023-11-16T18:17:00Z'));
    expect(steps.gap[0]).toBe(0);
    expect(steps.requests[0]).toBe(1 + 7 + 4);
    expect(totalRequests(steps)).toBe(8819);
    expect(steps.contextTokens?.reduce((a, b) => a + b, 0)).toBe(columnTotal(path, 'context_tokens'));
    expect(steps.generatedTokens?.reduce((a, b) => a + b, 0)).toBe(columnTotal(path, 'generated_tokens'));
  });

  it('starts and ends on whole minutes: steps no row covers are gaps', () => {
    // The conversation trace runs 18:15:46Z .. 19:14:08Z.
    const trace = readTraceFile(CONV_1S, TEN);
    expect(trace.start).toBe(Date.parse('2023-11-16T18:15:00Z'));
    expect(trace.length).toBe(360);
    expect(Array.from(trace.gap.slice(0, 5))).toEqual([1, 1, 1, 1, 0]);
    expect(Array.from(trace.gap.slice(-6))).toEqual([0, 1, 1, 1, 1, 1]);
    expect(totalRequests(trace)).toBe(columnTotal(CONV_1S, 'requests'));
  });

  it('spreads a one-minute row evenly over six 10-s steps, remainders first, tokens alike', () => {
    const trace = parseTrace(
      csv(
        'timestamp,requests,context_tokens,generated_tokens',
        '2026-01-05T10:00:00Z,125,6001,1.5',
        '2026-01-05T10:01:00Z,6,0,0',
      ),
      TEN,
    );
    expect(trace.length).toBe(12);
    expect(Array.from(trace.requests)).toEqual([21, 21, 21, 21, 21, 20, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(trace.contextTokens?.slice(0, 6) ?? [])).toEqual([1001, 1000, 1000, 1000, 1000, 1000]);
    expect(Array.from(trace.generatedTokens?.slice(0, 6) ?? [])).toEqual([
      0.25, 0.25, 0.25, 0.25, 0.25, 0.25,
    ]);
  });

  it('scales the token columns with the requests', () => {
    const trace = parseTrace(
      csv(
        'timestamp,requests,context_tokens,generated_tokens',
        '2026-01-05T10:00:00Z,2,100,10',
        '2026-01-05T10:00:10Z,1,50,5',
      ),
      { ...TEN, scale: 3 },
    );
    expect(Array.from(trace.requests.slice(0, 2))).toEqual([6, 3]);
    expect(Array.from(trace.contextTokens?.slice(0, 2) ?? [])).toEqual([300, 150]);
    expect(Array.from(trace.generatedTokens?.slice(0, 2) ?? [])).toEqual([30, 15]);
  });

  it('spreads a 30-s row over three steps and keeps a one-minute run in minutes', () => {
    const text = csv('timestamp,requests', '2026-01-05T10:00:00Z,9', '2026-01-05T10:00:30Z,3');
    expect(Array.from(parseTrace(text, TEN).requests)).toEqual([3, 3, 3, 1, 1, 1]);
    const minutes = parseTrace(text);
    expect(minutes.resolutionSeconds).toBeUndefined();
    expect(Array.from(minutes.requests)).toEqual([12]);
  });

  it('refuses a step that 10-s steps cannot split, saying what it needs', () => {
    const text = csv('timestamp,requests', '2026-01-05T10:00:00Z,1', '2026-01-05T10:00:15Z,1');
    expect(() => parseTrace(text, { ...TEN, source: 'odd.csv' })).toThrow(TraceFormatError);
    expect(() => parseTrace(text, { ...TEN, source: 'odd.csv' })).toThrow(
      'odd.csv: a step of 15 s cannot be spread over 10-s steps: a trace played at 10 s resolution needs steps finer than 10 s (summed) or whole multiples of it (spread)',
    );
  });

  it('names a bad token cell by its column and line', () => {
    const text = csv(
      'timestamp,requests,context_tokens,generated_tokens',
      '2026-01-05T10:00:00Z,1,12,x',
      '2026-01-05T10:00:01Z,1,1,1',
    );
    expect(() => parseTrace(text, { source: 't.csv' })).toThrow(
      "t.csv:2: generated_tokens: expected a number, found 'x'",
    );
  });

  it('slices in 10-s steps', () => {
    const trace = readTraceFile(CONV_1S, {
      ...TEN,
      from: Date.parse('2023-11-16T18:43:00Z'),
      to: Date.parse('2023-11-16T18:44:00Z'),
    });
    expect(trace.length).toBe(6);
    expect(trace.time[5]).toBe(Date.parse('2023-11-16T18:43:50Z'));
    expect(totalRequests(trace)).toBe(502);
  });
});
