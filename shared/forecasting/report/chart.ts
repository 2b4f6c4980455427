/**
 * The forecast chart: what happened (hourly totals, the history before the forecast and the
 * outcome after it) as an area, the forecast as a step line from its origin, hours without data
 * shaded. Drawn with the simulator report's primitives (shared/sim/report/draw.ts), one column
 * per hour.
 */
import {
  binsOf,
  escapeXml,
  laneRects,
  niceTicks,
  peakAreaPath,
  px,
  stepPath,
  tickLabel,
  timeTicks,
} from '../../sim/report/draw.ts';
import { LEFT, RIGHT, WIDTH } from '../../sim/report/layout.ts';
import { COLOURS } from '../../sim/report/style.ts';

/** The forecast line's colour, and the origin marker's. */
export const FORECAST_COLOURS = {
  forecast: '#7c3aed',
  actual: COLOURS.demand,
  gap: COLOURS.gap,
  origin: COLOURS.marker,
};

/** What the chart draws: hour `i` starts at `start + i h`. */
export interface ForecastChartInput {
  start: number;
  /** Requests in each hour; undefined where nothing is known. */
  actual: (number | undefined)[];
  /** Index of the forecast's first hour. */
  originIndex: number;
  /** Forecast requests per hour, from `originIndex` on. */
  forecast: number[];
}

const TOP = 20;
const HEIGHT = 300;
const HOUR = 3_600_000;

/** The chart as one inline SVG. */
export function forecastChart(input: ForecastChartInput): string {
  const count = Math.max(input.actual.length, input.originIndex + input.forecast.length);
  const bins = binsOf(count, RIGHT - LEFT);
  const xOf = (i: number) => LEFT + (i / count) * (RIGHT - LEFT);
  let peak = 1;
  for (const value of [...input.actual, ...input.forecast]) peak = Math.max(peak, value ?? 0);
  const ticks = niceTicks(peak);
  const top = ticks.at(-1) ?? 1;
  const bottom = TOP + HEIGHT;
  const yOf = (v: number) => bottom - (v / top) * HEIGHT;
  const parts: string[] = [];
  parts.push(
    laneRects(bins, xOf, TOP, HEIGHT, (bin) =>
      input.actual[bin.from] === undefined && bin.from < input.actual.length
        ? FORECAST_COLOURS.gap
        : undefined,
    ),
  );
  for (const v of ticks) {
    const y = px(yOf(v));
    parts.push(`<line class="hgrid" x1="${LEFT}" x2="${RIGHT}" y1="${y}" y2="${y}"/>`);
    parts.push(`<text class="tick" x="${LEFT - 6}" y="${y}" dy="4" text-anchor="end">${tickLabel(v)}</text>`);
  }
  const known = bins.filter((bin) => bin.from < input.actual.length);
  parts.push(
    `<path data-series="actual" d="${peakAreaPath(known, xOf, yOf, bottom, (i) => input.actual[i] ?? 0)}" fill="${FORECAST_COLOURS.actual}"/>`,
  );
  const ahead = bins.filter((bin) => bin.from >= input.originIndex);
  parts.push(
    `<path class="series" data-series="forecast" d="${stepPath(ahead, xOf, yOf, (i) => input.forecast[i - input.originIndex] ?? 0)}" stroke="${FORECAST_COLOURS.forecast}"/>`,
  );
  const originX = px(xOf(input.originIndex));
  parts.push(
    `<g class="marker"><title>forecast made</title><line x1="${originX}" x2="${originX}" y1="${TOP}" y2="${bottom}" stroke="${FORECAST_COLOURS.origin}"/><text class="marker-label" x="${originX}" y="${TOP - 6}" text-anchor="middle">forecast made</text></g>`,
  );
  for (const tick of timeTicks(input.start, input.start + count * HOUR)) {
    const x = px(xOf((tick.time - input.start) / HOUR));
    parts.push(`<line class="vgrid" x1="${x}" x2="${x}" y1="${TOP}" y2="${bottom}"/>`);
    parts.push(
      `<text class="tick" x="${x}" y="${bottom + 16}" text-anchor="middle">${escapeXml(tick.label)}</text>`,
    );
  }
  parts.push(`<rect class="frame" x="${LEFT}" y="${TOP}" width="${RIGHT - LEFT}" height="${HEIGHT}"/>`);
  parts.push(
    `<text class="axis-title" transform="translate(14 ${TOP + HEIGHT / 2}) rotate(-90)" text-anchor="middle">requests / hour</text>`,
  );
  const height = bottom + 26;
  return `<svg id="forecast-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Forecast against what happened">${parts.join('')}</svg>`;
}
