/**
 * The Azure LLM traces: about an hour each, so no day or week to learn. The longest honest
 * stretch is every whole minute of the per-second file, counted in 60-second windows from the
 * first request (the per-minute files start and end with partial minutes). The first half of
 * those minutes is the history, the second half is held out and forecast in one go, minute by
 * minute. Seasonal-naive, for lack of a day or a week, repeats the history's last stretch of the
 * same length: minute t is forecast by minute t - (held-out length), the one-period-earlier rule
 * with the only period the span has. The scaler's model gets the same history at minute
 * resolution; with no whole day in it, only its level part runs (a robust, recency-weighted
 * level, flat over the horizon).
 */
import { readFileSync } from 'node:fs';
import { forecastSeries, SEASONAL_MODEL_DEFAULTS } from '../../shared/domain/forecast/index.ts';
import { parseTraceRows } from '../../shared/sim/trace/trace-csv.ts';
import { etsForecast } from './augurs.ts';
import { Score } from './score.ts';

/** One Azure trace's scores and the stretch they were measured on. */
export interface AzureScores {
  trace: string;
  minutes: number;
  historyMinutes: number;
  heldOutMinutes: number;
  scores: Map<string, Score>;
}

/** Whole 60-second windows from the first row of a per-second trace. */
export function wholeMinutes(path: string): number[] {
  const rows = parseTraceRows(readFileSync(path, 'utf8'), path);
  const first = rows.times[0] as number;
  const span = (rows.times[rows.length - 1] as number) + rows.stepMs - first;
  const minutes = new Array<number>(Math.floor(span / 60_000)).fill(0);
  for (let i = 0; i < rows.length; i++) {
    const minute = Math.floor(((rows.times[i] as number) - first) / 60_000);
    if (minute < minutes.length) minutes[minute] = (minutes[minute] as number) + (rows.counts[i] as number);
  }
  return minutes;
}

/** Scores the three methods on the held-out second half of one trace. */
export function evaluateAzure(name: string, path: string): AzureScores {
  const minutes = wholeMinutes(path);
  const heldOut = Math.floor(minutes.length / 2);
  const split = minutes.length - heldOut;
  const history = minutes.slice(0, split);
  const forecasts: Record<string, number[]> = {
    'seasonal-naive': minutes.slice(split - heldOut, split),
    'robust seasonal (kept)': forecastSeries(history, heldOut, {
      ...SEASONAL_MODEL_DEFAULTS,
      intervalsPerDay: 1440,
    }),
    'augurs AutoETS': etsForecast(history, heldOut),
  };
  const scores = new Map<string, Score>();
  for (const [method, forecast] of Object.entries(forecasts)) {
    const score = new Score();
    for (let i = 0; i < heldOut; i++) score.add(forecast[i] as number, minutes[split + i] as number);
    scores.set(method, score);
  }
  return { trace: name, minutes: minutes.length, historyMinutes: split, heldOutMinutes: heldOut, scores };
}
