import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { AlarmDocument } from './import-types.ts';

const COMPARISONS = new Set([
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
]);

/**
 * The `alarm:` block equivalent to a CloudWatch alarm, or why there is none: the scaler creates
 * single-metric alarms whose dimensions are exactly the variant's EndpointName and VariantName.
 */
export function adoptAlarm(
  alarm: MetricAlarm | undefined,
  context: { endpointName: string; variantName: string },
): { alarm: AlarmDocument } | { problem: string } {
  if (!alarm) return { problem: 'it was not found in CloudWatch' };
  if (alarm.Metrics !== undefined) return { problem: 'it is a metric-math alarm' };
  if (alarm.ThresholdMetricId !== undefined || alarm.Threshold === undefined) {
    return { problem: 'it has no static threshold (anomaly detection)' };
  }
  const statistic = alarm.Statistic ?? alarm.ExtendedStatistic;
  if (!alarm.MetricName || !alarm.Namespace || !statistic || !/^(?!p)[A-Z]|^p\d/.test(statistic)) {
    return { problem: `its metric or statistic (${statistic ?? 'none'}) cannot be written in scaling.yml` };
  }
  const dimensions = [...(alarm.Dimensions ?? [])].map((d) => `${d.Name}=${d.Value}`).sort();
  const expected = [`EndpointName=${context.endpointName}`, `VariantName=${context.variantName}`];
  if (dimensions.join(',') !== expected.join(',')) {
    return {
      problem: `its dimensions (${dimensions.join(', ') || 'none'}) are not exactly ${expected.join(', ')}`,
    };
  }
  if (alarm.Unit !== undefined)
    return { problem: `it filters on Unit ${alarm.Unit}, which scaling.yml cannot express` };
  if (!alarm.Period || !alarm.EvaluationPeriods || !COMPARISONS.has(alarm.ComparisonOperator ?? '')) {
    return {
      problem: 'its period, evaluation periods or comparison operator cannot be written in scaling.yml',
    };
  }
  return {
    alarm: {
      metricName: alarm.MetricName,
      namespace: alarm.Namespace,
      statistic,
      period: alarm.Period,
      evaluationPeriods: alarm.EvaluationPeriods,
      ...(alarm.DatapointsToAlarm === undefined ? {} : { datapointsToAlarm: alarm.DatapointsToAlarm }),
      threshold: alarm.Threshold,
      comparisonOperator: alarm.ComparisonOperator ?? '',
      treatMissingData: alarm.TreatMissingData ?? 'missing',
    },
  };
}
