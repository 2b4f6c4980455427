/**
 * One metric alarm as the simulated CloudWatch stores it, and its evaluation (once a minute, or
 * every 10 s for a sub-minute period): the
 * periods of its evaluation range read from the simulated metric store as visible at `now`, judged
 * by `alarm-evaluation.ts`, and the state it moves to (reason and reasonData from `alarm-event.ts`).
 * Keeping the alarms, serving their API and numbering their events is `simulated-cloudwatch.ts`'s.
 */
import { EVALUATION_RANGE_EXTRA, evaluateAlarmRange } from './alarm-evaluation.ts';
import {
  type EvaluatedDatapoints,
  initialAlarmState,
  lazilyDescribedState,
  type SimulatedAlarmDefinition,
  type SimulatedAlarmState,
} from './alarm-event.ts';
import type { SimulatedMetricId, SimulatedMetricStore } from './simulated-metrics.ts';

/** A stored alarm: its definition and state, with what its evaluations reuse. */
export interface AlarmRecord {
  definition: SimulatedAlarmDefinition;
  state: SimulatedAlarmState;
  /** Reused for every evaluation: the range's period values, oldest first. */
  range: Float64Array;
  /** The metric's series, once it exists (looked up by key until then). */
  series?: Float64Array | undefined;
}

/**
 * The record of `definition`, keeping `kept` (the state of the alarm it replaces, as CloudWatch
 * does on an update) or else starting in INSUFFICIENT_DATA at `now`. Its period must be whole
 * steps of the metric store (`stepMs`): a 10-s period needs a run that steps every 10 s.
 */
export function alarmRecord(
  definition: SimulatedAlarmDefinition,
  now: number,
  kept: SimulatedAlarmState | undefined,
  stepMs = 60_000,
): AlarmRecord {
  if (!(definition.period > 0) || (definition.period * 1000) % stepMs !== 0) {
    throw new RangeError(
      `alarm ${definition.alarmName}: the simulation steps every ${stepMs / 1000} s, so its period must be a multiple of ${stepMs / 1000} s (found ${definition.period}); a run steps every 10 s when one of its alarms has a 10-, 20- or 30-second period`,
    );
  }
  return {
    definition,
    state: kept ?? initialAlarmState(definition, now),
    range: new Float64Array(definition.evaluationPeriods + EVALUATION_RANGE_EXTRA),
  };
}

/** The metric an alarm watches. */
export function alarmMetric(definition: SimulatedAlarmDefinition): SimulatedMetricId {
  return {
    namespace: definition.namespace,
    metricName: definition.metricName,
    dimensions: definition.dimensions,
  };
}

/** The series of the alarm's metric, kept on the record once it exists (undefined until then). */
export function seriesOf(record: AlarmRecord, metrics: SimulatedMetricStore): Float64Array | undefined {
  record.series ??= metrics.existingSeries(alarmMetric(record.definition));
  return record.series;
}

/** An evaluation that moved the alarm: the state it left and the real datapoints it used. */
export interface AlarmTransition {
  previous: SimulatedAlarmState;
  /** The used datapoints, oldest first (empty when the record is not described). */
  datapoints: EvaluatedDatapoints;
}

const NO_DATAPOINTS: EvaluatedDatapoints = Object.freeze({ timestamps: [], values: [] });

/**
 * Evaluates the alarm at `now`. On a change of state it moves `record.state` (with CloudWatch's
 * reason and reasonData, written out only when first read; or with none when `describe` is false)
 * and returns the state it left with the datapoints used; otherwise it returns undefined, as it
 * does while the evaluation window reaches before the run.
 */
export function evaluateAlarmRecord(
  record: AlarmRecord,
  metrics: SimulatedMetricStore,
  now: number,
  describe: boolean,
): AlarmTransition | undefined {
  const { definition, range } = record;
  const periodMs = definition.period * 1000;
  const newestEnd = Math.floor(now / periodMs) * periodMs;
  if (newestEnd - definition.evaluationPeriods * periodMs < metrics.start) return undefined;
  const values = seriesOf(record, metrics);
  const periods = range.length;
  if (values)
    metrics.periodValues(values, newestEnd - periods * periodMs, periodMs, definition.statistic, now, range);
  else range.fill(Number.NaN);
  const previous = record.state;
  const evaluation = evaluateAlarmRange(range, definition, previous.value);
  if (evaluation.state === previous.value) return undefined;
  if (!describe) {
    record.state = { value: evaluation.state, reason: '', reasonData: '', timestamp: now };
    return { previous, datapoints: NO_DATAPOINTS };
  }
  // The real datapoints used: the `used` most recent present periods, oldest first.
  const timestamps: number[] = [];
  const used: number[] = [];
  for (let j = periods - 1; j >= 0 && used.length < evaluation.used; j--) {
    const value = range[j] as number;
    if (Number.isNaN(value)) continue;
    used.unshift(value);
    timestamps.unshift(newestEnd - (periods - j) * periodMs);
  }
  const datapoints = { timestamps, values: used };
  record.state = lazilyDescribedState(definition, evaluation, datapoints, previous.value, now);
  return { previous, datapoints };
}
