/**
 * A family's parameter space, searched in the unit cube: each dimension maps a coordinate in
 * [0, 1] to a value, a range rounded to a step or one of a few choices. Working in the cube lets one
 * search method serve every family; decoding makes two points that round to the same values one
 * candidate.
 */

/** One tunable parameter. */
export type Dimension =
  | { name: string; kind: 'range'; min: number; max: number; step: number }
  | { name: string; kind: 'choice'; values: readonly number[] };

/** A point of the cube, one coordinate per dimension. */
export type Point = readonly number[];

/** The parameters a point stands for, by name. */
export type Parameters = Readonly<Record<string, number>>;

function clamp01(u: number): number {
  return Math.min(1, Math.max(0, u));
}

/** The value of one dimension at coordinate `u`. */
export function decodeDimension(dimension: Dimension, u: number): number {
  const x = clamp01(u);
  if (dimension.kind === 'choice') {
    const index = Math.min(dimension.values.length - 1, Math.floor(x * dimension.values.length));
    return dimension.values[index] as number;
  }
  const raw = dimension.min + x * (dimension.max - dimension.min);
  const rounded = Math.round(raw / dimension.step) * dimension.step;
  // Rounding must not leave the range, nor show float noise (0.30000000000000004).
  return Number(Math.min(dimension.max, Math.max(dimension.min, rounded)).toPrecision(12));
}

/** The parameters at a point. */
export function decode(dimensions: readonly Dimension[], point: Point): Parameters {
  const parameters: Record<string, number> = {};
  dimensions.forEach((dimension, i) => {
    parameters[dimension.name] = decodeDimension(dimension, point[i] ?? 0.5);
  });
  return parameters;
}

/** A key that is the same for points that decode to the same parameters. */
export function parametersKey(parameters: Parameters): string {
  return Object.keys(parameters)
    .sort()
    .map((name) => `${name}=${parameters[name]}`)
    .join(',');
}

/**
 * The first `count` points of the Halton sequence in `dimensions` dimensions (bases 2, 3, 5, ...):
 * spread evenly over the cube, and the same every run, so a tune is repeatable.
 */
export function haltonPoints(dimensions: number, count: number): Point[] {
  const bases = firstPrimes(dimensions);
  return Array.from({ length: count }, (_, i) => bases.map((base) => radicalInverse(i + 1, base)));
}

function radicalInverse(index: number, base: number): number {
  let result = 0;
  let fraction = 1 / base;
  for (let n = index; n > 0; n = Math.floor(n / base)) {
    result += (n % base) * fraction;
    fraction /= base;
  }
  return result;
}

function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let candidate = 2; primes.length < count; candidate++) {
    if (primes.every((p) => candidate % p !== 0)) primes.push(candidate);
  }
  return primes;
}
