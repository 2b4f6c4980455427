import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberText } from '../../../shared/domain/decision.ts';
import {
  aggregateDatapoints,
  clampCapacity,
  findStep,
  roundPercentAdjustment,
  stepContains,
  stepTargetCapacity,
} from '../../../shared/domain/step-math.ts';

describe('aggregateDatapoints', () => {
  it('averages, takes the minimum or the maximum of the recent datapoints', () => {
    expect(aggregateDatapoints([10, 20, 60], 'Average')).toBe(30);
    expect(aggregateDatapoints([10, 20, 60], 'Minimum')).toBe(10);
    expect(aggregateDatapoints([10, 20, 60], 'Maximum')).toBe(60);
  });

  it('has nothing to aggregate when the alarm carries no datapoints', () => {
    expect(aggregateDatapoints([], 'Average')).toBeUndefined();
  });
});

describe('step intervals', () => {
  const above = { metricIntervalLowerBound: 0, metricIntervalUpperBound: 10, scalingAdjustment: 1 };
  const below = { metricIntervalLowerBound: -10, metricIntervalUpperBound: 0, scalingAdjustment: -1 };

  it('includes the lower bound and excludes the upper one above the threshold', () => {
    expect(stepContains(above, 0)).toBe(true);
    expect(stepContains(above, 9.99)).toBe(true);
    expect(stepContains(above, 10)).toBe(false);
  });

  it('excludes the lower bound and includes the upper one below the threshold', () => {
    expect(stepContains(below, -10)).toBe(false);
    expect(stepContains(below, -0.01)).toBe(true);
    expect(stepContains({ ...below, metricIntervalUpperBound: -5 }, -5)).toBe(true);
  });

  it('matches a delta of exactly 0 with [0, x) and with (y, 0], as the AWS examples do', () => {
    expect(stepContains(above, 0)).toBe(true);
    expect(stepContains(below, 0)).toBe(true);
  });

  it('treats missing bounds as infinities', () => {
    expect(stepContains({ scalingAdjustment: 1, metricIntervalLowerBound: 20 }, 1e12)).toBe(true);
    expect(stepContains({ scalingAdjustment: 1, metricIntervalUpperBound: -20 }, -1e12)).toBe(true);
  });

  it('prefers the step starting at 0 when a delta of 0 sits between two steps', () => {
    expect(findStep([below, above], 0)).toBe(above);
  });

  it('finds the step holding the delta, or none when it falls in no interval', () => {
    expect(findStep([above], 5)).toBe(above);
    expect(findStep([above], 15)).toBeUndefined();
    expect(findStep([below], 0)).toBe(below);
  });
});

describe('percent rounding', () => {
  it('rounds down above 1, up below -1, and to +1 / -1 between', () => {
    expect(roundPercentAdjustment(12.7)).toBe(12);
    expect(roundPercentAdjustment(0.4)).toBe(1);
    expect(roundPercentAdjustment(-0.4)).toBe(-1);
    expect(roundPercentAdjustment(-6.67)).toBe(-6);
    expect(roundPercentAdjustment(0)).toBe(0);
  });

  it('never rounds a non-zero adjustment to zero and never away from zero beyond one', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (raw) => {
        const rounded = roundPercentAdjustment(raw);
        expect(Number.isInteger(rounded)).toBe(true);
        if (raw !== 0) expect(rounded).not.toBe(0);
        if (Math.abs(raw) >= 1) expect(Math.abs(rounded)).toBeLessThanOrEqual(Math.abs(raw));
        expect(Math.abs(rounded)).toBeGreaterThan(Math.abs(raw) - 1);
      }),
    );
  });
});

describe('stepTargetCapacity', () => {
  it('adds a change, sets an exact capacity, and takes a percent of the base', () => {
    expect(stepTargetCapacity({ adjustmentType: 'ChangeInCapacity' }, 3, 10)).toBe(13);
    expect(stepTargetCapacity({ adjustmentType: 'ExactCapacity' }, 4, 10)).toBe(4);
    expect(stepTargetCapacity({ adjustmentType: 'PercentChangeInCapacity' }, 30, 11)).toBe(14);
    expect(stepTargetCapacity({ adjustmentType: 'PercentChangeInCapacity' }, -30, 13)).toBe(10);
  });

  it('raises a small percent change to minAdjustmentMagnitude (25 % of 4 with minimum 2 gives +2)', () => {
    const percent = { adjustmentType: 'PercentChangeInCapacity' as const, minAdjustmentMagnitude: 2 };
    expect(stepTargetCapacity(percent, 25, 4)).toBe(6);
    expect(stepTargetCapacity(percent, -25, 4)).toBe(2);
    expect(stepTargetCapacity(percent, 50, 10)).toBe(15);
    expect(stepTargetCapacity(percent, 0, 10)).toBe(10);
  });

  it('rounds a percent step of a small fleet to one instance rather than zero', () => {
    expect(stepTargetCapacity({ adjustmentType: 'PercentChangeInCapacity' }, 10, 3)).toBe(4);
    expect(stepTargetCapacity({ adjustmentType: 'PercentChangeInCapacity' }, -10, 3)).toBe(2);
  });
});

describe('clampCapacity', () => {
  it('keeps a capacity inside [min, max]', () => {
    expect(clampCapacity(0, { minCapacity: 2, maxCapacity: 10 })).toBe(2);
    expect(clampCapacity(11, { minCapacity: 2, maxCapacity: 10 })).toBe(10);
    expect(clampCapacity(5, { minCapacity: 2, maxCapacity: 10 })).toBe(5);
  });
});

describe('numbers in reasons', () => {
  it('shows at most two decimals', () => {
    expect(numberText(941.6666666666666)).toBe('941.67');
    expect(numberText(800)).toBe('800');
    expect(numberText(-123.888)).toBe('-123.89');
  });
});
