/** A value with the weight it carries in a {@link weightedMedian}. */
export interface WeightedValue {
  value: number;
  /** Greater than 0. */
  weight: number;
}

/**
 * The weighted median: the value at which the weights below and above balance. When the
 * cumulative weight lands exactly on half (an even split), the midpoint of the two values
 * either side, so two equal votes give their mean rather than favouring the lower one.
 * Undefined when there is nothing to take the median of.
 */
export function weightedMedian(entries: readonly WeightedValue[]): number | undefined {
  if (entries.length === 0) return undefined;
  const sorted = [...entries].sort((a, b) => a.value - b.value);
  let total = 0;
  for (const entry of sorted) total += entry.weight;
  let cumulative = 0;
  const last = sorted.length - 1;
  for (let i = 0; i < last; i++) {
    const entry = sorted[i] as WeightedValue;
    cumulative += entry.weight;
    if (cumulative === total / 2) return (entry.value + (sorted[i + 1] as WeightedValue).value) / 2;
    if (cumulative > total / 2) return entry.value;
  }
  return (sorted[last] as WeightedValue).value;
}

/** The plain median of the values, or undefined for none. */
export function median(values: readonly number[]): number | undefined {
  return weightedMedian(values.map((value) => ({ value, weight: 1 })));
}
