import { describe, expect, it } from 'vitest';
import { decideOnAlarms } from '../../../shared/domain/alarm-decision.ts';
import { decideBoundsCorrection } from '../../../shared/domain/bounds-decision.ts';
import { decideDeferredRetry } from '../../../shared/domain/deferred-retry.ts';
import type { PredictivePolicy } from '../../../shared/domain/model.ts';
import {
  decidePredictiveFloor,
  dynamicBounds,
  floorsAt,
  observeForecastOnly,
  type StoredForecast,
  scalingFloor,
} from '../../../shared/domain/predictive/floor.ts';
import {
  alarm,
  MINUTE,
  policy,
  stateOf,
  T0,
  target,
  trackingAlarm,
  trackingTarget,
} from '../../support/builders.ts';

const HOUR = 60 * MINUTE;

function predictive(overrides: Partial<PredictivePolicy> = {}): PredictivePolicy {
  return {
    policyName: 'daily',
    targetValue: 900,
    loadMetric: { kind: 'predefined', predefinedMetricType: 'SageMakerVariantInvocations' },
    mode: 'ForecastAndScale',
    schedulingBufferTime: 300,
    maxCapacityBreachBehavior: 'HonorMaxCapacity',
    ...overrides,
  };
}

/** A forecast from T0 (10:00) of hourly loads per minute. */
function forecast(perMinute: number[], policyName = 'daily'): StoredForecast {
  return {
    policyName,
    createdAt: T0 - HOUR,
    history: { from: T0 - 14 * 24 * HOUR, to: T0, hours: 336, hoursWithData: 336 },
    intervals: perMinute.map((requestsPerMinute, i) => ({
      start: T0 + i * HOUR,
      end: T0 + (i + 1) * HOUR,
      requestsPerMinute,
    })),
  };
}

describe('the predictive floor', () => {
  const config = target({ minCapacity: 2, maxCapacity: 60, predictivePolicies: [predictive()] });

  it('is the forecast capacity of the interval in effect, ceil(load / target)', () => {
    const [floor] = floorsAt(config, [forecast([41_000, 9_000])], T0 + 10 * MINUTE);
    expect(floor).toMatchObject({
      capacity: 46,
      interval: { start: T0, end: T0 + HOUR },
      requestsPerMinute: 41_000,
    });
  });

  it('takes effect schedulingBufferTime before its interval, the larger of two in effect winning', () => {
    const floors = forecast([9_000, 41_000]);
    expect(floorsAt(config, [floors], T0 + 54 * MINUTE)[0]?.capacity).toBe(10);
    expect(floorsAt(config, [floors], T0 + 55 * MINUTE)[0]).toMatchObject({
      capacity: 46,
      interval: { start: T0 + HOUR },
    });
    // Going down, the current (larger) interval holds until it ends.
    const down = forecast([41_000, 9_000]);
    expect(floorsAt(config, [down], T0 + 58 * MINUTE)[0]?.capacity).toBe(46);
    expect(floorsAt(config, [down], T0 + HOUR)[0]?.capacity).toBe(10);
  });

  it('has none without a forecast, past its last interval, or for another policy', () => {
    expect(floorsAt(config, [], T0)).toEqual([]);
    expect(floorsAt(config, [forecast([41_000])], T0 + 2 * HOUR)).toEqual([]);
    expect(floorsAt(config, [forecast([41_000], 'other')], T0)).toEqual([]);
  });

  it('lifts max for the interval with IncreaseMaxCapacity, up to forecast plus the buffer', () => {
    const lifted = target({
      maxCapacity: 30,
      predictivePolicies: [
        predictive({ maxCapacityBreachBehavior: 'IncreaseMaxCapacity', maxCapacityBuffer: 10 }),
      ],
    });
    const [floor] = floorsAt(lifted, [forecast([41_000])], T0);
    expect(floor?.raisedMax).toBe(51);
    // Without a buffer (validation asks for one) the max is lifted to the forecast capacity itself.
    const bare = target({
      predictivePolicies: [predictive({ maxCapacityBreachBehavior: 'IncreaseMaxCapacity' })],
    });
    expect(floorsAt(bare, [forecast([41_000])], T0)[0]?.raisedMax).toBe(46);
    expect(dynamicBounds({ minCapacity: 2, maxCapacity: 30 }, floor)).toEqual({
      minCapacity: 46,
      maxCapacity: 51,
      floorOf: 'daily',
    });
  });

  it('raises capacity to the floor, saying how, with no cooldown', () => {
    const [floor] = floorsAt(config, [forecast([41_000])], T0);
    const decision = decidePredictiveFloor(config, stateOf(config), floor as NonNullable<typeof floor>, {
      now: T0,
      currentCapacity: 30,
    });
    expect(decision).toMatchObject({
      action: 'scale-out',
      fromCapacity: 30,
      toCapacity: 46,
      policyName: 'daily',
      cause: 'predictive policy daily (ForecastAndScale)',
      reason: 'predictive floor for 10:00-11:00: forecast 41,000/min at 900 per instance = 46: 30 -> 46',
    });
    expect(decision?.cooldownEffect).toBeUndefined();
  });

  it('never lowers capacity by itself', () => {
    const [floor] = floorsAt(config, [forecast([9_000])], T0);
    const context = { now: T0, currentCapacity: 30 };
    expect(
      decidePredictiveFloor(config, stateOf(config), floor as NonNullable<typeof floor>, context),
    ).toBeUndefined();
  });

  it('honours max by default, and says so', () => {
    const capped = target({ maxCapacity: 40, predictivePolicies: [predictive()] });
    const [floor] = floorsAt(capped, [forecast([41_000])], T0);
    const decision = decidePredictiveFloor(capped, stateOf(capped), floor as NonNullable<typeof floor>, {
      now: T0,
      currentCapacity: 30,
    });
    expect(decision).toMatchObject({ toCapacity: 40 });
    expect(decision?.reason).toContain('= 46, held to max 40: 30 -> 40');
  });

  it('is held back while dynamic scale-out is suspended', () => {
    const suspended = stateOf(config, {
      pausedState: {
        dynamicScalingInSuspended: false,
        dynamicScalingOutSuspended: true,
        scheduledScalingSuspended: false,
      },
    });
    const [floor] = floorsAt(config, [forecast([41_000])], T0);
    expect(
      decidePredictiveFloor(config, suspended, floor as NonNullable<typeof floor>, {
        now: T0,
        currentCapacity: 30,
      }),
    ).toMatchObject({ action: 'none', reasonCode: 'ScalingSuspended' });
  });

  it('in ForecastOnly records what it would have done, once it is above capacity, and changes nothing', () => {
    const only = target({ maxCapacity: 40, predictivePolicies: [predictive({ mode: 'ForecastOnly' })] });
    const floors = floorsAt(only, [forecast([41_000])], T0);
    expect(scalingFloor(floors)).toBeUndefined();
    const [floor] = floors as [NonNullable<(typeof floors)[0]>];
    expect(observeForecastOnly(stateOf(only), floor, { now: T0, currentCapacity: 30 })).toMatchObject({
      action: 'none',
      toCapacity: 30,
      reasonCode: 'ForecastOnly',
      reason:
        'predictive floor for 10:00-11:00: forecast 41,000/min at 900 per instance = 46: would raise 30 -> 40; ForecastOnly changes nothing',
    });
    expect(observeForecastOnly(stateOf(only), floor, { now: T0, currentCapacity: 45 })).toBeUndefined();
    // Once per interval: the record remembers it.
    const seen = observeForecastOnly(stateOf(only), floor, { now: T0, currentCapacity: 30 })?.state;
    expect(seen?.forecastOnlySeen).toEqual({ daily: T0 });
    expect(
      observeForecastOnly(seen as NonNullable<typeof seen>, floor, { now: T0 + MINUTE, currentCapacity: 30 }),
    ).toBeUndefined();
    // It does not hold dynamic policies either.
    expect(dynamicBounds({ minCapacity: 2, maxCapacity: 40 }, floor)).toEqual({
      minCapacity: 2,
      maxCapacity: 40,
    });
  });
});

describe('dynamic policies above a ForecastAndScale floor', () => {
  const [floor] = floorsAt(
    target({ maxCapacity: 60, predictivePolicies: [predictive()] }),
    [forecast([9_000])],
    T0,
  );
  const context = { now: T0, currentCapacity: 12, floor };

  it('never scale in below it: a step policy', () => {
    const config = target({
      maxCapacity: 60,
      stepPolicies: [
        policy({
          alarmName: 'low',
          stepAdjustments: [{ metricIntervalUpperBound: 0, scalingAdjustment: -5 }],
        }),
      ],
    });
    const decision = decideOnAlarms(
      config,
      stateOf(config),
      [alarm({ alarmName: 'low', value: 10 })],
      context,
    );
    expect(decision).toMatchObject({ action: 'scale-in', toCapacity: 10 });
    expect(decision.reason).toContain('clamped to [10, 60] (predictive floor of daily)');
  });

  it('never scale in below it: a target tracking policy, told it is at the floor', () => {
    const config = trackingTarget({ maxCapacity: 60 });
    const at = decideOnAlarms(
      config,
      stateOf(config),
      [alarm({ alarmName: trackingAlarm('low'), value: 100 })],
      {
        ...context,
        currentCapacity: 10,
      },
    );
    expect(at).toMatchObject({ action: 'none', reasonCode: 'AlreadyAtMinCapacity' });
    expect(at.reason).toContain('already at min [10, 60] (predictive floor of daily)');
  });

  it('may go above a max IncreaseMaxCapacity lifted, and drift correction leaves that alone', () => {
    const lifted = target({
      maxCapacity: 30,
      predictivePolicies: [
        predictive({ maxCapacityBreachBehavior: 'IncreaseMaxCapacity', maxCapacityBuffer: 10 }),
      ],
    });
    const [big] = floorsAt(lifted, [forecast([41_000])], T0);
    const state = stateOf(lifted);
    expect(
      decideBoundsCorrection(lifted, state, { now: T0, currentCapacity: 48, floor: big }),
    ).toBeUndefined();
    expect(decideBoundsCorrection(lifted, state, { now: T0, currentCapacity: 55, floor: big })).toMatchObject(
      {
        toCapacity: 51,
        reason: 'desired count 55 lies outside [1, 51]: 55 -> 51',
      },
    );
    const deferred = stateOf(lifted, {
      deferred: {
        activityId: 'a',
        eventKey: 'k',
        decidedAt: T0,
        activityStart: T0,
        fromCapacity: 30,
        desiredCapacity: 50,
        cause: 'c',
        reason: 'r',
      },
    });
    expect(
      decideDeferredRetry(deferred, { now: T0, currentCapacity: 30, floor: big, alarmsInAlarm: new Set() }),
    ).toMatchObject({ toCapacity: 50 });
  });
});
