import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OracleOptions } from '../../../../shared/sim/references/oracle.ts';
import {
  instancesNeeded,
  oracleInstanceHours,
  oracleSchedule,
} from '../../../../shared/sim/references/oracle.ts';

/** Billed minutes of the oracle: the hand-worked cases count minutes, not hours. */
function oracleMinutes(demand: number[], options: OracleOptions): number {
  return Math.round(oracleInstanceHours(demand, options) * 60);
}

/** `minutes` minutes of `base` requests with `peak` requests on `[from, to)`. */
function spikes(minutes: number, base: number, peak: number, ...ranges: [number, number][]): number[] {
  const demand: number[] = Array.from({ length: minutes }, () => base);
  for (const [from, to] of ranges) demand.fill(peak, from, to);
  return demand;
}

const fleet = { capacityPerInstance: 10, startupSteps: 5, minCapacity: 1 };

describe('oracle: hand-worked cases', () => {
  it('bills need × minutes under constant demand', () => {
    // 25 requests need 3 instances, all there from the start: 3 × 10 minutes.
    expect(oracleMinutes(spikes(10, 25, 25), fleet)).toBe(30);
    expect(oracleInstanceHours(spikes(10, 25, 25), fleet)).toBe(0.5);
  });

  it('pays the whole startup for a spike shorter than the startup', () => {
    // 12 minutes × 1, plus 2 more instances each asked for 5 minutes before a 2-minute spike.
    expect(oracleMinutes(spikes(12, 10, 30, [8, 10]), fleet)).toBe(12 + 2 * (5 + 2));
  });

  it('keeps the instance through a gap shorter than the startup', () => {
    // Level 2: startup 5, spike 2, gap 2 kept, spike 2.
    expect(oracleMinutes(spikes(20, 10, 20, [8, 10], [12, 14]), fleet)).toBe(20 + 5 + 2 + 2 + 2);
  });

  it('removes and asks again across a gap longer than the startup', () => {
    // Level 2: startup 5, spike 2, removed for the 8-minute gap, startup 5, spike 2.
    expect(oracleMinutes(spikes(20, 10, 20, [6, 8], [16, 18]), fleet)).toBe(20 + 5 + 2 + 5 + 2);
  });

  it('charges no startup for instances serving at the first minute, and at most the lead-in', () => {
    expect(oracleMinutes(spikes(10, 10, 20, [0, 3]), fleet)).toBe(10 + 3);
    // A spike at minute 2: the second instance is there from minute 0, billed 2 minutes early.
    expect(oracleMinutes(spikes(10, 10, 20, [2, 4]), fleet)).toBe(10 + 2 + 2);
  });

  it('never goes below the minimum capacity', () => {
    expect(oracleMinutes(spikes(10, 0, 0), { ...fleet, minCapacity: 2 })).toBe(20);
    expect(oracleMinutes(spikes(10, 0, 0), { ...fleet, minCapacity: 0 })).toBe(0);
    // The floor absorbs a spike it already covers.
    expect(oracleMinutes(spikes(10, 5, 20, [4, 6]), { ...fleet, minCapacity: 2 })).toBe(20);
  });

  it('bills exactly the need when instances start instantly', () => {
    const demand = [0, 15, 31, 0, 9, 40];
    expect(oracleMinutes(demand, { ...fleet, startupSteps: 0, minCapacity: 0 })).toBe(0 + 2 + 4 + 0 + 1 + 4);
  });

  it('counts instances by the multiplication the fleet serves with, not a rounded division', () => {
    // 0.30000000000000004 / 0.1 rounds up to 4 by division; 3 instances serve it.
    expect(instancesNeeded(3 * 0.1, 0.1, 0)).toBe(3);
    expect(instancesNeeded(10.000001, 10, 0)).toBe(2);
    expect(instancesNeeded(0, 10, 1)).toBe(1);
  });

  it('gives a per-minute schedule that adds up to the oracle and always covers the need', () => {
    const demand = spikes(20, 10, 20, [6, 8], [16, 18]);
    const billed = Array.from(oracleSchedule(demand, fleet));
    expect(billed).toEqual([1, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 1, 1]);
  });

  it('rejects demand and options it cannot price', () => {
    expect(() => oracleInstanceHours([1, -1], fleet)).toThrow(/minute 1/);
    expect(() => oracleInstanceHours([Number.NaN], fleet)).toThrow(RangeError);
    expect(() => oracleInstanceHours([1], { ...fleet, capacityPerInstance: 0 })).toThrow(
      /capacityPerInstance/,
    );
    expect(() => oracleInstanceHours([1], { ...fleet, startupSteps: 1.5 })).toThrow(/startupSteps/);
    expect(() => oracleInstanceHours([1], { ...fleet, minCapacity: -1 })).toThrow(/minCapacity/);
  });
});

/** One instance of a plan: billed on `[request, removal)`, serving from `serveFrom`. */
interface PlannedInstance {
  request: number;
  removal: number;
  serveFrom: number;
}

/**
 * A random feasible plan: random instances, then, minute by minute, more instances asked for
 * (a random while) early enough wherever the fleet would fall short.
 */
function randomFeasiblePlan(need: number[], startup: number, random: () => number): PlannedInstance[] {
  const length = need.length;
  const instance = (request: number, removal: number): PlannedInstance => {
    // Some of those asked for at minute 0 are already serving then, at no startup charge.
    const early = request === 0 && random() < 0.5;
    return { request, removal, serveFrom: early ? 0 : request + startup };
  };
  const plan: PlannedInstance[] = [];
  for (let i = Math.floor(random() * 4); i > 0; i--) {
    const request = Math.floor(random() * length);
    plan.push(instance(request, request + 1 + Math.floor(random() * (length - request))));
  }
  for (let t = 0; t < length; t++) {
    const serving = () => plan.filter((p) => p.serveFrom <= t && t < p.removal).length;
    while (serving() < (need[t] ?? 0)) {
      const request = t - startup - Math.floor(random() * 3);
      const removal = Math.min(length, t + 1 + Math.floor(random() * 4));
      plan.push(request >= 0 ? instance(request, removal) : { request: 0, removal, serveFrom: 0 });
    }
  }
  return plan;
}

/** A small deterministic generator (mulberry32), so a failing plan replays from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** The true optimum by dynamic programming over fleets: counts by minutes left to serve. */
function bruteForceMinutes(need: number[], startup: number, maxFleet: number): number {
  const memo = new Map<string, number>();
  const best = (t: number, fleet: number[]): number => {
    if (t === need.length) return 0;
    const key = `${t}|${fleet.join(',')}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result = Number.POSITIVE_INFINITY;
    // Every way to keep part of each class, then ask for some new ones.
    const keeps = fleet.reduce<number[][]>(
      (ways, count) => ways.flatMap((way) => Array.from({ length: count + 1 }, (_, kept) => [...way, kept])),
      [[]],
    );
    for (const kept of keeps) {
      const total = kept.reduce((a, b) => a + b, 0);
      for (let added = 0; total + added <= maxFleet; added++) {
        const now = [...kept];
        now[startup] = (now[startup] ?? 0) + added;
        if ((now[0] ?? 0) < (need[t] ?? 0)) continue;
        const next = now.map((_, left) => (now[left + 1] ?? 0) + (left === 0 ? (now[0] ?? 0) : 0));
        result = Math.min(result, total + added + best(t + 1, next));
      }
    }
    memo.set(key, result);
    return result;
  };
  // Before minute 0 any number of instances may already be serving, at no startup charge.
  let optimum = Number.POSITIVE_INFINITY;
  for (let initial = 0; initial <= maxFleet; initial++) {
    const fleet = Array.from({ length: startup + 1 }, (_, left) => (left === 0 ? initial : 0));
    optimum = Math.min(optimum, best(0, fleet));
  }
  return optimum;
}

const smallCase = (maxMinutes: number, maxPeak: number) =>
  fc.record({
    demand: fc.array(fc.integer({ min: 0, max: maxPeak * 10 }), { minLength: 1, maxLength: maxMinutes }),
    startupSteps: fc.integer({ min: 0, max: 4 }),
    minCapacity: fc.integer({ min: 0, max: 2 }),
  });

describe('oracle: properties', () => {
  it('is a lower bound on the cost of every feasible plan', () => {
    fc.assert(
      fc.property(smallCase(30, 5), fc.integer(), (c, seed) => {
        const options = { capacityPerInstance: 10, ...c };
        const need = c.demand.map((d) => instancesNeeded(d, 10, c.minCapacity));
        const plan = randomFeasiblePlan(need, c.startupSteps, seededRandom(seed));
        for (const [t, n] of need.entries()) {
          expect(plan.filter((p) => p.serveFrom <= t && t < p.removal).length).toBeGreaterThanOrEqual(n);
        }
        const cost = plan.reduce((sum, p) => sum + (p.removal - p.request), 0);
        expect(cost).toBeGreaterThanOrEqual(oracleMinutes(c.demand, options));
      }),
      { numRuns: 300 },
    );
  });

  it('equals the optimum found by exhaustive search on tiny traces', () => {
    fc.assert(
      fc.property(smallCase(8, 3), (c) => {
        const need = c.demand.map((d) => instancesNeeded(d, 10, c.minCapacity));
        const optimum = bruteForceMinutes(need, c.startupSteps, 4);
        expect(oracleMinutes(c.demand, { capacityPerInstance: 10, ...c })).toBe(optimum);
      }),
      { numRuns: 150 },
    );
  });

  it('schedules exactly the oracle cost, never below the need', () => {
    fc.assert(
      fc.property(smallCase(30, 5), (c) => {
        const options = { capacityPerInstance: 10, ...c };
        const billed = oracleSchedule(c.demand, options);
        expect(billed.reduce((a, b) => a + b, 0)).toBe(oracleMinutes(c.demand, options));
        for (const [t, d] of c.demand.entries()) {
          expect(billed[t]).toBeGreaterThanOrEqual(instancesNeeded(d, 10, c.minCapacity));
        }
      }),
    );
  });
});

describe('oracle: 10-s steps', () => {
  const tenSeconds = { capacityPerInstance: 10, startupSteps: 30, minCapacity: 1, stepSeconds: 10 };

  it('bills need × steps and converts 360 steps to an hour', () => {
    expect(oracleInstanceHours(new Array(360).fill(25), tenSeconds)).toBe(3);
    expect(oracleInstanceHours(new Array(36).fill(25), tenSeconds)).toBeCloseTo(0.3, 12);
  });

  it('prices a minute spread evenly over six 10-s steps exactly as the one-minute oracle prices the minute', () => {
    fc.assert(
      fc.property(smallCase(40, 5), (c) => {
        // Six times the steps, a sixth of the demand and capacity each, start-up in steps.
        const minute = { capacityPerInstance: 60, startupSteps: c.startupSteps, minCapacity: c.minCapacity };
        const tens = {
          capacityPerInstance: 10,
          startupSteps: c.startupSteps * 6,
          minCapacity: c.minCapacity,
          stepSeconds: 10,
        };
        const perMinute = c.demand.map((d) => d * 6);
        const perStep = c.demand.flatMap((d) => new Array(6).fill(d));
        expect(oracleInstanceHours(perStep, tens)).toBeCloseTo(oracleInstanceHours(perMinute, minute), 12);
      }),
      { numRuns: 200 },
    );
  });

  it('needs more for a burst inside a minute than the minute total does', () => {
    // 60 requests in one minute: one instance of 60 a minute. All of them in its first 10 s: six
    // instances of 10 per step for that step (plus their start-up, as for any run).
    const minute = { capacityPerInstance: 60, startupSteps: 0, minCapacity: 0 };
    expect(oracleInstanceHours([60], minute)).toBeCloseTo(1 / 60, 12);
    const burst = [60, 0, 0, 0, 0, 0];
    expect(oracleInstanceHours(burst, { ...tenSeconds, startupSteps: 0, minCapacity: 0 })).toBeCloseTo(
      6 / 360,
      12,
    );
  });

  it('equals the optimum found by exhaustive search, in 10-s steps', () => {
    fc.assert(
      fc.property(smallCase(8, 3), (c) => {
        const need = c.demand.map((d) => instancesNeeded(d, 10, c.minCapacity));
        const optimumSteps = bruteForceMinutes(need, c.startupSteps, 4);
        const hours = oracleInstanceHours(c.demand, { capacityPerInstance: 10, ...c, stepSeconds: 10 });
        expect(Math.round(hours * 360)).toBe(optimumSteps);
      }),
      { numRuns: 150 },
    );
  });

  it('names the step, not the minute, of bad demand at 10 s', () => {
    expect(() => oracleInstanceHours([1, -1], tenSeconds)).toThrow(/demand at step 1/);
    expect(() => oracleInstanceHours([1], { ...tenSeconds, stepSeconds: 0 })).toThrow(/stepSeconds/);
  });
});
