import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';

/**
 * A CloudWatch alarm as DescribeAlarms returns it: the Sum of SageMaker's
 * InvocationsPerInstance per minute for fraud-detector/AllTraffic, crossing `threshold` in
 * `periods` out of `periods` minutes. `fields` add to it or replace any of these (state, ARNs,
 * another metric).
 */
export function invocationsAlarm(
  name: string,
  threshold: number,
  comparison: MetricAlarm['ComparisonOperator'],
  periods: number,
  fields: Partial<MetricAlarm> = {},
): MetricAlarm {
  return {
    AlarmName: name,
    MetricName: 'InvocationsPerInstance',
    Namespace: 'AWS/SageMaker',
    Statistic: 'Sum',
    Dimensions: [
      { Name: 'EndpointName', Value: 'fraud-detector' },
      { Name: 'VariantName', Value: 'AllTraffic' },
    ],
    Period: 60,
    EvaluationPeriods: periods,
    DatapointsToAlarm: periods,
    Threshold: threshold,
    ComparisonOperator: comparison,
    TreatMissingData: 'missing',
    ...fields,
  };
}
