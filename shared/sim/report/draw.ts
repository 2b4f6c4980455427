/**
 * SVG drawing primitives for the simulation report: thinning a long series to the pixels
 * it will cover, paths, coloured lanes and axis ticks. Strings only: no DOM, no library.
 */

/** Minutes `[from, to)` drawn as one column. */
export interface Bin {
  from: number;
  to: number;
}

/** Where minute `i` (possibly fractional) falls on the x axis. */
export type XOf = (minute: number) => number;

/** Text for XML and HTML: escapes the five characters that could end a text node or an attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * One bin per minute when they fit, else one per pixel column. Past one minute a pixel,
 * drawing every minute would only make the file bigger, not the chart more exact.
 */
export function binsOf(count: number, columns: number): Bin[] {
  const n = Math.max(1, Math.min(count, Math.floor(columns)));
  return Array.from({ length: n }, (_, j) => ({
    from: Math.floor((j * count) / n),
    to: Math.floor(((j + 1) * count) / n),
  }));
}

/** A coordinate rounded to 0.1 px: finer is invisible and only costs bytes. */
export function px(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** A series minute by minute, as a step line: capacity changes in whole minutes. */
export function stepPath(
  bins: Bin[],
  xOf: XOf,
  yOf: (v: number) => number,
  valueAt: (i: number) => number,
): string {
  const d: string[] = [];
  for (const { from, to } of bins) {
    if (to <= from) continue;
    const y = px(yOf(valueAt(from)));
    d.push(`${d.length === 0 ? 'M' : 'L'}${px(xOf(from))} ${y}L${px(xOf(to))} ${y}`);
  }
  return d.join('');
}

/** The lowest, highest and mean value of each column. */
export function columnStats(
  bins: Bin[],
  valueAt: (i: number) => number,
): { min: number; max: number; mean: number }[] {
  return bins.map(({ from, to }) => {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (let i = from; i < to; i++) {
      const v = valueAt(i);
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    return to > from ? { min, max, mean: sum / (to - from) } : { min: 0, max: 0, mean: 0 };
  });
}

/** A line through each column's mean: what a thinned series averages to. */
export function meanPath(
  bins: Bin[],
  xOf: XOf,
  yOf: (v: number) => number,
  stats: { mean: number }[],
): string {
  return bins
    .map(
      ({ from, to }, j) =>
        `${j === 0 ? 'M' : 'L'}${px((xOf(from) + xOf(to)) / 2)} ${px(yOf(stats[j]?.mean ?? 0))}`,
    )
    .join('');
}

/** The band between each column's lowest and highest value: no peak is lost to thinning. */
export function envelopePath(
  bins: Bin[],
  xOf: XOf,
  yOf: (v: number) => number,
  stats: { min: number; max: number }[],
): string {
  const upper = bins.map(
    ({ from, to }, j) =>
      `L${px(xOf(from))} ${px(yOf(stats[j]?.max ?? 0))}L${px(xOf(to))} ${px(yOf(stats[j]?.max ?? 0))}`,
  );
  const lower = bins.map(
    ({ from, to }, j) =>
      `L${px(xOf(to))} ${px(yOf(stats[j]?.min ?? 0))}L${px(xOf(from))} ${px(yOf(stats[j]?.min ?? 0))}`,
  );
  return `M${upper.join('').slice(1)}${lower.reverse().join('')}Z`;
}

/** An area from `base` up to each column's peak: demand is judged by its peaks. */
export function peakAreaPath(
  bins: Bin[],
  xOf: XOf,
  yOf: (v: number) => number,
  base: number,
  valueAt: (i: number) => number,
): string {
  const d: string[] = [`M${px(xOf(0))} ${px(base)}`];
  for (const { from, to } of bins) {
    let peak = 0;
    for (let i = from; i < to; i++) peak = Math.max(peak, valueAt(i));
    d.push(`L${px(xOf(from))} ${px(yOf(peak))}L${px(xOf(to))} ${px(yOf(peak))}`);
  }
  d.push(`L${px(xOf(bins.at(-1)?.to ?? 0))} ${px(base)}Z`);
  return d.join('');
}

/**
 * A band of coloured runs (alarm states, gaps, unserved minutes): `colourOf` gives a bin's
 * colour, or none; neighbouring bins of one colour merge into one rectangle.
 */
export function laneRects(
  bins: Bin[],
  xOf: XOf,
  top: number,
  height: number,
  colourOf: (bin: Bin) => string | undefined,
): string {
  const rects: string[] = [];
  let start = 0;
  let current: string | undefined;
  const flush = (end: number) => {
    if (current === undefined || end <= start) return;
    const width = px(xOf(end) - xOf(start));
    rects.push(
      `<rect x="${px(xOf(start))}" y="${px(top)}" width="${width}" height="${px(height)}" fill="${current}"/>`,
    );
  };
  for (const bin of bins) {
    const colour = colourOf(bin);
    if (colour === current) continue;
    flush(bin.from);
    start = bin.from;
    current = colour;
  }
  flush(bins.at(-1)?.to ?? 0);
  return rects.join('');
}

/** Round tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(max: number, target = 5): number[] {
  const raw = Math.max(max, Number.MIN_VALUE) / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = 0; ticks.length === 0 || (ticks.at(-1) ?? 0) < max - step * 1e-9; v += step) {
    ticks.push(Math.round(v / step) * step);
  }
  return ticks;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIME_STEPS = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160].map(
  (m) => m * MINUTE,
);

/** Time ticks on round UTC instants, about `target` of them, each with a short label. */
export function timeTicks(from: number, to: number, target = 10): { time: number; label: string }[] {
  const step = TIME_STEPS.find((s) => (to - from) / s <= target) ?? 30 * DAY;
  const ticks: { time: number; label: string }[] = [];
  for (let time = Math.ceil(from / step) * step; time <= to; time += step) {
    const iso = new Date(time).toISOString();
    const label = step >= DAY || time % DAY === 0 ? iso.slice(5, 10) : iso.slice(11, 16);
    ticks.push({ time, label });
  }
  return ticks;
}

/** A number for an axis label: no trailing noise from floating-point steps. */
export function tickLabel(v: number): string {
  if (v >= 10_000) return `${Math.round(v / 1000)}k`;
  return String(Math.round(v * 1000) / 1000);
}

/** A label cut to `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
