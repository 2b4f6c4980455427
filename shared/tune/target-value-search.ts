/**
 * The reference the tuned configuration must beat: target tracking with AAS's default cooldowns
 * (300 s each way) at the highest target value that still meets the SLO on the training days,
 * i.e. the best a user gets by choosing one number. A higher target means fewer instances and more
 * under-provisioning, so the boundary is found by bisection between 20 % and 100 % of an
 * instance's capacity (to 1 % of it).
 */
import type { Slo } from './objective.ts';

/** What the bisection needs of a tried target value. */
export interface TriedValue {
  feasible: boolean;
}

export async function bestTargetValue<T extends TriedValue>(options: {
  capacity: number;
  slo: Slo;
  budget: number;
  evaluate(targetValue: number): Promise<T>;
}): Promise<T | undefined> {
  const step = Math.max(1, Math.round(options.capacity / 100));
  const snap = (value: number) => Math.round(value / step) * step;
  let lo = snap(0.2 * options.capacity);
  let hi = snap(options.capacity);
  let tries = 0;
  const tryValue = async (value: number) => {
    tries += 1;
    return options.evaluate(value);
  };
  if (options.budget <= 0) return undefined;
  const top = await tryValue(hi);
  if (top.feasible) return top;
  if (tries >= options.budget) return undefined;
  let best = await tryValue(lo);
  // Nothing meets the SLO: the lowest target, the one closest to meeting it, stands in.
  if (!best.feasible) return best;
  while (hi - lo > step && tries < options.budget) {
    const mid = snap((lo + hi) / 2);
    if (mid <= lo || mid >= hi) break;
    const tried = await tryValue(mid);
    if (tried.feasible) {
      lo = mid;
      best = tried;
    } else {
      hi = mid;
    }
  }
  return best;
}
