import type { AlarmStateValue } from '../domain/model.ts';
import type { Bin, XOf } from './report-draw.ts';
import {
  binsOf,
  clip,
  columnStats,
  envelopePath,
  escapeXml,
  laneRects,
  meanPath,
  niceTicks,
  peakAreaPath,
  px,
  stepPath,
  tickLabel,
  timeTicks,
} from './report-draw.ts';
import { markers } from './report-markers.ts';
import { ALARM_COLOURS, COLOURS } from './report-style.ts';
import type { SimulatedMinute } from './timeline.ts';

/** What the timeline chart draws. Minutes are consecutive: minute `i` starts at `t0 + i min`. */
export interface ChartInput {
  policy: SimulatedMinute[];
  baseline: SimulatedMinute[];
  /** Billed instances of the oracle's plan, minute by minute. */
  oracleBilled?: ArrayLike<number> | undefined;
  /** When known, demand is drawn as required instances on the capacity axis. */
  capacityPerInstance?: number | undefined;
  alarmNames: string[];
  scheduledFirings: { time: number; scheduledActionName: string }[];
}

/** The chart, and how much it was thinned to draw. */
export interface Chart {
  svg: string;
  /** Minutes one drawn column stands for: 1 means every minute is drawn. */
  minutesPerColumn: number;
}

const WIDTH = 1100;
const LEFT = 56;
const RIGHT = WIDTH - 80;
const PANEL = 210;
const LANE = 14;
const LABEL_ROWS = 3;

type Line = [keyof typeof COLOURS, (m: SimulatedMinute) => number];

/** Demand, capacities, alarm bands and scheduled firings as one inline SVG. */
export function timelineChart(input: ChartInput): Chart {
  const { policy, baseline, oracleBilled: oracle, capacityPerInstance: capacity } = input;
  const count = policy.length;
  const bins = binsOf(count, RIGHT - LEFT);
  const thinned = bins.length < count;
  const xOf: XOf = (minute) => LEFT + (count === 0 ? 0 : (minute / count) * (RIGHT - LEFT));
  const demandOf = (i: number) => (policy[i]?.demand ?? 0) / (capacity ?? 1);
  let demandPeak = 0;
  for (let i = 0; i < count; i++) demandPeak = Math.max(demandPeak, demandOf(i));
  let instancePeak = capacity ? demandPeak : 1;
  for (const m of [...policy, ...baseline])
    instancePeak = Math.max(instancePeak, m.billedInstances, m.desiredInstances);
  for (let i = 0; oracle && i < oracle.length; i++) instancePeak = Math.max(instancePeak, oracle[i] ?? 0);
  const yTicks = niceTicks(instancePeak);
  const yTop = yTicks.at(-1) ?? 1;
  // Without a capacity per instance, demand gets its own axis on the right.
  const demandTicks = capacity ? yTicks : niceTicks(Math.max(1, demandPeak));
  const demandTop = demandTicks.at(-1) ?? 1;

  const parts: string[] = [];
  const chartTop = LABEL_ROWS * LANE + 8;
  let y = chartTop;
  const panel = (title: string, minutes: SimulatedMinute[], lines: Line[]) => {
    const top = y;
    const bottom = top + PANEL;
    const yOf = (v: number) => bottom - (v / yTop) * PANEL;
    const yDemand = (v: number) => bottom - (v / demandTop) * PANEL;
    const any = (bin: Bin, f: (m: SimulatedMinute) => boolean) => minutes.slice(bin.from, bin.to).some(f);
    parts.push(`<g class="panel" data-panel="${escapeXml(title)}">`);
    parts.push(laneRects(bins, xOf, top, PANEL, (bin) => (any(bin, (m) => m.gap) ? COLOURS.gap : undefined)));
    parts.push(grid(yTicks, yOf, capacity ? [] : demandTicks, yDemand));
    parts.push(
      `<path data-series="demand" d="${peakAreaPath(bins, xOf, yDemand, bottom, demandOf)}" fill="${COLOURS.demand}"/>`,
    );
    const dashes: Partial<Record<keyof typeof COLOURS, string>> = {
      oracle: '2 3',
      desired: '6 3',
      baselineDesired: '6 3',
    };
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
    y = bottom + 4;
    parts.push(
      laneRects(bins, xOf, y, 6, (bin) =>
        any(bin, (m) => m.unservedRequests > 0) ? COLOURS.unserved : undefined,
      ),
    );
    parts.push(`<text class="lane-label" x="${RIGHT + 6}" y="${y + 6}">unserved</text></g>`);
    y += 14;
  };

  panel('Policy', policy, [
    ['billed', (m) => m.billedInstances],
    ['desired', (m) => m.desiredInstances],
    ['serving', (m) => m.servingInstances],
  ]);
  for (const name of input.alarmNames) {
    const colour = (bin: Bin) => ALARM_COLOURS[worstState(policy, bin, name) ?? 'OK'];
    const known = (bin: Bin) => (worstState(policy, bin, name) ? colour(bin) : undefined);
    parts.push(
      `<g class="alarm-band" data-alarm="${escapeXml(name)}"><title>${escapeXml(`alarm ${name}`)}</title>`,
    );
    parts.push(laneRects(bins, xOf, y, LANE - 4, known));
    parts.push(
      `<text class="lane-label" x="${RIGHT + 6}" y="${y + 9}">${escapeXml(clip(name, 12))}</text></g>`,
    );
    y += LANE;
  }
  y += 6;
  panel('Baseline: target tracking', baseline, [
    ['baselineBilled', (m) => m.billedInstances],
    ['baselineDesired', (m) => m.desiredInstances],
    ['baselineServing', (m) => m.servingInstances],
  ]);
  const chartBottom = y - 14;
  const t0 = policy[0]?.time ?? 0;
  const xOfTime = (time: number) => xOf((time - t0) / 60_000);
  for (const tick of timeTicks(t0, t0 + count * 60_000)) {
    const x = px(xOfTime(tick.time));
    parts.push(`<line class="vgrid" x1="${x}" x2="${x}" y1="${chartTop}" y2="${chartBottom}"/>`);
    parts.push(
      `<text class="tick" x="${x}" y="${chartBottom + 16}" text-anchor="middle">${tick.label}</text>`,
    );
  }
  const span = { from: t0, to: t0 + count * 60_000, top: chartTop, bottom: chartBottom, width: WIDTH };
  parts.push(markers(input.scheduledFirings, span, xOfTime, { rows: LABEL_ROWS, height: LANE }));
  const leftTitle = capacity ? 'instances · demand as required instances' : 'instances';
  parts.push(
    `<text class="axis-title" transform="translate(14 ${chartTop + PANEL}) rotate(-90)" text-anchor="middle">${leftTitle}</text>`,
  );
  if (!capacity) {
    parts.push(
      `<text class="axis-title" transform="translate(${WIDTH - 6} ${chartTop + PANEL}) rotate(90)" text-anchor="middle">demand, requests / min</text>`,
    );
  }
  const height = chartBottom + 26;
  const svg = `<svg id="timeline-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Capacity and demand over time">${parts.join('')}</svg>`;
  return { svg, minutesPerColumn: count / bins.length };
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

/** The worst state an alarm showed in a column: one ALARM minute is worth seeing. */
function worstState(minutes: SimulatedMinute[], bin: Bin, name: string): AlarmStateValue | undefined {
  let worst: AlarmStateValue | undefined;
  for (let i = bin.from; i < bin.to; i++) {
    const state = minutes[i]?.alarmStates[name];
    if (state === 'ALARM') return state;
    if (state === 'INSUFFICIENT_DATA' || (state === 'OK' && worst === undefined)) worst = state;
  }
  return worst;
}

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
