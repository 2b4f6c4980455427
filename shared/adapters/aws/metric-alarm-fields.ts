import type { AlarmDefinition } from '../../domain/model.ts';

/** The statistics CloudWatch takes as `Statistic`; anything else (p99, tm90, ...) is extended. */
const STANDARD_STATISTICS = new Set(['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum']);

/** `Statistic` or `ExtendedStatistic`, whichever the alarm's statistic is. */
export function statisticField(statistic: string): { Statistic: string } | { ExtendedStatistic: string } {
  return STANDARD_STATISTICS.has(statistic) ? { Statistic: statistic } : { ExtendedStatistic: statistic };
}

/**
 * The PutMetricAlarm fields of a scaling.yml `alarm:` block on a variant's metric. CloudFormation's
 * AWS::CloudWatch::Alarm uses the same names, so the deploy template and the local stack's
 * seeding build their alarms from this one mapping.
 */
export function metricAlarmFields(
  alarm: AlarmDefinition,
  variant: { endpointName: string; variantName: string },
) {
  return {
    Namespace: alarm.namespace,
    MetricName: alarm.metricName,
    Dimensions: [
      { Name: 'EndpointName', Value: variant.endpointName },
      { Name: 'VariantName', Value: variant.variantName },
    ],
    ...statisticField(alarm.statistic),
    Period: alarm.period,
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparisonOperator,
    TreatMissingData: alarm.treatMissingData,
  };
}
