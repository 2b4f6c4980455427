/**
 * The robust seasonal model behind the load forecast, on a regular series of intervals (hours
 * in production). It reads the history as days (blocks of one day that end at the forecast's
 * origin) and forecasts each future interval as
 *
 *   level × seasonal index,
 *
 * where the seasonal index is a weighted median over every past day of the same time of day,
 * each day first divided by its own robust level and then scaled by the weekday's factor (days
 * exactly a whole number of weeks earlier weigh more), and the level is a recency-weighted mean
 * of how the recent intervals compared with their index, each comparison clamped around the
 * median comparison. Medians everywhere make a one-off spike day (a launch) one vote out of
 * fourteen instead of the forecast; missing intervals simply cast no vote.
 *
 * Why this shape and these parameters: they won a measured comparison against seasonal-naive and
 * MSTL (docs/predictive.md, bench/forecast-evaluation.bench.ts). Pure: no clock, no I/O.
 */
import { median, type WeightedValue, weightedMedian } from './weighted-median.ts';

/** How the model reads a series. */
export interface SeasonalModelOptions {
  /** Intervals in one day (24 for hourly intervals). */
  intervalsPerDay: number;
  /** Weight of a past day exactly a whole number of weeks before the forecast interval, against 1 for any other day. */
  sameWeekdayWeight: number;
  /** Half-life of the level's recency weights, in intervals. */
  levelHalfLife: number;
  /** Each interval's comparison with its index is clamped to [median ÷ c, median × c] before averaging. */
  levelClamp: number;
}

/** The parameters chosen on the NASA trace's development weeks (every week but the held-out last). */
export const SEASONAL_MODEL_DEFAULTS: SeasonalModelOptions = {
  intervalsPerDay: 24,
  sameWeekdayWeight: 6,
  levelHalfLife: 24,
  levelClamp: 1.5,
};

const DAYS_PER_WEEK = 7;

function mod(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

/** One whole day of the history: its first interval and its robust level (> 0). */
interface Day {
  start: number;
  level: number;
}

/** The history read as days: what the seasonal index is built from. */
interface Seasons {
  days: Day[];
  /** Mean level of the days: weekday factors are relative to it. */
  meanLevel: number;
  /** Mean of every known value: the index of a time of day no day has data for. */
  knownMean: number;
}

/** Known values only. */
function known(values: readonly (number | undefined)[]): number[] {
  return values.filter((value): value is number => value !== undefined);
}

/**
 * Splits the history into days and gives each day a level: the median of its values divided by
 * the typical value (median over the history) at the same time of day. Days start at the
 * quietest time of day, so that a day holds one weekday's traffic whatever the hour of the
 * forecast; the days at either end may be partial. A day with fewer than half its intervals
 * measured, or a zero median, has no level and casts no vote.
 */
function readSeasons(values: readonly (number | undefined)[], perDay: number): Seasons {
  const profile = Array.from({ length: perDay }, (_, offset) => {
    const same: number[] = [];
    for (let at = offset; at < values.length; at += perDay) {
      const value = values[at];
      if (value !== undefined) same.push(value);
    }
    return median(same);
  });
  let quietest = 0;
  profile.forEach((typical, offset) => {
    if (typical !== undefined && typical < (profile[quietest] ?? Number.POSITIVE_INFINITY)) quietest = offset;
  });
  const days: Day[] = [];
  for (let start = quietest - perDay; start < values.length; start += perDay) {
    const ratios: number[] = [];
    let measured = 0;
    for (let offset = 0; offset < perDay; offset++) {
      const value = values[start + offset];
      const typical = profile[mod(start + offset, perDay)];
      if (value !== undefined) measured++;
      if (value !== undefined && typical !== undefined && typical > 0) ratios.push(value / typical);
    }
    const level = median(ratios);
    if (measured * 2 >= perDay && level !== undefined && level > 0) days.push({ start, level });
  }
  const levels = days.map((day) => day.level);
  const all = known(values);
  return {
    days,
    meanLevel: levels.reduce((sum, level) => sum + level, 0) / levels.length,
    knownMean: all.reduce((sum, value) => sum + value, 0) / all.length,
  };
}

/** How much busier the weekday of interval `t` runs than the mean day (1 when no day of that weekday is known). */
function weekdayFactor(seasons: Seasons, t: number, perDay: number): number {
  const week = perDay * DAYS_PER_WEEK;
  const same = seasons.days.filter((day) => mod(t - day.start, week) < perDay);
  if (same.length === 0) return 1;
  return same.reduce((sum, day) => sum + day.level, 0) / same.length / seasons.meanLevel;
}

/**
 * The seasonal index of interval `t`: each day's value at the same time of day, divided by that
 * day's level, scaled to t's weekday, as a weighted median. Interval `exclude` casts no vote (an
 * interval is not compared with itself). Undefined when no day has a value at that time of day.
 */
function seasonalIndex(
  values: readonly (number | undefined)[],
  seasons: Seasons,
  t: number,
  options: SeasonalModelOptions,
  exclude?: number,
): number | undefined {
  const perDay = options.intervalsPerDay;
  const factor = weekdayFactor(seasons, t, perDay);
  const votes: WeightedValue[] = [];
  for (const day of seasons.days) {
    const s = day.start + mod(t - day.start, perDay);
    const value = values[s];
    if (value === undefined || s === exclude) continue;
    const sameWeekday = mod(t - s, perDay * DAYS_PER_WEEK) === 0;
    votes.push({ value: (value / day.level) * factor, weight: sameWeekday ? options.sameWeekdayWeight : 1 });
  }
  return weightedMedian(votes);
}

/**
 * The level: a recency-weighted mean (half-life `levelHalfLife` intervals) of each known
 * interval's ratio to its index, clamped around the median ratio so that a burst moves it by at
 * most the clamp. Undefined when no interval can be compared.
 */
function robustLevel(
  ratios: readonly { at: number; ratio: number }[],
  options: SeasonalModelOptions,
  end: number,
) {
  const middle = median(ratios.map((r) => r.ratio));
  if (middle === undefined) return undefined;
  let sum = 0;
  let weights = 0;
  for (const { at, ratio } of ratios) {
    const weight = 0.5 ** ((end - 1 - at) / options.levelHalfLife);
    sum += weight * Math.min(Math.max(ratio, middle / options.levelClamp), middle * options.levelClamp);
    weights += weight;
  }
  return sum / weights;
}

/**
 * Forecasts the `horizon` intervals that follow `values` (oldest first; `undefined` = no data).
 *
 * With at least one whole day of history the forecast is level × seasonal index. With less (or
 * no day with a usable level) there is no season to read: the forecast is the robust level of
 * the values themselves, flat, and 0 when nothing is known.
 */
export function forecastSeries(
  values: readonly (number | undefined)[],
  horizon: number,
  options: SeasonalModelOptions = SEASONAL_MODEL_DEFAULTS,
): number[] {
  const end = values.length;
  const seasons = readSeasons(values, options.intervalsPerDay);
  const seasonal = seasons.days.length > 0;
  const ratios: { at: number; ratio: number }[] = [];
  for (let at = 0; at < end; at++) {
    const value = values[at];
    if (value === undefined) continue;
    const index = seasonal ? seasonalIndex(values, seasons, at, options, at) : 1;
    if (index !== undefined && index > 0) ratios.push({ at, ratio: value / index });
  }
  // Without comparisons the index stands as it is (one day of history); without days, no data means 0.
  const level = robustLevel(ratios, options, end) ?? (seasonal ? 1 : 0);
  return Array.from({ length: horizon }, (_, h) => {
    if (!seasonal) return level;
    const t = end + h;
    const index =
      seasonalIndex(values, seasons, t, options) ??
      seasons.knownMean * weekdayFactor(seasons, t, options.intervalsPerDay);
    return level * index;
  });
}
