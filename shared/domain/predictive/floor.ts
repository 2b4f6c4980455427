/**
 * The predictive floor (scaling-semantics.md, "Predictive scaling"): from `schedulingBufferTime`
 * before a forecast interval starts until it ends, the interval's forecast capacity,
 * ceil(forecast load per minute ÷ targetValue), is a floor under desired capacity. In
 * `ForecastAndScale` the tick raises capacity to it and dynamic scale-in never goes below it; it
 * never lowers capacity by itself. `HonorMaxCapacity` keeps it under max; `IncreaseMaxCapacity`
 * lifts max for that interval only, up to the forecast capacity plus `maxCapacityBuffer` percent
 * (unlike EC2, the raised max does not stay once the interval is over). `ForecastOnly` records
 * what it would have done and changes nothing.
 */

import { actionBetween, type Decision, type DecisionContext, notScaled } from '../decision.ts';
import { capacityFor } from '../forecast/forecast-capacity.ts';
import type { PredictivePolicy, TargetConfig } from '../model.ts';
import { withChanges } from '../objects.ts';
import { effectiveSuspension, type TargetState } from '../state.ts';

/** A forecast as stored for one predictive policy: hourly load from its origin. */
export interface StoredForecast {
  policyName: string;
  /** When the forecast was made, epoch ms. */
  createdAt: number;
  /** The history it learned from. */
  history: { from: number; to: number; hours: number; hoursWithData: number };
  intervals: { start: number; end: number; requestsPerMinute: number }[];
}

/** What one predictive policy asks for at an instant. */
export interface PredictiveFloor {
  policy: PredictivePolicy;
  interval: { start: number; end: number };
  requestsPerMinute: number;
  /** The forecast capacity, before the bounds in force. */
  capacity: number;
  /** IncreaseMaxCapacity: the max capacity of the interval (forecast capacity plus the buffer). */
  raisedMax?: number | undefined;
}

/**
 * Each predictive policy's floor at `now`, from its stored forecast: of the intervals in effect
 * (the current one, and the next once its buffer has begun), the one asking the most.
 */
export function floorsAt(
  target: TargetConfig,
  forecasts: readonly StoredForecast[],
  now: number,
): PredictiveFloor[] {
  const floors: PredictiveFloor[] = [];
  for (const policy of target.predictivePolicies) {
    const forecast = forecasts.find((candidate) => candidate.policyName === policy.policyName);
    const lead = policy.schedulingBufferTime * 1000;
    let best: PredictiveFloor | undefined;
    for (const interval of forecast?.intervals ?? []) {
      if (!(interval.start - lead <= now && now < interval.end)) continue;
      const capacity = capacityFor(interval.requestsPerMinute, policy.targetValue);
      if (best !== undefined && best.capacity >= capacity) continue;
      best = {
        policy,
        interval: { start: interval.start, end: interval.end },
        requestsPerMinute: interval.requestsPerMinute,
        capacity,
        raisedMax:
          policy.maxCapacityBreachBehavior === 'IncreaseMaxCapacity'
            ? Math.ceil(capacity * (1 + (policy.maxCapacityBuffer ?? 0) / 100))
            : undefined,
      };
    }
    if (best !== undefined) floors.push(best);
  }
  return floors;
}

/** The floor that scales: the ForecastAndScale policy's (at most one per target). */
export function scalingFloor(floors: readonly PredictiveFloor[]): PredictiveFloor | undefined {
  return floors.find((floor) => floor.policy.mode === 'ForecastAndScale');
}

/** The bounds dynamic policies act within while a scaling floor is in force. */
export interface DynamicBounds {
  minCapacity: number;
  maxCapacity: number;
  /** Set when the predictive floor raised min (or lifted max). */
  floorOf?: string | undefined;
}

/** The bounds in force, with the scaling floor's min and (IncreaseMaxCapacity) max laid over. */
export function dynamicBounds(
  bounds: { minCapacity: number; maxCapacity: number },
  floor: PredictiveFloor | undefined,
): DynamicBounds {
  if (floor === undefined || floor.policy.mode !== 'ForecastAndScale') return bounds;
  const maxCapacity = Math.max(bounds.maxCapacity, floor.raisedMax ?? bounds.maxCapacity);
  const minCapacity = Math.max(bounds.minCapacity, Math.min(floor.capacity, maxCapacity));
  return { minCapacity, maxCapacity, floorOf: floor.policy.policyName };
}

function clock(instant: number): string {
  return new Date(instant).toISOString().slice(11, 16);
}

function grouped(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** `predictive floor for 18:00-19:00: forecast 41,000/min at 900 per instance = 46`. */
export function floorText(floor: PredictiveFloor): string {
  const { interval, requestsPerMinute, policy, capacity } = floor;
  return `predictive floor for ${clock(interval.start)}-${clock(interval.end)}: forecast ${grouped(requestsPerMinute)}/min at ${grouped(policy.targetValue)} per instance = ${capacity}`;
}

/**
 * Raises capacity to a ForecastAndScale floor when it is below it; undefined when there is
 * nothing to raise (the floor never lowers capacity). Predictive scaling adds capacity like a
 * dynamic scale-out, so a suspended dynamic scale-out suspends it too (ours); no cooldown starts.
 */
export function decidePredictiveFloor(
  target: TargetConfig,
  state: TargetState,
  floor: PredictiveFloor,
  context: DecisionContext,
): Decision | undefined {
  const current = context.currentCapacity;
  const bounds = dynamicBounds(state.bounds, floor);
  if (bounds.minCapacity <= current) return undefined;
  const base = {
    fromCapacity: current,
    cause: `predictive policy ${floor.policy.policyName} (ForecastAndScale)`,
    policyName: floor.policy.policyName,
    state,
  };
  const clamped = bounds.minCapacity < floor.capacity ? `, held to max ${bounds.maxCapacity}` : '';
  if (effectiveSuspension(target, state).dynamicScalingOutSuspended) {
    return notScaled(
      base,
      `${floorText(floor)}${clamped}, but dynamic scale-out is suspended`,
      'ScalingSuspended',
    );
  }
  return {
    ...base,
    action: actionBetween(current, bounds.minCapacity),
    toCapacity: bounds.minCapacity,
    reason: `${floorText(floor)}${clamped}: ${current} -> ${bounds.minCapacity}`,
  };
}

/**
 * What a ForecastOnly policy would have done: a not-scaled record, once per interval, when its
 * floor is above the current capacity; undefined otherwise. It changes no capacity.
 */
export function observeForecastOnly(
  state: TargetState,
  floor: PredictiveFloor,
  context: DecisionContext,
): Decision | undefined {
  const current = context.currentCapacity;
  const name = floor.policy.policyName;
  const would = Math.min(floor.capacity, dynamicBoundsFor(state, floor).maxCapacity);
  if (would <= current || state.forecastOnlySeen?.[name] === floor.interval.start) return undefined;
  return notScaled(
    {
      fromCapacity: current,
      cause: `predictive policy ${name} (ForecastOnly)`,
      policyName: name,
      state: withChanges(state, {
        forecastOnlySeen: withChanges(state.forecastOnlySeen ?? {}, { [name]: floor.interval.start }),
      }),
    },
    `${floorText(floor)}: would raise ${current} -> ${would}; ForecastOnly changes nothing`,
    'ForecastOnly',
  );
}

/** The max a policy's floor may reach, as if it scaled. */
function dynamicBoundsFor(state: TargetState, floor: PredictiveFloor): DynamicBounds {
  return dynamicBounds(state.bounds, { ...floor, policy: { ...floor.policy, mode: 'ForecastAndScale' } });
}
