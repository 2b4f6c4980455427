import type { AdjustmentType, MetricAggregationType, StepAdjustment, StepPolicy } from './model.ts';

/**
 * Reduces the alarm's recent datapoints to the one value AAS compares with the threshold.
 * Returns undefined when there is nothing to aggregate.
 */
export function aggregateDatapoints(
  datapoints: readonly number[],
  how: MetricAggregationType,
): number | undefined {
  if (datapoints.length === 0) return undefined;
  if (how === 'Minimum') return Math.min(...datapoints);
  if (how === 'Maximum') return Math.max(...datapoints);
  let sum = 0;
  for (const value of datapoints) sum += value;
  return sum / datapoints.length;
}

/**
 * Whether a breach delta (aggregated metric minus threshold) falls in a step's interval.
 * AWS StepAdjustment: above the threshold the lower bound is inclusive and the upper exclusive;
 * below it the lower bound is exclusive and the upper inclusive. At exactly the threshold AWS's
 * own examples make both `[0, 10)` and `(-10, 0]` match, so a delta of 0 tries both readings.
 */
export function stepContains(step: StepAdjustment, delta: number): boolean {
  const lower = step.metricIntervalLowerBound ?? Number.NEGATIVE_INFINITY;
  const upper = step.metricIntervalUpperBound ?? Number.POSITIVE_INFINITY;
  const aboveReading = lower <= delta && delta < upper;
  const belowReading = lower < delta && delta <= upper;
  if (delta > 0) return aboveReading;
  if (delta < 0) return belowReading;
  return aboveReading || belowReading;
}

/** The step whose interval holds the delta; the above-threshold reading wins a tie at 0. */
export function findStep(steps: readonly StepAdjustment[], delta: number): StepAdjustment | undefined {
  if (delta === 0) {
    const exactlyAbove = steps.find((step) => step.metricIntervalLowerBound === 0);
    if (exactlyAbove) return exactlyAbove;
  }
  return steps.find((step) => stepContains(step, delta));
}

/**
 * Rounds a fractional percent adjustment the way AWS does: above 1 round down (12.7 -> 12),
 * between 0 and 1 become 1, between -1 and 0 become -1, below -1 round up (-6.67 -> -6).
 * That is: toward zero, but never to zero.
 */
export function roundPercentAdjustment(raw: number): number {
  if (raw > 0 && raw < 1) return 1;
  if (raw < 0 && raw > -1) return -1;
  return Math.trunc(raw);
}

/**
 * The capacity a step asks for, measured from `base` (the current capacity, or inside a
 * scale-out cooldown the capacity before the initiating activity), before clamping.
 */
export function stepTargetCapacity(
  policy: Pick<StepPolicy, 'adjustmentType' | 'minAdjustmentMagnitude'>,
  scalingAdjustment: number,
  base: number,
): number {
  return base + capacityChange(policy.adjustmentType, scalingAdjustment, base, policy.minAdjustmentMagnitude);
}

function capacityChange(
  type: AdjustmentType,
  scalingAdjustment: number,
  base: number,
  minAdjustmentMagnitude: number | undefined,
): number {
  if (type === 'ExactCapacity') return scalingAdjustment - base;
  if (type === 'ChangeInCapacity') return scalingAdjustment;
  // Multiply before dividing: base and adjustment are integers, so e.g. 30 % of 11 is 330 / 100.
  const rounded = roundPercentAdjustment((base * scalingAdjustment) / 100);
  if (rounded === 0 || minAdjustmentMagnitude === undefined) return rounded;
  // minAdjustmentMagnitude raises a small non-zero change: 25 % of 4 = 1, with minimum 2 -> +2.
  return Math.abs(rounded) < minAdjustmentMagnitude ? Math.sign(rounded) * minAdjustmentMagnitude : rounded;
}

/** Keeps a capacity inside [min, max]. */
export function clampCapacity(
  capacity: number,
  bounds: { minCapacity: number; maxCapacity: number },
): number {
  return Math.min(bounds.maxCapacity, Math.max(bounds.minCapacity, capacity));
}
