import { describe, expect, it } from 'vitest';
import { betterUnder, meetsSlo, sloViolation } from '../../../shared/tune/objective.ts';
import { patternSearch } from '../../../shared/tune/pattern-search.ts';
import { decode, decodeDimension, haltonPoints, parametersKey } from '../../../shared/tune/space.ts';
import { bestTargetValue } from '../../../shared/tune/target-value-search.ts';

describe('the search space', () => {
  it('decodes a coordinate to a rounded value inside its range, or to one of its choices', () => {
    const range = { name: 'targetValue', kind: 'range', min: 300, max: 980, step: 10 } as const;
    expect(decodeDimension(range, 0)).toBe(300);
    expect(decodeDimension(range, 1)).toBe(980);
    expect(decodeDimension(range, 0.5)).toBe(640);
    expect(decodeDimension(range, 7)).toBe(980);
    const ratio = { name: 'inRatio', kind: 'range', min: 0.3, max: 0.85, step: 0.01 } as const;
    expect(decodeDimension(ratio, 0.1)).toBe(0.36);
    const choice = { name: 'cooldown', kind: 'choice', values: [60, 120, 300] } as const;
    expect([0, 0.34, 0.67, 1].map((u) => decodeDimension(choice, u))).toEqual([60, 120, 300, 300]);
  });

  it('names candidates by their parameters, so two points that round alike are one', () => {
    const dims = [{ name: 'a', kind: 'range', min: 0, max: 10, step: 5 } as const];
    expect(parametersKey(decode(dims, [0.4]))).toBe(parametersKey(decode(dims, [0.45])));
    expect(parametersKey({ b: 1, a: 2 })).toBe('a=2,b=1');
  });

  it('samples the cube evenly and the same way every time (Halton)', () => {
    const points = haltonPoints(2, 4);
    expect(points).toEqual([
      [0.5, 1 / 3],
      [0.25, 2 / 3],
      [0.75, 1 / 9],
      [0.125, 4 / 9],
    ]);
    expect(haltonPoints(2, 4)).toEqual(points);
  });
});

describe('the objective', () => {
  const slo = { maxUnderProvisionedPercent: 0.5, maxUnservedPercent: 0.2 };
  const f = (instanceHours: number, under: number, unserved = 0) => ({
    instanceHours,
    underProvisionedPercent: under,
    unservedPercent: unserved,
  });

  it('prefers anything that meets the SLO, then the cheaper, then the one missing it by less', () => {
    const better = betterUnder(slo);
    expect(better(f(200, 0.4), f(100, 0.6))).toBe(true);
    expect(better(f(100, 0.4), f(200, 0.1))).toBe(true);
    expect(better(f(300, 0.7), f(100, 0.9))).toBe(true);
    expect(better(f(100, 0.7), f(300, 0.7))).toBe(true);
    expect(better(f(100, 0.7), f(100, 0.7))).toBe(false);
  });

  it('counts both parts of the SLO', () => {
    expect(sloViolation(f(1, 0.6, 0.3), slo)).toBeCloseTo(0.2);
    expect(meetsSlo(f(1, 0.5, 0.2), slo)).toBe(true);
    expect(meetsSlo(f(1, 0.5, 0.3), { maxUnderProvisionedPercent: 0.5 })).toBe(true);
  });
});

describe('the pattern search', () => {
  it('finds the minimum of a smooth function with a fraction of a grid of the same resolution', async () => {
    const dimensions = [
      { name: 'x', kind: 'range', min: 0, max: 100, step: 1 } as const,
      { name: 'y', kind: 'range', min: 0, max: 100, step: 1 } as const,
    ];
    let calls = 0;
    const tried = await patternSearch({
      dimensions,
      budget: 60,
      initial: 8,
      better: (a: number, b: number) => a < b,
      evaluate: async (batch) => {
        calls += batch.length;
        return batch.map((p) => ((p.x as number) - 73) ** 2 + ((p.y as number) - 21) ** 2);
      },
    });
    const best = tried.reduce((a, b) => (b.score < a.score ? b : a));
    // A 101 x 101 grid would need 10,201 evaluations for the exact minimum.
    expect(best.parameters).toEqual({ x: 73, y: 21 });
    expect(calls).toBe(tried.length);
    expect(calls).toBeLessThanOrEqual(60);
    expect(new Set(tried.map((t) => parametersKey(t.parameters))).size).toBe(tried.length);
  });

  it('stops at the budget', async () => {
    const tried = await patternSearch({
      dimensions: [{ name: 'x', kind: 'range', min: 0, max: 1000, step: 1 }],
      budget: 5,
      initial: 3,
      better: (a: number, b: number) => a < b,
      evaluate: async (batch) => batch.map((p) => Math.abs((p.x as number) - 10)),
    });
    expect(tried).toHaveLength(5);
  });
});

describe('the target tracking reference', () => {
  const feasibleUpTo = (limit: number) => async (targetValue: number) => ({
    targetValue,
    feasible: targetValue <= limit,
  });

  it('bisects to the highest target value that meets the SLO, to 1 % of the capacity', async () => {
    const tried: number[] = [];
    const best = await bestTargetValue({
      capacity: 1000,
      slo: { maxUnderProvisionedPercent: 0.5 },
      budget: 10,
      evaluate: async (value) => {
        tried.push(value);
        return feasibleUpTo(655)(value);
      },
    });
    expect(best).toEqual({ targetValue: 650, feasible: true });
    expect(tried.slice(0, 2)).toEqual([1000, 200]);
    expect(tried.length).toBeLessThanOrEqual(10);
  });

  it('takes the whole capacity when even that meets the SLO, and the lowest target when nothing does', async () => {
    const options = { capacity: 1000, slo: { maxUnderProvisionedPercent: 0.5 }, budget: 10 };
    expect(await bestTargetValue({ ...options, evaluate: feasibleUpTo(5000) })).toEqual({
      targetValue: 1000,
      feasible: true,
    });
    expect(await bestTargetValue({ ...options, evaluate: feasibleUpTo(0) })).toEqual({
      targetValue: 200,
      feasible: false,
    });
    expect(await bestTargetValue({ ...options, budget: 0, evaluate: feasibleUpTo(0) })).toBeUndefined();
  });
});
