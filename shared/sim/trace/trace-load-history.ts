/**
 * A request-rate trace as a load history: what `scaler forecast --trace` learns from, and what a
 * simulated forecast function reads in place of CloudWatch. The steps with data are load points
 * (a `gap` step is missing, not zero); what the trace shows after a forecast's origin is what the
 * forecast is compared with.
 */
import type { LoadHistory, LoadPoint } from '../../domain/forecast/index.ts';
import type { LoadHistoryReader } from '../../ports/load-history.ts';
import { type SimulatedTrace, traceResolutionSeconds } from './trace.ts';

/** The trace's steps with data, as load points one step long. */
export function traceLoadHistory(trace: SimulatedTrace): LoadHistory {
  const stepMs = traceResolutionSeconds(trace) * 1000;
  const points: LoadPoint[] = [];
  for (let i = 0; i < trace.length; i++) {
    if (trace.gap[i] === 0)
      points.push({ time: trace.start + i * stepMs, requests: trace.requests[i] as number });
  }
  return { periodMs: stepMs, points };
}

/** The index of the first point at or after `time` (points are in time order). */
function firstAtOrAfter(points: readonly LoadPoint[], time: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((points[middle] as LoadPoint).time < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A {@link LoadHistoryReader} over a trace: every target reads the same trace. */
export class TraceLoadHistory implements LoadHistoryReader {
  private readonly history: LoadHistory;

  constructor(trace: SimulatedTrace) {
    this.history = traceLoadHistory(trace);
  }

  async readLoadHistory(_target: unknown, window: { from: number; to: number }): Promise<LoadHistory> {
    const { points, periodMs } = this.history;
    return {
      periodMs,
      points: points.slice(firstAtOrAfter(points, window.from), firstAtOrAfter(points, window.to)),
    };
  }
}

/** The trace's span, [start, end) in epoch ms. */
export function traceSpan(trace: SimulatedTrace): { start: number; end: number } {
  return { start: trace.start, end: trace.start + trace.length * traceResolutionSeconds(trace) * 1000 };
}
