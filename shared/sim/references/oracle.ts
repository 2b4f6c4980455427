/**
 * The oracle: the physical limit a scaling policy is measured against. Pure and exact.
 *
 * ## Model
 * Time runs in steps of `stepSeconds` (a minute, or 10 s in a high-resolution run). Step `t`
 * (0-based) needs `need(t) = max(minCapacity, n)` serving instances, where `n` is the smallest
 * integer with `n × capacityPerInstance ≥ demand(t)` (both per step). An instance is billed from
 * the step it is asked for until the step it is removed; one asked for at step `r` serves from
 * `r + startupSteps`. Instances serving at step 0 are already there, so no startup is charged
 * before the trace starts. The oracle knows the whole future.
 *
 * ## Method: decompose by level
 * For each level `k = 1..max need`, the steps with `need ≥ k` form maximal runs. The cost
 * of level `k` is the length of its runs plus, for the gap of `g` steps before each run
 * (the gap before the first run is measured from step 0), `min(g, startupSteps)`:
 * either keep the `k`-th instance through the gap, or remove it and ask for it again
 * `startupSteps` before the run. A run at step 0 has a gap of 0 and costs no startup.
 * The optimum is the sum over levels.
 *
 * ## Why it is optimal
 * Achievable: give each level its own instance that is billed exactly at the steps above.
 * At step `t` the levels `1..need(t)` are all inside a run, so `need(t)` instances serve,
 * never below `minCapacity` (levels up to `minCapacity` are one run over the whole trace).
 *
 * A lower bound: take any feasible plan and let `b(t)` be its billed instances at step `t`;
 * its cost is `Σ_t b(t) = Σ_k #{t : b(t) ≥ k}`. Fix a level `k` and a run starting at `s`.
 * At `s` at least `k` instances serve; each was there at step 0 or was asked for at some
 * `r ≤ s − startupSteps`, and is billed from then until `s` without a break (a removed
 * instance never comes back). So `b(t) ≥ k` on the last `min(g, startupSteps)` steps of
 * the gap, as well as on the run itself. These step sets are disjoint, so
 * `#{t : b(t) ≥ k}` is at least the level's cost above. Levels are independent because
 * instances are interchangeable: the bound per level holds whichever instance fills it.
 *
 * Nothing in the argument depends on the step's length: at 10 s it is the same proof over six
 * times as many, shorter steps, and only the conversion to instance-hours uses `stepSeconds`.
 * Each step is its own requirement, though: at 10 s every 10 seconds must be served in full, so
 * a burst inside a minute can need more instances than the minute's total does, and bridges and
 * runs are counted in 10-s steps. The 10-s oracle is exact for the 10-s fleet it is compared
 * with, not a bound on the one-minute oracle of the same trace (nor the reverse).
 *
 * ## Cost
 * One left-to-right pass. Levels that start (or end) a run at the same step behave alike from
 * then on, so they are kept as bands, never one by one: running levels as a stack of bands by the
 * step their run began (the newest on top), idle levels as a stack by the step their last run
 * ended (the lowest levels, which ended last, on top; above every level ever used, one endless
 * band that never ran). When `need` rises, the top idle bands start runs, each paying its bridge;
 * when it falls, the top running bands end theirs. Each step pushes at most one band on each
 * stack, so time and memory grow with the steps, never with the number of instances: a trace
 * needing 10^12 instances costs what one needing ten does.
 */

/** What the oracle needs to know about the fleet. */
export interface OracleOptions {
  /** Requests one instance serves per step. */
  capacityPerInstance: number;
  /** Steps from asking for an instance until it serves. */
  startupSteps: number;
  /** The variant's minimum capacity: the fleet never serves with fewer. */
  minCapacity: number;
  /** Seconds per step (per entry of the demand); default 60. */
  stepSeconds?: number;
}

/** The fewest instance-hours that serve every step's demand in full (see the module doc). */
export function oracleInstanceHours(demand: ArrayLike<number>, options: OracleOptions): number {
  let steps = 0;
  plan(demand, options, (from, to, count) => {
    steps += (to - from) * count;
  });
  return steps / (3600 / (options.stepSeconds ?? 60));
}

/**
 * Billed instances per step of one plan that reaches {@link oracleInstanceHours} (doubles: exact
 * for any count a variant can have, and past that as close as a double holds it).
 */
export function oracleSchedule(demand: ArrayLike<number>, options: OracleOptions): Float64Array {
  // A difference array: each billed interval adds its count at its start and takes it at its end.
  const delta = new Float64Array(demand.length + 1);
  plan(demand, options, (from, to, count) => {
    delta[from] = (delta[from] ?? 0) + count;
    delta[to] = (delta[to] ?? 0) - count;
  });
  const billed = new Float64Array(demand.length);
  let running = 0;
  for (let t = 0; t < demand.length; t++) {
    running += delta[t] ?? 0;
    billed[t] = running;
  }
  return billed;
}

/** Instances needed to serve `demand` in full: exact, with no floating-point rounding up. */
export function instancesNeeded(demand: number, capacityPerInstance: number, minCapacity: number): number {
  let n = Math.max(0, Math.ceil(demand / capacityPerInstance));
  // The division may round across an integer; settle on the multiplication the fleet uses. Past
  // 2^53 a double no longer tells n from n - 1, and the division is as exact as it gets.
  if (Number.isSafeInteger(n)) {
    while (n > 0 && (n - 1) * capacityPerInstance >= demand) n--;
    while (n * capacityPerInstance < demand) n++;
  }
  return Math.max(minCapacity, n);
}

/** Levels that started a run at the same step. */
interface RunningBand {
  count: number;
  start: number;
}

/** Levels whose last run ended at the same step (0: never ran, or the trace start). */
interface IdleBand {
  count: number;
  lastEnd: number;
}

/**
 * Walks the optimal plan, reporting each billed interval `[from, to)` of `count` levels alike: a
 * run of `need ≥ k` or the bridge before it. Intervals of one level never overlap.
 */
function plan(
  demand: ArrayLike<number>,
  options: OracleOptions,
  bill: (from: number, to: number, count: number) => void,
): void {
  const { capacityPerInstance, startupSteps, minCapacity } = checked(options);
  const unit = (options.stepSeconds ?? 60) === 60 ? 'minute' : 'step';
  const running: RunningBand[] = [];
  // The bottom band holds every level never used: endless, idle since the trace start.
  const idle: IdleBand[] = [{ count: Number.POSITIVE_INFINITY, lastEnd: 0 }];
  let level = 0;
  const length = demand.length;
  for (let t = 0; t <= length; t++) {
    const need =
      t < length ? instancesNeeded(demandAt(demand, t, unit), capacityPerInstance, minCapacity) : 0;
    for (let drop = level - need; drop > 0; ) {
      const band = running[running.length - 1] as RunningBand;
      const count = Math.min(band.count, drop);
      bill(band.start, t, count);
      pushIdle(idle, count, t);
      band.count -= count;
      if (band.count === 0) running.pop();
      drop -= count;
    }
    for (let rise = need - level; rise > 0; ) {
      const band = idle[idle.length - 1] as IdleBand;
      const count = Math.min(band.count, rise);
      const bridge = Math.min(t - band.lastEnd, startupSteps);
      if (bridge > 0) bill(t - bridge, t, count);
      pushRunning(running, count, t);
      band.count -= count;
      if (band.count === 0) idle.pop();
      rise -= count;
    }
    level = need;
  }
}

function pushIdle(idle: IdleBand[], count: number, lastEnd: number): void {
  const top = idle[idle.length - 1];
  if (top?.lastEnd === lastEnd) top.count += count;
  else idle.push({ count, lastEnd });
}

function pushRunning(running: RunningBand[], count: number, start: number): void {
  const top = running[running.length - 1];
  if (top?.start === start) top.count += count;
  else running.push({ count, start });
}

function demandAt(demand: ArrayLike<number>, t: number, unit: string): number {
  const value = demand[t] ?? Number.NaN;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`oracle: demand at ${unit} ${t} must be a finite number >= 0, found ${value}`);
  }
  return value;
}

function checked(options: OracleOptions): OracleOptions {
  const { capacityPerInstance, startupSteps, minCapacity, stepSeconds = 60 } = options;
  if (!Number.isFinite(capacityPerInstance) || capacityPerInstance <= 0) {
    throw new RangeError(`oracle: capacityPerInstance must be > 0, found ${capacityPerInstance}`);
  }
  if (!Number.isInteger(startupSteps) || startupSteps < 0) {
    throw new RangeError(`oracle: startupSteps must be an integer >= 0, found ${startupSteps}`);
  }
  if (!(stepSeconds > 0)) throw new RangeError(`oracle: stepSeconds must be > 0, found ${stepSeconds}`);
  if (!Number.isInteger(minCapacity) || minCapacity < 0) {
    throw new RangeError(`oracle: minCapacity must be an integer >= 0, found ${minCapacity}`);
  }
  return options;
}
