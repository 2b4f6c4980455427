/**
 * Load histories as a simulated trace in minutes: the inverse of `./trace-load-history.ts`, for a
 * history read from CloudWatch rather than a file (`scaler tune --from-cloudwatch`). A window may
 * come in parts of different periods (CloudWatch keeps older data only at five minutes), and each
 * part becomes minutes by the trace reader's own rule (`toSteps` in `./trace.ts`): a five-minute
 * count is spread evenly over its five minutes, whole counts staying whole and the total exact.
 * A minute no part has a point for is a gap (no data), as in a trace file.
 */
import type { LoadHistory } from '../../domain/forecast/index.ts';
import { type SimulatedTrace, sliceTrace, toSteps } from './trace.ts';

const MINUTE_MS = 60_000;

/** What the trace is read over: [from, to), whole minutes, epoch ms. */
export interface TraceSpanWindow {
  from: number;
  to: number;
}

/** One history's points as the rows of a trace with its period as the step. */
function rowsOf(history: LoadHistory) {
  const length = history.points.length;
  const times = new Float64Array(length);
  const counts = new Float64Array(length);
  history.points.forEach((point, i) => {
    times[i] = point.time;
    counts[i] = point.requests;
  });
  return { times, counts, gaps: new Uint8Array(length), stepMs: history.periodMs, length };
}

/**
 * The parts laid on the window's minutes, scaled by `scale` (default 1). Parts must not overlap;
 * points outside the window are left out.
 *
 * @throws {TraceFormatError} when a part's period is coarser than a minute and not whole minutes.
 */
export function traceFromLoadHistories(
  parts: readonly LoadHistory[],
  window: TraceSpanWindow,
  options: { scale?: number | undefined; source?: string | undefined } = {},
): SimulatedTrace {
  const length = Math.round((window.to - window.from) / MINUTE_MS);
  const requests = new Float64Array(length);
  const gap = new Uint8Array(length).fill(1);
  let coarsestMs = MINUTE_MS;
  for (const part of parts) {
    if (part.points.length === 0) continue;
    coarsestMs = Math.max(coarsestMs, part.periodMs);
    const minutes = toSteps(rowsOf(part), MINUTE_MS, options.source);
    const offset = Math.round((minutes.start - window.from) / MINUTE_MS);
    for (let i = 0; i < minutes.length; i++) {
      const at = offset + i;
      if (at < 0 || at >= length || minutes.gap[i] === 1) continue;
      requests[at] = (requests[at] as number) + (minutes.requests[i] as number);
      gap[at] = 0;
    }
  }
  return sliceTrace(
    { start: window.from, length, stepSeconds: coarsestMs / 1000, requests, gap },
    { scale: options.scale, source: options.source },
  );
}
