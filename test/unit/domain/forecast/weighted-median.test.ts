import { describe, expect, it } from 'vitest';
import { median, weightedMedian } from '../../../../shared/domain/forecast/weighted-median.ts';

describe('weightedMedian', () => {
  it('has no median for no values', () => {
    expect(weightedMedian([])).toBeUndefined();
    expect(median([])).toBeUndefined();
  });

  it('takes the value where the weights balance, so a heavy vote outweighs several light ones', () => {
    const votes = [
      { value: 10, weight: 1 },
      { value: 90, weight: 6 },
      { value: 20, weight: 1 },
      { value: 30, weight: 1 },
    ];
    expect(weightedMedian(votes)).toBe(90);
  });

  it('takes the midpoint of an even split rather than favouring the lower value', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(
      weightedMedian([
        { value: 10, weight: 1 },
        { value: 20, weight: 1 },
      ]),
    ).toBe(15);
  });

  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([7, 100, 1])).toBe(7);
    expect(median([5])).toBe(5);
  });
});
