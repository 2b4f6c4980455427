import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../shared/config/index.ts';
import { rawConfig, rawPolicy, rawTarget } from './build.ts';

/** Sorted, distinct cut points; quarters so that fractional bounds are covered too. */
const cutPoints = (minLength: number) =>
  fc
    .uniqueArray(fc.integer({ min: -4000, max: 4000 }), { minLength, maxLength: 10 })
    .map((points) => points.sort((a, b) => a - b).map((point) => point / 4));

/** (-inf, p1), [p1, p2), ..., [pk, +inf): the whole real line, cut at the points. */
function stepsCutAt(points: readonly number[]) {
  return [...points, undefined].map((upper, i) => ({
    ...(i === 0 ? {} : { metricIntervalLowerBound: points[i - 1] }),
    ...(upper === undefined ? {} : { metricIntervalUpperBound: upper }),
    scalingAdjustment: i - 1,
  }));
}

function validate(stepAdjustments: unknown[]) {
  return validateConfig(rawConfig(rawTarget({ stepPolicies: [rawPolicy({ stepAdjustments })] })));
}

describe('step intervals (property)', () => {
  it('accepts any step list that cuts the real line at sorted points, in any order', () => {
    fc.assert(
      fc.property(
        cutPoints(1).chain((points) =>
          fc.shuffledSubarray(stepsCutAt(points), { minLength: points.length + 1 }),
        ),
        (steps) => {
          const result = validate(steps);
          expect(result.ok ? [] : result.issues).toEqual([]);
        },
      ),
    );
  });

  it('reports a gap when a middle step is removed', () => {
    fc.assert(
      fc.property(
        cutPoints(2).chain((points) =>
          fc.tuple(fc.constant(points), fc.integer({ min: 1, max: points.length - 1 })),
        ),
        ([points, removed]) => {
          const steps = stepsCutAt(points).filter((_, i) => i !== removed);
          const result = validate(steps);
          expect(result.ok).toBe(false);
          const messages = result.ok ? [] : result.issues.map((issue) => issue.message);
          expect(messages).toEqual([expect.stringMatching(/^leaves a gap: .* no step covers /)]);
          expect(messages[0]).toContain(`no step covers ${points[removed - 1]} to ${points[removed]}`);
        },
      ),
    );
  });
});
