/**
 * Simulated CloudWatch metric storage: one series per metric (namespace, name, dimensions) with
 * one datapoint per simulated step (a minute, or 10 s in a high-resolution run), NaN where no
 * datapoint exists, and a publication delay.
 *
 * Delay, precisely: the datapoint of the step [t, t + step) is stamped t (as CloudWatch stamps a
 * period with its start) and becomes visible at t + step + (`delayMinutes` - 1) minutes. The
 * default 1 makes it visible the moment its step ends, which is what the sample events show (the
 * 10:03:10 evaluation already holds the 10:02 datapoint); 2 adds a minute of ingestion lag. At one
 * minute per step that is t + `delayMinutes` minutes, as it always was.
 */
import { aggregatePeriod } from './alarm-evaluation.ts';

const MINUTE_MS = 60_000;

/** A metric as CloudWatch names it. */
export interface SimulatedMetricId {
  namespace: string;
  metricName: string;
  dimensions: Readonly<Record<string, string>>;
}

/** A GetMetricData-like query: one metric, one statistic, one period, [startTime, endTime). */
export interface SimulatedMetricQuery {
  metric: SimulatedMetricId;
  statistic: string;
  /** Seconds: a multiple of the store's step (60 s, or 10 s in a high-resolution run). */
  period: number;
  startTime: number;
  endTime: number;
}

/** A query's answer: the periods that have a datapoint, oldest first, stamped with their start. */
export interface SimulatedMetricResult {
  timestamps: number[];
  values: number[];
}

/** The key of a metric: namespace, name and sorted dimensions. */
export function metricKey(metric: SimulatedMetricId): string {
  const dimensions = Object.keys(metric.dimensions)
    .sort()
    .map((name) => `${name}=${metric.dimensions[name]}`)
    .join(',');
  return `${metric.namespace}|${metric.metricName}|${dimensions}`;
}

/** Per-step series over the simulated span, with the publication delay. */
export class SimulatedMetricStore {
  /** Milliseconds per step (per datapoint). */
  readonly stepMs: number;
  private readonly series = new Map<string, Float64Array>();
  /** The ingestion lag beyond the end of a datapoint's step, ms. */
  private readonly lagMs: number;

  /**
   * @param start first step of the run (a whole minute), epoch ms
   * @param length steps in the run
   * @param stepSeconds seconds per step: 60 (default) or 10
   */
  constructor(
    readonly start: number,
    readonly length: number,
    readonly delayMinutes = 1,
    stepSeconds = 60,
  ) {
    if (!Number.isInteger(delayMinutes) || delayMinutes < 1) {
      throw new RangeError(`metric delay must be a whole number of minutes >= 1, found ${delayMinutes}`);
    }
    if (!(stepSeconds > 0 && 60 % stepSeconds === 0)) {
      throw new RangeError(`a metric step must divide a minute, found ${stepSeconds} s`);
    }
    this.stepMs = stepSeconds * 1000;
    this.lagMs = (delayMinutes - 1) * MINUTE_MS;
  }

  /**
   * The metric's series, created empty (all missing) on first use. Writing `series[i]` publishes
   * the datapoint of step i; the delay decides when readers see it.
   */
  seriesOf(metric: SimulatedMetricId): Float64Array {
    const key = metricKey(metric);
    let values = this.series.get(key);
    if (!values) {
      values = new Float64Array(this.length).fill(Number.NaN);
      this.series.set(key, values);
    }
    return values;
  }

  /**
   * PutMetricData's write: adds `value` to the step holding `time`. The store keeps one value a
   * step (the simulator's resolution), so values published for the same step add up, as their
   * Sum does in CloudWatch (an Average or Maximum of them reads that sum too).
   *
   * @returns false when the step lies outside the store's span (nothing is written).
   */
  addDatapoint(metric: SimulatedMetricId, time: number, value: number): boolean {
    const index = this.stepIndex(time);
    if (index < 0 || index >= this.length) return false;
    const values = this.seriesOf(metric);
    const current = values[index] as number;
    values[index] = Number.isNaN(current) ? value : current + value;
    return true;
  }

  /** The series if anything was ever published to it (or asked for it). */
  existingSeries(metric: SimulatedMetricId): Float64Array | undefined {
    return this.series.get(metricKey(metric));
  }

  /** Steps [0, visibleSteps(now)) of every series are visible at `now`. */
  visibleSteps(now: number): number {
    const steps = Math.floor((now - this.start - this.lagMs) / this.stepMs);
    return Math.max(0, Math.min(this.length, steps));
  }

  /** Index of the step starting at `time` (may be outside the run). */
  stepIndex(time: number): number {
    return Math.floor((time - this.start) / this.stepMs);
  }

  /**
   * One period's datapoint of `values` as visible at `now`: NaN when none of its steps is.
   * Periods are aligned to the epoch, as CloudWatch aligns them, and span whole steps.
   */
  periodValue(
    values: Float64Array,
    periodStart: number,
    periodMs: number,
    statistic: string,
    now: number,
  ): number {
    const from = this.stepIndex(periodStart);
    const visible = this.visibleSteps(now);
    const count = Math.min(periodMs / this.stepMs, visible - from);
    if (count <= 0) return Number.NaN;
    return aggregatePeriod(values, from, count, statistic);
  }

  /**
   * {@link periodValue} of `into.length` consecutive periods from `firstStart`, oldest first, into
   * `into`: an alarm's evaluation range, every minute, without a call per period.
   */
  periodValues(
    values: Float64Array,
    firstStart: number,
    periodMs: number,
    statistic: string,
    now: number,
    into: Float64Array,
  ): void {
    const stepsPerPeriod = periodMs / this.stepMs;
    const visible = this.visibleSteps(now);
    let from = this.stepIndex(firstStart);
    for (let j = 0; j < into.length; j++, from += stepsPerPeriod) {
      const count = Math.min(stepsPerPeriod, visible - from);
      into[j] = count <= 0 ? Number.NaN : aggregatePeriod(values, from, count, statistic);
    }
  }

  /** GetMetricData for one metric, as visible at `now`: missing periods are left out, as CloudWatch does. */
  getMetricData(query: SimulatedMetricQuery, now: number): SimulatedMetricResult {
    return this.seriesData(this.series.get(metricKey(query.metric)), query, now);
  }

  /** {@link getMetricData} over a series already looked up (undefined: none was ever published). */
  seriesData(
    values: Float64Array | undefined,
    query: Omit<SimulatedMetricQuery, 'metric'>,
    now: number,
  ): SimulatedMetricResult {
    const result: SimulatedMetricResult = { timestamps: [], values: [] };
    if (!values) return result;
    const periodMs = query.period * 1000;
    const first = Math.ceil(query.startTime / periodMs) * periodMs;
    for (let periodStart = first; periodStart + periodMs <= query.endTime; periodStart += periodMs) {
      const value = this.periodValue(values, periodStart, periodMs, query.statistic, now);
      if (Number.isNaN(value)) continue;
      result.timestamps.push(periodStart);
      result.values.push(value);
    }
    return result;
  }

  /**
   * The newest value {@link seriesData} would return for the same query (undefined when it would
   * return none), found from the newest period back without building the answer.
   */
  latestValue(
    values: Float64Array | undefined,
    query: Omit<SimulatedMetricQuery, 'metric'>,
    now: number,
  ): number | undefined {
    if (!values) return undefined;
    const periodMs = query.period * 1000;
    const first = Math.ceil(query.startTime / periodMs) * periodMs;
    if (first + periodMs > query.endTime) return undefined;
    const last = first + Math.floor((query.endTime - periodMs - first) / periodMs) * periodMs;
    for (let periodStart = last; periodStart >= first; periodStart -= periodMs) {
      const value = this.periodValue(values, periodStart, periodMs, query.statistic, now);
      if (!Number.isNaN(value)) return value;
    }
    return undefined;
  }
}
