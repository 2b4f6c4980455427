/**
 * The report's timeline chart: the policy's and the baseline's capacity panels, the alarm bands
 * between them, time ticks, scheduled-action markers and axis titles, as one inline SVG.
 */
import type { AlarmStateValue } from '../../domain/model.ts';
import { capacityPerStep } from '../simulated-minute.ts';
import type { SimulatedMinute } from '../timeline.ts';
import type { Bin, XOf } from './draw.ts';
import { binsOf, clip, escapeXml, laneRects, niceTicks, px, timeTicks } from './draw.ts';
import { LABEL_ROWS, LANE, LEFT, PANEL, RIGHT, WIDTH } from './layout.ts';
import { markers } from './markers.ts';
import { capacityPanel, type PanelLine, type PanelScales } from './panel.ts';
import { ALARM_COLOURS } from './style.ts';

/**
 * What the timeline chart draws. Steps are consecutive: step `i` starts at `t0 + i × step` (a
 * minute unless `resolution` says otherwise).
 */
export interface ChartInput {
  policy: SimulatedMinute[];
  baseline: SimulatedMinute[];
  /** Billed instances of the oracle's plan, minute by minute. */
  oracleBilled?: ArrayLike<number> | undefined;
  /** When known, demand is drawn as required instances on the capacity axis. */
  capacityPerInstance?: number | undefined;
  alarmNames: string[];
  scheduledFirings: { time: number; scheduledActionName: string }[];
  resolution?: { stepSeconds: number } | undefined;
}

/** Average width of a band name's character at 10 px, to size its plate without measuring text. */
const BAND_CHAR = 5.6;
/** Characters of an alarm name the band has room for. */
const BAND_NAME_CHARS = Math.floor((RIGHT - LEFT - 12) / BAND_CHAR);

/** The chart, and how much it was thinned to draw. */
export interface Chart {
  svg: string;
  /** Steps one drawn column stands for: 1 means every step is drawn. */
  minutesPerColumn: number;
}

/** Demand, capacities, alarm bands and scheduled firings as one inline SVG. */
export function timelineChart(input: ChartInput): Chart {
  const { policy, baseline, oracleBilled: oracle, capacityPerInstance: capacity } = input;
  const count = policy.length;
  const stepSeconds = input.resolution?.stepSeconds ?? 60;
  const stepMs = stepSeconds * 1000;
  const bins = binsOf(count, RIGHT - LEFT);
  const thinned = bins.length < count;
  const xOf: XOf = (minute) => LEFT + (count === 0 ? 0 : (minute / count) * (RIGHT - LEFT));
  const { demandOf, yTicks, yTop, demandTicks, demandTop } = chartAxes(input);
  const scales: PanelScales = {
    bins,
    xOf,
    thinned,
    yTicks,
    yTop,
    demandTop,
    demandTicks: capacity ? [] : demandTicks,
    demandOf,
    oracle,
  };
  const parts: string[] = [];
  const chartTop = LABEL_ROWS * LANE + 8;
  let y = chartTop;
  const panel = (title: string, minutes: SimulatedMinute[], lines: PanelLine[]) => {
    const drawn = capacityPanel(scales, y, title, minutes, lines);
    parts.push(drawn.svg);
    y = drawn.bottom;
  };

  panel('Policy', policy, [
    ['billed', (m) => m.billedInstances],
    ['desired', (m) => m.desiredInstances],
    ['serving', (m) => m.servingInstances],
    // A predictive policy's floor: 0 where no forecast covers the step.
    ...(hasForecastFloor(policy) ? [['forecastFloor', (m) => m.forecastFloor ?? 0] as PanelLine] : []),
  ]);
  for (const name of input.alarmNames) {
    const colour = (bin: Bin) => ALARM_COLOURS[worstState(policy, bin, name) ?? 'OK'];
    const known = (bin: Bin) => (worstState(policy, bin, name) ? colour(bin) : undefined);
    parts.push(
      `<g class="alarm-band" data-alarm="${escapeXml(name)}"><title>${escapeXml(`alarm ${name}`)}</title>`,
    );
    parts.push(laneRects(bins, xOf, y, LANE - 4, known));
    // The whole name, inside the band: alarms of one endpoint share a long prefix, so the
    // 12 characters the right margin holds named them all alike ("fraud-detec…").
    const label = clip(`alarm ${name}`, BAND_NAME_CHARS);
    // On a white plate: a name over red and green runs would not read.
    parts.push(
      `<rect class="band-plate" x="${LEFT + 3}" y="${y}" width="${px(label.length * BAND_CHAR + 6)}" height="${LANE - 4}"/>`,
      `<text class="band-name" x="${LEFT + 6}" y="${y + 8.5}">${escapeXml(label)}</text>`,
    );
    parts.push(`<text class="lane-label" x="${RIGHT + 6}" y="${y + 9}">alarm</text></g>`);
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
  const xOfTime = (time: number) => xOf((time - t0) / stepMs);
  for (const tick of timeTicks(t0, t0 + count * stepMs)) {
    const x = px(xOfTime(tick.time));
    parts.push(`<line class="vgrid" x1="${x}" x2="${x}" y1="${chartTop}" y2="${chartBottom}"/>`);
    parts.push(
      `<text class="tick" x="${x}" y="${chartBottom + 16}" text-anchor="middle">${tick.label}</text>`,
    );
  }
  const span = { from: t0, to: t0 + count * stepMs, top: chartTop, bottom: chartBottom, width: WIDTH };
  parts.push(markers(input.scheduledFirings, span, xOfTime, { rows: LABEL_ROWS, height: LANE }));
  const leftTitle = capacity ? 'instances · demand as required instances' : 'instances';
  parts.push(
    `<text class="axis-title" transform="translate(14 ${chartTop + PANEL}) rotate(-90)" text-anchor="middle">${leftTitle}</text>`,
  );
  if (!capacity) {
    parts.push(
      `<text class="axis-title" transform="translate(${WIDTH - 6} ${chartTop + PANEL}) rotate(90)" text-anchor="middle">demand, requests / ${stepSeconds === 60 ? 'min' : `${stepSeconds} s`}</text>`,
    );
  }
  const height = chartBottom + 26;
  const svg = `<svg id="timeline-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Capacity and demand over time">${parts.join('')}</svg>`;
  return { svg, minutesPerColumn: count / bins.length };
}

/** The axes both renderings of the timeline share: the SVG and the zoomable chart. */
export interface ChartAxes {
  /** Steps of demand one instance serves: demand is drawn over it; 1 without a capacity per instance. */
  perStep: number;
  /** Demand in step `i`, in the unit of the demand axis. */
  demandOf: (i: number) => number;
  yTicks: number[];
  /** The instance axis' top: the highest count any fleet, the oracle or a floor reached, rounded up. */
  yTop: number;
  demandTicks: number[];
  demandTop: number;
}

/** The instance axis (shared by both fleets) and demand's (the same one when capacity is known). */
export function chartAxes(input: ChartInput): ChartAxes {
  const { policy, baseline, oracleBilled: oracle, capacityPerInstance: capacity } = input;
  const stepSeconds = input.resolution?.stepSeconds ?? 60;
  // Required instances: the step's demand over what one instance serves in a step.
  const perStep = capacity === undefined ? 1 : capacityPerStep(capacity, stepSeconds);
  const demandOf = (i: number) => (policy[i]?.demand ?? 0) / perStep;
  let demandPeak = 0;
  for (let i = 0; i < policy.length; i++) demandPeak = Math.max(demandPeak, demandOf(i));
  let instancePeak = capacity ? demandPeak : 1;
  for (const m of [...policy, ...baseline])
    instancePeak = Math.max(instancePeak, m.billedInstances, m.desiredInstances, m.forecastFloor ?? 0);
  for (let i = 0; oracle && i < oracle.length; i++) instancePeak = Math.max(instancePeak, oracle[i] ?? 0);
  const yTicks = niceTicks(instancePeak);
  // Without a capacity per instance, demand gets its own axis on the right.
  const demandTicks = capacity ? yTicks : niceTicks(Math.max(1, demandPeak));
  return {
    perStep,
    demandOf,
    yTicks,
    yTop: yTicks.at(-1) ?? 1,
    demandTicks,
    demandTop: demandTicks.at(-1) ?? 1,
  };
}

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

/** True when a predictive policy drew a floor somewhere in the run. */
export function hasForecastFloor(minutes: readonly SimulatedMinute[]): boolean {
  return minutes.some((minute) => minute.forecastFloor !== undefined);
}
