/**
 * The NASA trace, week by week: every week from the second on (so that seasonal-naive has a week
 * before it), aligned to the trace's end, the last one held out. A forecast is made every 6 hours
 * (as the scaler recomputes it) from the history before it and scored on every hour of its 48
 * that falls inside the week; "as applied" scores only each forecast's first 6 hours, the ones
 * it governs before the next forecast replaces it. Seasonal-naive is the same hour one week
 * earlier. Hours without data, or whose week-earlier hour has none, are scored by no method.
 */
import { forecastLoad, HOUR_MS, hourlyTotals, type LoadPoint } from '../../shared/domain/forecast/index.ts';
import type { SimulatedTrace } from '../../shared/sim/trace/trace.ts';
import { mstlForecast } from './augurs.ts';
import { Score } from './score.ts';

const WEEK = 168;
const STEP = 6;
const HORIZON = 48;

/** A method under evaluation: the 48 hourly forecasts made at `origin` (an hour index). */
export type HourlyMethod = (origin: number) => number[];

/** The scores of one method on one week. */
export interface WeekScores {
  week: string;
  heldOut: boolean;
  horizon48: Map<string, Score>;
  applied: Map<string, Score>;
}

/** The trace's minutes with data as load points, and its hourly totals. */
export function nasaSeries(trace: SimulatedTrace): { points: LoadPoint[]; hours: (number | undefined)[] } {
  const points: LoadPoint[] = [];
  for (let i = 0; i < trace.length; i++) {
    if (trace.gap[i] === 0)
      points.push({ time: trace.start + i * 60_000, requests: trace.requests[i] as number });
  }
  const hours = hourlyTotals({ periodMs: 60_000, points }, trace.start, trace.start + trace.length * 60_000);
  return { points, hours };
}

/** The three methods: seasonal-naive, the scaler's forecast, MSTL from augurs. */
export function nasaMethods(trace: SimulatedTrace): Record<string, HourlyMethod> {
  const { points, hours } = nasaSeries(trace);
  const timeOf = (hour: number) => trace.start + hour * HOUR_MS;
  return {
    'seasonal-naive': (origin) =>
      Array.from({ length: HORIZON }, (_, h) => hours[origin + h - WEEK] ?? Number.NaN),
    'robust seasonal (kept)': (origin) => {
      // Only what was known before the origin goes in.
      const before = points.filter((point) => point.time < timeOf(origin));
      const outcome = forecastLoad({ history: { periodMs: 60_000, points: before }, at: timeOf(origin) });
      if (outcome.kind !== 'forecast') throw new Error(outcome.reason);
      return outcome.forecast.intervals.map((interval) => interval.requests);
    },
    'augurs MSTL': (origin) => mstlForecast(hours.slice(Math.max(0, origin - 2 * WEEK), origin), HORIZON),
  };
}

/** Scores every method on every week. */
export function evaluateNasa(trace: SimulatedTrace): WeekScores[] {
  const { hours } = nasaSeries(trace);
  const methods = nasaMethods(trace);
  const weeks: number[] = [];
  for (let start = hours.length - WEEK; start >= WEEK; start -= WEEK) weeks.unshift(start);
  return weeks.map((start) => {
    const horizon48 = new Map<string, Score>();
    const applied = new Map<string, Score>();
    for (const [name, method] of Object.entries(methods)) {
      const all = new Score();
      const first = new Score();
      for (let origin = start; origin < start + WEEK; origin += STEP) {
        const forecast = method(origin);
        for (let h = 0; h < HORIZON && origin + h < start + WEEK; h++) {
          const t = origin + h;
          const actual = hours[t];
          if (actual === undefined || hours[t - WEEK] === undefined) continue;
          all.add(forecast[h] as number, actual);
          if (h < STEP) first.add(forecast[h] as number, actual);
        }
      }
      horizon48.set(name, all);
      applied.set(name, first);
    }
    const from = new Date(trace.start + start * HOUR_MS).toISOString().slice(0, 13);
    return { week: `${from}Z +7 d`, heldOut: start === hours.length - WEEK, horizon48, applied };
  });
}
