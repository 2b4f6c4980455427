import type { AlarmDefinition } from '../../domain/model.ts';
import type { TrackingAlarm } from '../../domain/target-tracking/alarms.ts';

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

function dimensionList(dimensions: Readonly<Record<string, string>>) {
  return Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));
}

/**
 * The PutMetricAlarm fields of one of a target tracking policy's alarms: its metric (or its
 * metric-math queries, each metric at the alarm's period) and its evaluation, for the deploy
 * template and the local stack alike.
 */
export function trackingAlarmFields(alarm: TrackingAlarm) {
  const evaluation = {
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparisonOperator,
    TreatMissingData: alarm.treatMissingData,
  };
  const { metric } = alarm;
  if (metric.kind === 'math') {
    return {
      Metrics: metric.queries.map((query) => ({
        Id: query.id,
        ReturnData: query.returnData,
        ...(query.expression === undefined ? {} : { Expression: query.expression }),
        ...(query.label === undefined ? {} : { Label: query.label }),
        ...(query.metricStat === undefined
          ? {}
          : {
              MetricStat: {
                Metric: {
                  Namespace: query.metricStat.namespace,
                  MetricName: query.metricStat.metricName,
                  Dimensions: dimensionList(query.metricStat.dimensions ?? {}),
                },
                Period: alarm.period,
                Stat: query.metricStat.stat,
                ...(query.metricStat.unit === undefined ? {} : { Unit: query.metricStat.unit }),
              },
            }),
      })),
      ...evaluation,
    };
  }
  return {
    Namespace: metric.namespace,
    MetricName: metric.metricName,
    Dimensions: dimensionList(metric.dimensions),
    ...statisticField(metric.statistic),
    ...(metric.unit === undefined ? {} : { Unit: metric.unit }),
    Period: alarm.period,
    ...evaluation,
  };
}
