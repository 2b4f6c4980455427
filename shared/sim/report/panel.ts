/**
 * One capacity panel of the timeline chart: a fleet's billed, desired and serving instances
 * over demand, with its grid, the oracle's plan, trace gaps and a lane of unserved minutes.
 */

import type { SimulatedMinute } from '../timeline.ts';
import type { Bin, XOf } from './draw.ts';
import {
  columnStats,
  envelopePath,
  escapeXml,
  laneRects,
  meanPath,
  peakAreaPath,
  px,
  stepPath,
  tickLabel,
} from './draw.ts';
import { LEFT, PANEL, RIGHT } from './layout.ts';
import { COLOURS } from './style.ts';

/** What every panel of one chart shares: its columns, axes, demand and the oracle's plan. */
export interface PanelScales {
  bins: Bin[];
  xOf: XOf;
  /** True when a column stands for more than one minute. */
  thinned: boolean;
  /** Instance axis ticks; the last is the panel's top. */
  yTicks: number[];
  yTop: number;
  /** Demand's value at the panel's top. */
  demandTop: number;
  /** Ticks of demand's own axis on the right; empty when demand shares the instance axis. */
  demandTicks: number[];
  /** Demand in minute `i`, in the unit of the demand axis. */
  demandOf: (i: number) => number;
  /** Billed instances of the oracle's plan, drawn in every panel when given. */
  oracle: ArrayLike<number> | undefined;
}

/** A series a panel draws: its colour key and its value in a minute. */
export type PanelLine = [keyof typeof COLOURS, (m: SimulatedMinute) => number];

const dashes: Partial<Record<keyof typeof COLOURS, string>> = {
  oracle: '2 3',
  desired: '6 3',
  baselineDesired: '6 3',
  forecastFloor: '1 3',
};

/**
 * The panel of `minutes` with its top at `top`, and `bottom`: where what follows it starts,
 * below its unserved lane.
 */
export function capacityPanel(
  scales: PanelScales,
  top: number,
  title: string,
  minutes: SimulatedMinute[],
  lines: PanelLine[],
): { svg: string; bottom: number } {
  const { bins, xOf, thinned, yTicks, yTop, demandTop, demandOf, oracle } = scales;
  const parts: string[] = [];
  const bottom = top + PANEL;
  const yOf = (v: number) => bottom - (v / yTop) * PANEL;
  const yDemand = (v: number) => bottom - (v / demandTop) * PANEL;
  const any = (bin: Bin, f: (m: SimulatedMinute) => boolean) => minutes.slice(bin.from, bin.to).some(f);
  parts.push(`<g class="panel" data-panel="${escapeXml(title)}">`);
  parts.push(laneRects(bins, xOf, top, PANEL, (bin) => (any(bin, (m) => m.gap) ? COLOURS.gap : undefined)));
  parts.push(grid(yTicks, yOf, scales.demandTicks, yDemand));
  parts.push(
    `<path data-series="demand" d="${peakAreaPath(bins, xOf, yDemand, bottom, demandOf)}" fill="${COLOURS.demand}"/>`,
  );
  const draw = (key: keyof typeof COLOURS, valueAt: (i: number) => number) => {
    const dash = dashes[key] ? ` stroke-dasharray="${dashes[key]}"` : '';
    let d = stepPath(bins, xOf, yOf, valueAt);
    if (thinned) {
      // Thinned: a line through the column means, and for serving the min-max band as well.
      const stats = columnStats(bins, valueAt);
      if (key === 'serving' || key === 'baselineServing') {
        parts.push(
          `<path class="envelope" data-series="${key}-range" d="${envelopePath(bins, xOf, yOf, stats)}" fill="${COLOURS[key]}"/>`,
        );
      }
      d = meanPath(bins, xOf, yOf, stats);
    }
    parts.push(`<path class="series" data-series="${key}" d="${d}" stroke="${COLOURS[key]}"${dash}/>`);
  };
  if (oracle) draw('oracle', (i) => oracle[i] ?? 0);
  for (const [key, f] of lines) draw(key, (i) => f(minutes[i] ?? blank));
  parts.push(`<rect class="frame" x="${LEFT}" y="${top}" width="${RIGHT - LEFT}" height="${PANEL}"/>`);
  parts.push(`<text class="panel-title" x="${LEFT + 8}" y="${top + 17}">${escapeXml(title)}</text>`);
  const lane = bottom + 4;
  parts.push(
    laneRects(bins, xOf, lane, 6, (bin) =>
      any(bin, (m) => m.unservedRequests > 0) ? COLOURS.unserved : undefined,
    ),
  );
  parts.push(`<text class="lane-label" x="${RIGHT + 6}" y="${lane + 6}">unserved</text></g>`);
  return { svg: parts.join(''), bottom: lane + 14 };
}

const blank: SimulatedMinute = {
  time: 0,
  demand: 0,
  gap: true,
  servingInstances: 0,
  desiredInstances: 0,
  billedInstances: 0,
  servedRequests: 0,
  unservedRequests: 0,
  alarmStates: {},
};

/** Horizontal grid with instance labels on the left and, if demand has its own axis, on the right. */
function grid(
  ticks: number[],
  yOf: (v: number) => number,
  demandTicks: number[],
  yDemand: (v: number) => number,
): string {
  const out: string[] = [];
  for (const v of ticks) {
    const y = px(yOf(v));
    out.push(`<line class="hgrid" x1="${LEFT}" x2="${RIGHT}" y1="${y}" y2="${y}"/>`);
    out.push(`<text class="tick" x="${LEFT - 6}" y="${y}" dy="4" text-anchor="end">${tickLabel(v)}</text>`);
  }
  for (const v of demandTicks) {
    out.push(
      `<text class="tick demand-tick" x="${RIGHT + 6}" y="${px(yDemand(v))}" dy="4">${tickLabel(v)}</text>`,
    );
  }
  return out.join('');
}
