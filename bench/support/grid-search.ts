/**
 * A plain grid over a family's unit cube, for `bench/tune-search.bench.ts` to measure the tuner's
 * pattern search against: as many levels per dimension as the budget allows (the levels spread
 * round-robin, so every dimension gets a second level before any gets a third), each level at the
 * middle of its share of the dimension, every combination tried once in a single batch.
 */
import {
  type Dimension,
  decode,
  type Parameters,
  type Point,
  parametersKey,
} from '../../shared/tune/space.ts';

/** Levels per dimension: the largest grid of at most `budget` points, spread round-robin. */
export function gridLevels(dimensions: number, budget: number): number[] {
  const levels = Array.from({ length: dimensions }, () => 1);
  const size = () => levels.reduce((product, level) => product * level, 1);
  for (let d = 0; ; d = (d + 1) % dimensions) {
    const grown = (size() / (levels[d] as number)) * ((levels[d] as number) + 1);
    if (grown > budget) {
      // Another level on this dimension is too much; so it is on every later one at this round.
      if (levels.every((level) => (size() / level) * (level + 1) > budget)) return levels;
      continue;
    }
    levels[d] = (levels[d] as number) + 1;
  }
}

/** The grid's points, decoded, without two that decode to the same parameters. */
export function gridCandidates(dimensions: readonly Dimension[], budget: number): Parameters[] {
  const levels = gridLevels(dimensions.length, budget);
  let points: Point[] = [[]];
  for (const level of levels) {
    const coordinates = Array.from({ length: level }, (_, i) => (i + 0.5) / level);
    points = points.flatMap((point) => coordinates.map((u) => [...point, u]));
  }
  const distinct = new Map<string, Parameters>();
  for (const point of points) {
    const parameters = decode(dimensions, point);
    distinct.set(parametersKey(parameters), parameters);
  }
  return [...distinct.values()].slice(0, budget);
}
