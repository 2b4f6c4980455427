/**
 * CloudWatch's shapes of a metric alarm, both ways: the PutMetricAlarm input as the simulator's alarm
 * definition, and a simulated alarm as DescribeAlarms' MetricAlarm.
 */
import type { ComparisonOperator, TreatMissingData } from '../../domain/model.ts';
import type { SimulatedAlarm, SimulatedAlarmDefinition } from '../../sim/cloudwatch/simulated-cloudwatch.ts';
import { AwsWireError, epochSeconds, listOf, requiredNumber, requiredString } from './wire.ts';

type Input = Record<string, unknown>;

const STATISTICS: ReadonlySet<string> = new Set(['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum']);
const OPERATORS: ReadonlySet<string> = new Set<ComparisonOperator>([
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
]);
const MISSING_DATA: ReadonlySet<string> = new Set<TreatMissingData>([
  'breaching',
  'notBreaching',
  'ignore',
  'missing',
]);

/** CloudWatch's answer to a parameter it cannot take (Query code InvalidParameterValue). */
export function invalidParameter(message: string): AwsWireError {
  return new AwsWireError('InvalidParameterValueException', message);
}

/** A metric's dimensions from CloudWatch's `[{ Name, Value }]` list. */
export function dimensionsOf(input: Input): Record<string, string> {
  return Object.fromEntries(
    listOf(input, 'Dimensions').map((d) => [requiredString(d, 'Name'), requiredString(d, 'Value')]),
  );
}

/**
 * PutMetricAlarm's input as the simulator's alarm definition. Defaults are CloudWatch's:
 * DatapointsToAlarm = EvaluationPeriods, TreatMissingData = missing. Metric math and anomaly
 * detection have no simulated counterpart and are refused.
 */
export function alarmDefinitionOf(input: Input): SimulatedAlarmDefinition {
  const alarmName = requiredString(input, 'AlarmName');
  if (input.Metrics !== undefined) {
    throw invalidParameter(
      `alarm ${alarmName}: the local emulator evaluates single-metric alarms only, not metric math (Metrics)`,
    );
  }
  const statistic = input.Statistic ?? input.ExtendedStatistic;
  if (typeof statistic !== 'string')
    throw invalidParameter(`alarm ${alarmName}: Statistic or ExtendedStatistic is required`);
  const operator = requiredString(input, 'ComparisonOperator');
  if (!OPERATORS.has(operator)) {
    throw invalidParameter(
      `alarm ${alarmName}: ComparisonOperator ${operator} is not a static-threshold operator`,
    );
  }
  const treatMissingData = (input.TreatMissingData as string | undefined) ?? 'missing';
  if (!MISSING_DATA.has(treatMissingData))
    throw invalidParameter(`alarm ${alarmName}: TreatMissingData ${treatMissingData}`);
  const evaluationPeriods = requiredNumber(input, 'EvaluationPeriods');
  const definition: SimulatedAlarmDefinition = {
    alarmName,
    namespace: requiredString(input, 'Namespace'),
    metricName: requiredString(input, 'MetricName'),
    dimensions: dimensionsOf(input),
    statistic,
    period: requiredNumber(input, 'Period'),
    evaluationPeriods,
    datapointsToAlarm: requiredNumber(input, 'DatapointsToAlarm', evaluationPeriods),
    threshold: requiredNumber(input, 'Threshold'),
    comparisonOperator: operator as ComparisonOperator,
    treatMissingData: treatMissingData as TreatMissingData,
    description: input.AlarmDescription as string | undefined,
  };
  return definition;
}

/** A simulated alarm as DescribeAlarms lists it (a percentile statistic is an ExtendedStatistic). */
export function metricAlarmOf(
  { definition, state }: SimulatedAlarm,
  where: { region: string; account: string; alarmActions?: ReadonlyMap<string, readonly string[]> },
): Record<string, unknown> {
  const { region, account } = where;
  const percentile = !STATISTICS.has(definition.statistic);
  return {
    AlarmName: definition.alarmName,
    AlarmArn: `arn:aws:cloudwatch:${region}:${account}:alarm:${definition.alarmName}`,
    ...(definition.description === undefined ? {} : { AlarmDescription: definition.description }),
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [...(where.alarmActions?.get(definition.alarmName) ?? [])],
    InsufficientDataActions: [],
    StateValue: state.value,
    StateReason: state.reason,
    StateReasonData: state.reasonData,
    StateUpdatedTimestamp: epochSeconds(state.timestamp),
    StateTransitionedTimestamp: epochSeconds(state.timestamp),
    MetricName: definition.metricName,
    Namespace: definition.namespace,
    [percentile ? 'ExtendedStatistic' : 'Statistic']: definition.statistic,
    Dimensions: Object.entries(definition.dimensions).map(([Name, Value]) => ({ Name, Value })),
    Period: definition.period,
    EvaluationPeriods: definition.evaluationPeriods,
    DatapointsToAlarm: definition.datapointsToAlarm,
    Threshold: definition.threshold,
    ComparisonOperator: definition.comparisonOperator,
    TreatMissingData: definition.treatMissingData,
  };
}
