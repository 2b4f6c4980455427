import type { LoadForecast } from './types.ts';

/** The capacity a forecast asks for in one interval: the floor the tick and the simulator apply. */
export interface CapacityInterval {
  start: number;
  end: number;
  /** The forecast load, requests per minute. */
  requestsPerMinute: number;
  /** ceil(requestsPerMinute ÷ targetValue). */
  capacity: number;
}

/**
 * Forecast capacity per interval = ceil(forecast load ÷ targetValue), targetValue being the load
 * one instance should carry per minute (docs/scaling-semantics.md, "Predictive scaling"; as in
 * EC2 Auto Scaling's predictive scaling, which sizes capacity for the forecast at the target).
 *
 * @throws {RangeError} for a targetValue that is not a number > 0.
 */
export function forecastCapacity(forecast: LoadForecast, targetValue: number): CapacityInterval[] {
  if (!(Number.isFinite(targetValue) && targetValue > 0)) {
    throw new RangeError(`targetValue: expected a load per instance per minute > 0, found ${targetValue}`);
  }
  return forecast.intervals.map(({ start, end, requestsPerMinute }) => ({
    start,
    end,
    requestsPerMinute,
    capacity: capacityFor(requestsPerMinute, targetValue),
  }));
}

/** ceil(load per minute ÷ targetValue): the instances a forecast load needs. */
export function capacityFor(requestsPerMinute: number, targetValue: number): number {
  // A ratio that is whole up to rounding noise (2.1 / 0.3 = 7.000000000000001) needs no extra
  // instance; max() turns the -0 of an empty interval into 0.
  return Math.max(0, Math.ceil(requestsPerMinute / targetValue - 1e-9));
}
