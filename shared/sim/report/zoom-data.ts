/**
 * The zoomable timeline's data, as compact JSON embedded in the page: every step of the run
 * (the chart draws them all and thins on screen), capacities as runs of equal values (they
 * change every few minutes at most), demand as one number a step, lanes as runs of states.
 */
import type { AlarmStateValue } from '../../domain/model.ts';
import type { SimulatedMinute } from '../timeline.ts';
import { ALARM_COLOURS, COLOURS } from './style.ts';
import { type ChartInput, chartAxes, hasForecastFloor } from './svg.ts';

/** `[value, length, value, length, …]`: consecutive steps of one value written once. */
export type Runs = number[];

/** One series of a panel: its colour key (see {@link COLOURS}) and its values as runs. */
export interface ZoomSeries {
  key: keyof typeof COLOURS;
  label: string;
  runs: Runs;
}

/** A band above a panel: a colour per state code (0 draws nothing), its states as runs. */
export interface ZoomLane {
  name: string;
  colours: Record<number, string>;
  runs: Runs;
}

/** One panel of the zoomable chart: a fleet's series and the lanes above it. */
export interface ZoomPanel {
  title: string;
  series: ZoomSeries[];
  lanes: ZoomLane[];
}

/** What the page's script turns into the chart. */
export interface ZoomData {
  /** First step (epoch ms), step length (ms) and number of steps. */
  t0: number;
  stepMs: number;
  count: number;
  /** Demand per step (requests), to be divided by `perStep` for the demand axis. */
  demand: number[];
  perStep: number;
  /** True when demand shares the instance axis (the capacity per instance is known). */
  demandOnInstanceAxis: boolean;
  yTop: number;
  demandTop: number;
  demandLabel: string;
  /** Steps without data in the trace, as runs of 0 and 1. */
  gaps: Runs;
  panels: ZoomPanel[];
  /** Scheduled firings: epoch ms and the action's name. */
  markers: [number, string][];
  colours: Record<string, string>;
}

/** Steps of equal value, written once: `[value, length, …]`. */
export function runsOf(count: number, valueAt: (i: number) => number): Runs {
  const runs: Runs = [];
  for (let i = 0; i < count; ) {
    const value = valueAt(i);
    let end = i + 1;
    while (end < count && valueAt(end) === value) end++;
    runs.push(value, end - i);
    i = end;
  }
  return runs;
}

const STATE_CODES: Record<AlarmStateValue, number> = { OK: 1, ALARM: 2, INSUFFICIENT_DATA: 3 };

/** Demand to the thousandth: a finer figure is noise on the chart and bytes in the page. */
function rounded(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The zoomable chart's data for `input`: the same series, bands and markers as the SVG. */
export function zoomData(input: ChartInput): ZoomData {
  const { policy, baseline, oracleBilled: oracle } = input;
  const count = policy.length;
  const stepSeconds = input.resolution?.stepSeconds ?? 60;
  const axes = chartAxes(input);
  const series = (minutes: SimulatedMinute[], lines: SeriesValue[]): ZoomSeries[] =>
    lines.map(([key, label, valueIn]) => ({ key, label, runs: runsOf(count, (i) => valueIn(minutes[i])) }));
  const oracleSeries: ZoomSeries[] = oracle
    ? [{ key: 'oracle', label: 'oracle billed', runs: runsOf(count, (i) => oracle[i] ?? 0) }]
    : [];
  const unserved = (minutes: SimulatedMinute[]): ZoomLane => ({
    name: 'unserved requests',
    colours: { 1: COLOURS.unserved },
    runs: runsOf(count, (i) => ((minutes[i]?.unservedRequests ?? 0) > 0 ? 1 : 0)),
  });
  const floor = hasForecastFloor(policy);
  const policyLines: SeriesValue[] = [
    ['serving', 'policy serving', (m) => m?.servingInstances ?? 0],
    ['desired', 'policy desired', (m) => m?.desiredInstances ?? 0],
    ['billed', 'policy billed', (m) => m?.billedInstances ?? 0],
    ...(floor ? [['forecastFloor', 'predictive floor', (m) => m?.forecastFloor ?? 0] as SeriesValue] : []),
  ];
  const baselineLines: SeriesValue[] = [
    ['baselineServing', 'baseline serving', (m) => m?.servingInstances ?? 0],
    ['baselineDesired', 'baseline desired', (m) => m?.desiredInstances ?? 0],
    ['baselineBilled', 'baseline billed', (m) => m?.billedInstances ?? 0],
  ];
  const stateColours = {
    [STATE_CODES.OK]: ALARM_COLOURS.OK,
    [STATE_CODES.ALARM]: ALARM_COLOURS.ALARM,
    [STATE_CODES.INSUFFICIENT_DATA]: ALARM_COLOURS.INSUFFICIENT_DATA,
  };
  const alarmLanes: ZoomLane[] = input.alarmNames.map((name) => ({
    name: `alarm ${name}`,
    colours: stateColours,
    runs: runsOf(count, (i) => {
      const state = policy[i]?.alarmStates[name];
      return state ? STATE_CODES[state] : 0;
    }),
  }));
  const demandOnInstanceAxis = input.capacityPerInstance !== undefined;
  return {
    t0: policy[0]?.time ?? 0,
    stepMs: stepSeconds * 1000,
    count,
    demand: policy.map((m) => rounded(m.demand)),
    perStep: axes.perStep,
    demandOnInstanceAxis,
    yTop: axes.yTop,
    demandTop: axes.demandTop,
    demandLabel: demandOnInstanceAxis
      ? 'demand (required instances)'
      : `demand (requests / ${stepSeconds === 60 ? 'min' : `${stepSeconds} s`})`,
    gaps: runsOf(count, (i) => (policy[i]?.gap ? 1 : 0)),
    panels: [
      {
        title: 'Policy',
        series: [...oracleSeries, ...series(policy, policyLines)],
        lanes: [...alarmLanes, unserved(policy)],
      },
      {
        title: 'Baseline: target tracking',
        series: [...oracleSeries, ...series(baseline, baselineLines)],
        lanes: [unserved(baseline)],
      },
    ],
    markers: input.scheduledFirings.map((f) => [f.time, f.scheduledActionName]),
    colours: { ...COLOURS },
  };
}

/** A series: its colour key, its legend label and its value in a step. */
type SeriesValue = [ZoomSeries['key'], string, (m: SimulatedMinute | undefined) => number];
