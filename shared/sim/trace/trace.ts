/**
 * Trace input of the simulator: a request-rate CSV turned into simulated minutes. A step finer
 * than a minute is summed into the minute it starts in; a coarser one (whole minutes) is spread
 * evenly over its minutes. Totals stay exact: a whole count is split into whole counts, the
 * remainder going one request each to the step's first minutes; a fractional count is split into
 * equal fractions. A `gap` step means "no data" (the metric is missing, not zero): a minute is a
 * gap only when every step in it is, and its demand is then 0.
 */
import { readFileSync } from 'node:fs';
import { parseTraceRows, TraceFormatError, type TraceRows } from './trace-csv.ts';

export { TraceFormatError } from './trace-csv.ts';

const MINUTE_MS = 60_000;

/** A trace as the simulator plays it: one entry per minute, consecutive from `start`. */
export interface SimulatedTrace {
  /** Start of the first minute, epoch ms UTC. */
  start: number;
  /** Number of minutes. */
  length: number;
  /** Step of the source file, seconds. */
  stepSeconds: number;
  /** Start of each minute, epoch ms UTC. */
  time: Float64Array;
  /** Requests arriving in each minute (after `scale`); 0 in a gap. */
  requests: Float64Array;
  /** 1 where the minute has no data. */
  gap: Uint8Array;
}

export interface TraceOptions {
  /** Keep minutes at or after this instant (epoch ms). */
  from?: number | undefined;
  /** Keep minutes before this instant (epoch ms). */
  to?: number | undefined;
  /** Multiplies every count (rescaling a trace to an endpoint's traffic). Default 1. */
  scale?: number | undefined;
  /** Named in error messages (usually the file path). */
  source?: string | undefined;
}

/** Sums or spreads the rows into minutes. */
function toMinutes(rows: TraceRows): Omit<SimulatedTrace, 'time'> {
  const first = rows.times[0] as number;
  const last = rows.times[rows.length - 1] as number;
  const start = Math.floor(first / MINUTE_MS) * MINUTE_MS;
  // Exclusive: the last row's minute, or all the minutes a coarser last step covers.
  const end = Math.floor(last / MINUTE_MS) * MINUTE_MS + Math.max(rows.stepMs, MINUTE_MS);
  const length = (end - start) / MINUTE_MS;
  const requests = new Float64Array(length);
  // Counted down to 0 by each step with data; minutes still at 1 are gaps.
  const gap = new Uint8Array(length).fill(1);
  const span = Math.max(1, rows.stepMs / MINUTE_MS);
  for (let row = 0; row < rows.length; row++) {
    if (rows.gaps[row] === 1) continue;
    const minute = Math.floor(((rows.times[row] as number) - start) / MINUTE_MS);
    const count = rows.counts[row] as number;
    if (span === 1) {
      requests[minute] = (requests[minute] as number) + count;
      gap[minute] = 0;
      continue;
    }
    const whole = Number.isInteger(count);
    const base = whole ? Math.floor(count / span) : count / span;
    const remainder = whole ? count - base * span : 0;
    for (let offset = 0; offset < span; offset++) {
      requests[minute + offset] = (requests[minute + offset] as number) + base + (offset < remainder ? 1 : 0);
      gap[minute + offset] = 0;
    }
  }
  return { start, length, stepSeconds: rows.stepMs / 1000, requests, gap };
}

/**
 * Slices a trace to the minutes in [from, to) and multiplies its counts by `scale`.
 *
 * @throws {TraceFormatError} for a bad `scale`, or a slice that leaves no minute.
 */
export function sliceTrace(
  trace: Omit<SimulatedTrace, 'time'> & { time?: Float64Array },
  options: TraceOptions = {},
): SimulatedTrace {
  const { source } = options;
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new TraceFormatError(`scale: expected a number > 0, found ${scale}`, { source });
  }
  const firstIndex = options.from === undefined ? 0 : Math.ceil((options.from - trace.start) / MINUTE_MS);
  const endIndex =
    options.to === undefined ? trace.length : Math.ceil((options.to - trace.start) / MINUTE_MS);
  const from = Math.max(0, firstIndex);
  const to = Math.min(trace.length, endIndex);
  if (to <= from) {
    const span = `${new Date(trace.start).toISOString()} .. ${new Date(trace.start + trace.length * MINUTE_MS).toISOString()}`;
    throw new TraceFormatError(`no minute of the trace (${span}) lies in the requested from/to range`, {
      source,
    });
  }
  const length = to - from;
  const start = trace.start + from * MINUTE_MS;
  const requests = trace.requests.slice(from, to);
  if (scale !== 1) for (let i = 0; i < length; i++) requests[i] = (requests[i] as number) * scale;
  const time = new Float64Array(length);
  for (let i = 0; i < length; i++) time[i] = start + i * MINUTE_MS;
  return { start, length, stepSeconds: trace.stepSeconds, time, requests, gap: trace.gap.slice(from, to) };
}

/**
 * Turns the text of a trace CSV into simulated minutes, sliced to [from, to) and scaled.
 *
 * @throws {TraceFormatError} for any malformed line (with its line number), a bad `scale`, or a
 *   slice that leaves no minute.
 */
export function parseTrace(text: string, options: TraceOptions = {}): SimulatedTrace {
  return sliceTrace(toMinutes(parseTraceRows(text, options.source)), options);
}

/**
 * Reads a trace CSV file into simulated minutes.
 *
 * @throws {TraceFormatError} when the file cannot be read or is malformed.
 */
export function readTraceFile(path: string, options: Omit<TraceOptions, 'source'> = {}): SimulatedTrace {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const why = code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new TraceFormatError(`cannot read the trace (${why})`, { source: path, cause: error });
  }
  return parseTrace(text, { ...options, source: path });
}

/** Total requests of a trace (exactness checks, reports). */
export function totalRequests(trace: Pick<SimulatedTrace, 'requests'>): number {
  let sum = 0;
  for (const value of trace.requests) sum += value;
  return sum;
}
