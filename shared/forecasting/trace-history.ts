/**
 * A request-rate trace as a load history, for `scaler forecast --trace`: the minutes with data
 * are load points (a `gap` minute is missing, not zero), and what the trace shows after the
 * forecast's origin is what the forecast is compared with.
 */
import { HOUR_MS, hourlyTotals, type LoadHistory, type LoadPoint } from '../domain/forecast/index.ts';
import type { LoadHistoryReader } from '../ports/load-history.ts';
import type { SimulatedTrace } from '../sim/trace/trace.ts';

const MINUTE_MS = 60_000;

/** The trace's minutes with data, as one-minute load points. */
export function traceLoadHistory(trace: SimulatedTrace): LoadHistory {
  const points: LoadPoint[] = [];
  for (let i = 0; i < trace.length; i++) {
    if (trace.gap[i] === 0)
      points.push({ time: trace.start + i * MINUTE_MS, requests: trace.requests[i] as number });
  }
  return { periodMs: MINUTE_MS, points };
}

/** A {@link LoadHistoryReader} over a trace: every target reads the same trace. */
export class TraceLoadHistory implements LoadHistoryReader {
  private readonly history: LoadHistory;

  constructor(trace: SimulatedTrace) {
    this.history = traceLoadHistory(trace);
  }

  async readLoadHistory(_target: unknown, window: { from: number; to: number }): Promise<LoadHistory> {
    return {
      periodMs: this.history.periodMs,
      points: this.history.points.filter((point) => point.time >= window.from && point.time < window.to),
    };
  }
}

/** The trace's hourly totals for `hours` hours from `from` (undefined where it has no data or ends). */
export function traceHours(trace: SimulatedTrace, from: number, hours: number): (number | undefined)[] {
  return hourlyTotals(traceLoadHistory(trace), from, from + hours * HOUR_MS);
}

/** The trace's span, [start, end) in epoch ms. */
export function traceSpan(trace: SimulatedTrace): { start: number; end: number } {
  return { start: trace.start, end: trace.start + trace.length * MINUTE_MS };
}
