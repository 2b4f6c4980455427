/**
 * CloudWatch metric-alarm evaluation, as pure functions over datapoints (NaN = missing). One copy
 * of the rules, for the simulator and for the local HTTP emulator alike.
 *
 * What CloudWatch documents ("Alarm evaluation", "Configuring how CloudWatch alarms treat missing
 * data") and how it is read here:
 * - Datapoints to Alarm (M) of the last Evaluation Periods (N) must breach for ALARM; they need
 *   not be consecutive.
 * - CloudWatch retrieves more periods than N, the *evaluation range*. When at least N of them hold
 *   real datapoints, the N most recent real ones decide and TreatMissingData plays no part.
 *   AWS does not publish the range's length; here it is N + 2 periods (the width of AWS's own
 *   example table for N = 3). {@link EVALUATION_RANGE_EXTRA}
 * - With fewer than N real datapoints, every real one is used and the rest are filled per
 *   TreatMissingData: `breaching` fills breaching points, `notBreaching` good ones; `missing`
 *   judges the real points alone (ALARM when min(M, real) of them breach) and goes to
 *   INSUFFICIENT_DATA when there are none; `ignore` changes state only when the missing points
 *   could not change the outcome (M real breaching: ALARM; more than N - M real good ones: OK),
 *   and otherwise keeps the current state. These reproduce every row of AWS's example table
 *   (N = M = 3: `0 - X - X` OK everywhere; `- - - - -` INSUFFICIENT_DATA / keep / ALARM / OK;
 *   `- - X - -` ALARM / keep / ALARM / OK).
 */
import type { AlarmStateValue, ComparisonOperator, TreatMissingData } from '../../domain/model.ts';

/** Periods the evaluation range reaches back beyond Evaluation Periods. */
export const EVALUATION_RANGE_EXTRA = 2;

/** The parts of an alarm definition its evaluation needs. */
export interface AlarmRule {
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
}

/** The outcome of one evaluation. */
export interface AlarmRangeEvaluation {
  state: AlarmStateValue;
  /** How many of the range's most recent real datapoints were used (at most N). */
  used: number;
  /** Breaching points among the used ones. */
  breaching: number;
  /** Missing points filled per TreatMissingData (0 when N real points were found). */
  filled: number;
}

/** Whether `value` breaches `threshold` under the alarm's comparison operator. */
export function breaches(value: number, threshold: number, operator: ComparisonOperator): boolean {
  switch (operator) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

/**
 * Evaluates an alarm on its evaluation range (oldest first, NaN for a missing period).
 * `current` is the alarm's state now, kept by `ignore` when the data cannot decide.
 */
export function evaluateAlarmRange(
  range: ArrayLike<number>,
  rule: AlarmRule,
  current: AlarmStateValue,
): AlarmRangeEvaluation {
  const n = rule.evaluationPeriods;
  const m = rule.datapointsToAlarm;
  let used = 0;
  let breaching = 0;
  for (let index = range.length - 1; index >= 0 && used < n; index--) {
    const value = range[index] as number;
    if (Number.isNaN(value)) continue;
    used++;
    if (breaches(value, rule.threshold, rule.comparisonOperator)) breaching++;
  }
  if (used === n) return { state: breaching >= m ? 'ALARM' : 'OK', used, breaching, filled: 0 };
  const filled = n - used;
  switch (rule.treatMissingData) {
    case 'breaching':
      return { state: breaching + filled >= m ? 'ALARM' : 'OK', used, breaching, filled };
    case 'notBreaching':
      return { state: breaching >= m ? 'ALARM' : 'OK', used, breaching, filled };
    case 'missing': {
      if (used === 0) return { state: 'INSUFFICIENT_DATA', used, breaching, filled: 0 };
      return { state: breaching >= Math.min(m, used) ? 'ALARM' : 'OK', used, breaching, filled: 0 };
    }
    case 'ignore': {
      let state = current;
      if (breaching >= m) state = 'ALARM';
      else if (used - breaching > n - m) state = 'OK';
      return { state, used, breaching, filled: 0 };
    }
  }
}

/**
 * One period's datapoint from per-minute values `values[from .. from + count)`, NaN when none of
 * them is present. Each per-minute value counts as one sample, so a one-minute period returns
 * the value itself for every statistic but SampleCount (1). Percentiles (`p99`, `p99.9`) take the
 * nearest rank.
 */
export function aggregatePeriod(
  values: ArrayLike<number>,
  from: number,
  count: number,
  statistic: string,
): number {
  if (count === 1) {
    const value = from >= 0 && from < values.length ? (values[from] as number) : Number.NaN;
    if (statistic === 'SampleCount') return Number.isNaN(value) ? Number.NaN : 1;
    return value;
  }
  const present: number[] = [];
  for (let index = Math.max(0, from); index < Math.min(values.length, from + count); index++) {
    const value = values[index] as number;
    if (!Number.isNaN(value)) present.push(value);
  }
  if (present.length === 0) return Number.NaN;
  return statisticOf(present, statistic);
}

function statisticOf(samples: number[], statistic: string): number {
  switch (statistic) {
    case 'SampleCount':
      return samples.length;
    case 'Sum':
      return samples.reduce((sum, value) => sum + value, 0);
    case 'Average':
      return samples.reduce((sum, value) => sum + value, 0) / samples.length;
    case 'Minimum':
      return Math.min(...samples);
    case 'Maximum':
      return Math.max(...samples);
  }
  const percentile = /^p(\d+(?:\.\d+)?)$/.exec(statistic);
  if (!percentile) throw new RangeError(`unsupported statistic '${statistic}'`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((Number(percentile[1]) / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}
