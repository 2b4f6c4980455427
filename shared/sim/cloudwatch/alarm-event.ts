/**
 * Simulated CloudWatch alarm states and their EventBridge "CloudWatch Alarm State Change" events,
 * in the shape CloudWatch really sends (see events/alarm/*.json): `reasonData` is a JSON string
 * with `recentDatapoints` (oldest first) and `threshold`, timestamps inside `detail` are written
 * `2026-11-23T10:03:00.000+0000`, and the reason reads like CloudWatch's own.
 */
import type { AlarmDefinition, AlarmStateValue, ComparisonOperator } from '../../domain/model.ts';
import { type AlarmRangeEvaluation, breaches } from './alarm-evaluation.ts';

/** An alarm as PutMetricAlarm creates it: the scaling.yml `alarm:` block plus name and dimensions. */
export interface SimulatedAlarmDefinition extends AlarmDefinition {
  alarmName: string;
  dimensions: Readonly<Record<string, string>>;
  description?: string | undefined;
}

/** An alarm's state as DescribeAlarms shows it. */
export interface SimulatedAlarmState {
  value: AlarmStateValue;
  reason: string;
  /** JSON text, as CloudWatch's `StateReasonData`. */
  reasonData: string;
  /** StateUpdatedTimestamp, epoch ms. */
  timestamp: number;
}

/** The periods an evaluation looked at: stamps (period starts) and values, oldest first. */
export interface EvaluatedDatapoints {
  timestamps: readonly number[];
  values: readonly number[];
}

const OPERATOR_TEXT: Record<ComparisonOperator, string> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** `2026-11-23T10:03:00.000+0000`: how CloudWatch writes instants inside an alarm event. */
export function cloudWatchTimestamp(instant: number): string {
  return new Date(instant).toISOString().replace('Z', '+0000');
}

/** Java's Double.toString for the values CloudWatch prints: 850.0, 912.5. */
function javaNumber(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** `23/11/26 10:02:00`, the datapoint stamp in CloudWatch reasons. */
function reasonStamp(instant: number): string {
  const iso = new Date(instant).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(2, 4)} ${iso.slice(11, 19)}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Initial state of a new alarm: CloudWatch starts every alarm in INSUFFICIENT_DATA, unchecked. */
export function initialAlarmState(definition: SimulatedAlarmDefinition, now: number): SimulatedAlarmState {
  return {
    value: 'INSUFFICIENT_DATA',
    reason: 'Unchecked: Initial alarm creation',
    reasonData: JSON.stringify({ version: '1.0', threshold: definition.threshold }),
    timestamp: now,
  };
}

/**
 * The state an evaluation moved the alarm to, with CloudWatch's reason and reasonData.
 * `datapoints` are the real datapoints the evaluation used (oldest first).
 */
export function evaluatedAlarmState(
  definition: SimulatedAlarmDefinition,
  evaluation: AlarmRangeEvaluation,
  datapoints: EvaluatedDatapoints,
  previous: AlarmStateValue,
  now: number,
): SimulatedAlarmState {
  const n = definition.evaluationPeriods;
  const periodMs = definition.period * 1000;
  const startDate = Math.floor(now / periodMs) * periodMs - n * periodMs;
  const percentile = definition.statistic.startsWith('p');
  const reasonData = JSON.stringify({
    version: '1.0',
    queryDate: cloudWatchTimestamp(now),
    startDate: cloudWatchTimestamp(startDate),
    [percentile ? 'extendedStatistic' : 'statistic']: definition.statistic,
    period: definition.period,
    recentDatapoints: datapoints.values,
    threshold: definition.threshold,
    evaluatedDatapoints: datapoints.timestamps
      .map((timestamp, i) => ({ timestamp: cloudWatchTimestamp(timestamp), value: datapoints.values[i] }))
      .reverse(),
  });
  return {
    value: evaluation.state,
    reason: reasonText(definition, evaluation, datapoints, previous),
    reasonData,
    timestamp: now,
  };
}

/**
 * {@link evaluatedAlarmState}, with the reason and reasonData written out only when first read:
 * a simulated month changes alarm states thousands of times, and only the local stack's
 * DescribeAlarms and EventBridge events read those texts (the simulator's own delivery builds the
 * trigger from the state and the datapoints: `alarm-trigger.ts`). The inputs are never changed
 * afterwards, so the texts are the same whenever they are read.
 */
export function lazilyDescribedState(
  definition: SimulatedAlarmDefinition,
  evaluation: AlarmRangeEvaluation,
  datapoints: EvaluatedDatapoints,
  previous: AlarmStateValue,
  now: number,
): SimulatedAlarmState {
  let described: SimulatedAlarmState | undefined;
  const describe = () => {
    described ??= evaluatedAlarmState(definition, evaluation, datapoints, previous, now);
    return described;
  };
  return {
    value: evaluation.state,
    get reason() {
      return describe().reason;
    },
    get reasonData() {
      return describe().reasonData;
    },
    timestamp: now,
  };
}

function reasonText(
  definition: SimulatedAlarmDefinition,
  evaluation: AlarmRangeEvaluation,
  datapoints: EvaluatedDatapoints,
  previous: AlarmStateValue,
): string {
  const n = definition.evaluationPeriods;
  if (evaluation.state === 'INSUFFICIENT_DATA')
    return `Insufficient Data: ${plural(n, 'datapoint')} were unknown.`;
  const alarm = evaluation.state === 'ALARM';
  const operator = OPERATOR_TEXT[definition.comparisonOperator];
  const matching: string[] = [];
  for (let i = datapoints.values.length - 1; i >= 0; i--) {
    const value = datapoints.values[i] as number;
    const breach = breaches(value, definition.threshold, definition.comparisonOperator);
    if (breach === alarm)
      matching.push(`${javaNumber(value)} (${reasonStamp(datapoints.timestamps[i] as number)})`);
  }
  const minimum = alarm ? definition.datapointsToAlarm : n - definition.datapointsToAlarm + 1;
  const filled =
    evaluation.filled > 0
      ? ` and ${plural(evaluation.filled, 'missing datapoint')} treated as [${definition.treatMissingData === 'breaching' ? 'Breaching' : 'NonBreaching'}]`
      : '';
  const verb = alarm
    ? matching.length === 1
      ? 'was'
      : 'were'
    : matching.length === 1
      ? 'was not'
      : 'were not';
  return (
    `Threshold Crossed: ${matching.length} out of the last ${plural(n, 'datapoint')} [${matching.join(', ')}]${filled} ` +
    `${verb} ${operator} the threshold (${javaNumber(definition.threshold)}) ` +
    `(minimum ${plural(minimum, 'datapoint')} for ${previous} -> ${evaluation.state} transition).`
  );
}

/** One alarm's change of state: what its EventBridge event tells. */
export interface SimulatedAlarmChange {
  /** The event's id. */
  id: string;
  region: string;
  account: string;
  definition: SimulatedAlarmDefinition;
  previous: SimulatedAlarmState;
  current: SimulatedAlarmState;
  /** The real datapoints the evaluation used, oldest first: the event's `recentDatapoints`. */
  datapoints: EvaluatedDatapoints;
}

/** The EventBridge event of a state change, as JSON-ready data. */
export function alarmStateChangeEvent(
  options: Omit<SimulatedAlarmChange, 'datapoints'>,
): Record<string, unknown> {
  const { definition, previous, current } = options;
  const stateJson = (state: SimulatedAlarmState) => ({
    reason: state.reason,
    // SetAlarmState without StateReasonData leaves none: the field is left out, not sent as ''
    // (which is not JSON, so on-alarm would refuse the whole event as malformed).
    ...(state.reasonData === '' ? {} : { reasonData: state.reasonData }),
    timestamp: cloudWatchTimestamp(state.timestamp),
    value: state.value,
  });
  return {
    version: '0',
    id: options.id,
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: options.account,
    time: new Date(current.timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: options.region,
    resources: [`arn:aws:cloudwatch:${options.region}:${options.account}:alarm:${definition.alarmName}`],
    detail: {
      alarmName: definition.alarmName,
      configuration: {
        ...(definition.description === undefined ? {} : { description: definition.description }),
        metrics: [
          {
            id: 'm1',
            metricStat: {
              metric: {
                dimensions: { ...definition.dimensions },
                name: definition.metricName,
                namespace: definition.namespace,
              },
              period: definition.period,
              stat: definition.statistic,
            },
            returnData: true,
          },
        ],
      },
      previousState: stateJson(previous),
      state: stateJson(current),
    },
  };
}
