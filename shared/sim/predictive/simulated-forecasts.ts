/**
 * Predictive policies in a simulation: the forecast function's use case (`refreshForecasts`, the
 * production code) runs on the simulated clock, reading the trace as its load history, and the
 * tick applies the floors it stores, as deployed.
 *
 * What a forecast may learn from: the trace before `--from` (the history a deployed scaler would
 * have had) and the minutes already simulated, never later ones: the use case asks only for the
 * 14 days before the whole hour it runs in. It reads the trace's requests, the demand, as the
 * deployed function reads the variant's Invocations (SageMaker counts every InvokeEndpoint request
 * in it, errors included); a customized load metric is read from the trace too, since a run plays
 * one trace for every metric.
 */
import { HOUR_MS } from '../../domain/forecast/index.ts';
import type { ForecastOutcome } from '../../domain/forecast/types.ts';
import type { TargetConfig } from '../../domain/model.ts';
import { scalingFloor } from '../../domain/predictive/floor.ts';
import type { ScalerPorts } from '../../usecases/apply-intent.ts';
import {
  forecastTargetLoad,
  type TargetForecastRequest,
  type TargetLoadForecaster,
} from '../../usecases/forecast/forecast-target-load.ts';
import { floorsNow } from '../../usecases/predictive/floors-now.ts';
import type { SimulatedTrace } from '../trace/trace.ts';

/**
 * The minute of each hour the simulated forecast function runs (the deployed schedule's), and it
 * runs once more at the start of a run: a deployed scaler would have forecast in the hour before.
 */
export const FORECAST_MINUTE_OF_HOUR = 5;

/** Whether the forecast function runs at step `index`, starting at `now`. */
export function forecastDue(index: number, now: number): boolean {
  return index === 0 || now % HOUR_MS === FORECAST_MINUTE_OF_HOUR * 60_000;
}

/** Forecasts kept across runs in this thread, by trace, target's metric and hour. */
const remembered = new Map<string, Promise<ForecastOutcome>>();
/** Beyond this many, the memory starts afresh (a month of hours for a few dozen traces or metrics). */
const REMEMBERED_MAX = 50_000;

/**
 * A stable name for a trace's content: its shape and a 32-bit FNV-1a hash of its requests and
 * gaps. Two runs over the same data (a tune's candidates) share forecasts; any other trace gets
 * its own.
 */
export function traceFingerprint(trace: SimulatedTrace): string {
  let hash = 0x811c9dc5;
  const mix = (value: number) => {
    hash ^= value;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  };
  const words = new Uint32Array(trace.requests.buffer, trace.requests.byteOffset, trace.requests.length * 2);
  for (let i = 0; i < words.length; i++) mix(words[i] as number);
  for (let i = 0; i < trace.gap.length; i++) mix(trace.gap[i] as number);
  return `${trace.start}:${trace.length}:${trace.resolutionSeconds ?? 60}:${hash.toString(16)}`;
}

/**
 * {@link forecastTargetLoad}, remembered per trace, metric and hour: the forecast of an hour
 * depends only on the history before it, which a run cannot change, so every candidate of a tune
 * reuses the first one's. The domain's forecast is the one computed; nothing here estimates it.
 */
export function rememberingForecaster(fingerprint: string): TargetLoadForecaster {
  return (reader, request: TargetForecastRequest) => {
    const origin = Math.floor(request.at / HOUR_MS) * HOUR_MS;
    const key = `${fingerprint}|${JSON.stringify(request.target.metric ?? null)}|${origin}|${request.horizonHours ?? ''}`;
    let outcome = remembered.get(key);
    if (outcome === undefined) {
      if (remembered.size >= REMEMBERED_MAX) remembered.clear();
      outcome = forecastTargetLoad(reader, request);
      remembered.set(key, outcome);
      // A failed read is not remembered: the next run asks again.
      outcome.catch(() => remembered.delete(key));
    }
    return outcome;
  };
}

/**
 * The floor the report draws at `now` (see `SimulatedMinute.forecastFloor`): read from the stored
 * forecasts as the tick reads them.
 */
export async function forecastFloorNow(
  ports: ScalerPorts,
  target: TargetConfig,
  now: number,
): Promise<number | undefined> {
  const floors = await floorsNow(ports, target, now);
  const floor = scalingFloor(floors) ?? floors[0];
  if (floor === undefined) return undefined;
  return Math.min(floor.capacity, Math.max(target.maxCapacity, floor.raisedMax ?? 0));
}
