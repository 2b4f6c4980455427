/**
 * The search inside one family: a coarse, even sample of the cube (Halton points, the centre
 * first), then a pattern search from the best points found: each round tries a step up and down
 * along every dimension around the two best, keeps any improvement, and halves the step when a
 * round finds none. Every round is one batch, so candidates run in parallel; points that decode to
 * parameters already tried cost nothing. `bench/tune-search.bench.ts` measures it against a grid of
 * the same budget.
 */
import { type Dimension, decode, haltonPoints, type Parameters, type Point, parametersKey } from './space.ts';

/** A candidate tried: where, what it stood for, and how it scored. */
export interface Tried<S> {
  point: Point;
  parameters: Parameters;
  score: S;
}

export interface PatternSearchOptions<S> {
  dimensions: readonly Dimension[];
  /** Candidates to try at most (distinct parameters). */
  budget: number;
  /** Size of the first, even sample. */
  initial: number;
  /** Scores a batch of candidates, in order. */
  evaluate(batch: readonly Parameters[]): Promise<S[]>;
  /** Whether `a` is strictly better than `b`. */
  better(a: S, b: S): boolean;
}

/** The first step, as a share of each dimension's range, and the smallest one tried. */
const FIRST_STEP = 0.25;
const LAST_STEP = 1 / 64;

/** Every candidate tried, in the order tried. */
export async function patternSearch<S>(options: PatternSearchOptions<S>): Promise<Tried<S>[]> {
  const { dimensions, budget, better } = options;
  const tried = new Map<string, Tried<S>>();
  const order: Tried<S>[] = [];
  const run = async (points: readonly Point[]) => {
    const fresh = new Map<string, { point: Point; parameters: Parameters }>();
    for (const point of points) {
      const parameters = decode(dimensions, point);
      const key = parametersKey(parameters);
      if (!tried.has(key) && !fresh.has(key)) fresh.set(key, { point, parameters });
    }
    const batch = [...fresh.entries()].slice(0, Math.max(0, budget - tried.size));
    const scores = await options.evaluate(batch.map(([, candidate]) => candidate.parameters));
    batch.forEach(([key, candidate], i) => {
      const entry = { ...candidate, score: scores[i] as S };
      tried.set(key, entry);
      order.push(entry);
    });
    return batch.length;
  };
  const best = (count: number) => {
    const ranked = [...order].sort((a, b) =>
      better(a.score, b.score) ? -1 : better(b.score, a.score) ? 1 : 0,
    );
    return ranked.slice(0, count);
  };
  const centre = dimensions.map(() => 0.5);
  await run([centre, ...haltonPoints(dimensions.length, Math.max(0, options.initial - 1))]);
  let step = FIRST_STEP;
  while (tried.size < budget && step >= LAST_STEP) {
    const leader = best(1)[0];
    const neighbours = best(2).flatMap((incumbent) =>
      dimensions.flatMap((_, d) =>
        [-step, step].map((delta) =>
          incumbent.point.map((u, i) => (i === d ? Math.min(1, Math.max(0, u + delta)) : u)),
        ),
      ),
    );
    const ran = await run(neighbours);
    const improved = leader !== undefined && best(1)[0] !== leader;
    if (!improved || ran === 0) step /= 2;
  }
  return order;
}
