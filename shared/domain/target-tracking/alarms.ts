/**
 * The two CloudWatch alarms behind a target tracking policy, as the scaler creates them (ours, as
 * AAS is observed to create its own; AWS documents only the outline): "high" breaches above the
 * target value, "low" below 90 % of it, and the alarm names are the only link from an alarm event
 * back to the policy. Pure: deploy, the simulator, the local stack and import all read them here.
 */
import type {
  ComparisonOperator,
  MetricMathQuery,
  PredefinedMetricType,
  TargetConfig,
  TargetTrackingPolicy,
  TrackingAlarmEvaluation,
  TreatMissingData,
} from '../model.ts';
import { targetKey } from '../model.ts';

/**
 * Every target tracking alarm's name starts with this: the scaler's own prefix, never AAS's
 * `TargetTracking-`, so that IAM scoped by prefix and alarm queries can never reach native alarms.
 */
export const TRACKING_ALARM_PREFIX = 'ScalerTargetTracking-';

/** CloudWatch PutMetricAlarm: AlarmName is at most 255 characters. */
export const ALARM_NAME_LIMIT = 255;

/** Which of a policy's two alarms. */
export type TrackingAlarmRole = 'high' | 'low';

/** The low alarm fires below this share of the target value ("usually more than 10 %" below, AWS). */
export const SCALE_IN_THRESHOLD_RATIO = 0.9;

/**
 * The alarms of standard one-minute metrics, as AAS is observed to create them: scale out after 3
 * of 3 datapoints above the target, scale in after 15 of 15 below 90 % of it.
 */
export const STANDARD_TRACKING_ALARMS: Readonly<Record<TrackingAlarmRole, TrackingAlarmEvaluation>> = {
  high: { period: 60, evaluationPeriods: 3, datapointsToAlarm: 3 },
  low: { period: 60, evaluationPeriods: 15, datapointsToAlarm: 15 },
};

/**
 * The alarms of the high-resolution concurrency metric (ours). AWS does not document the period and
 * datapoints AAS uses for it; it says the 10-second metric makes a policy "scale out much faster"
 * while it "scales in at the same rate as standard metrics"
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html).
 * So: high on 3 of 3 ten-second datapoints (30 s instead of 3 minutes), low as the standard alarm
 * on one-minute averages. CloudWatch keeps sub-minute data for 3 hours, far more than a 30-second
 * window needs.
 * `scaler import` copies a native policy's real alarm settings instead.
 */
export const HIGH_RESOLUTION_TRACKING_ALARMS: Readonly<Record<TrackingAlarmRole, TrackingAlarmEvaluation>> = {
  high: { period: 10, evaluationPeriods: 3, datapointsToAlarm: 3 },
  low: { period: 60, evaluationPeriods: 15, datapointsToAlarm: 15 },
};

/** One metric with its statistic, on the variant's dimensions unless the policy names others. */
export interface TrackedMetricStat {
  kind: 'metric';
  metricName: string;
  namespace: string;
  statistic: string;
  unit?: string | undefined;
  dimensions: Readonly<Record<string, string>>;
}

/** A metric-math series: the queries as written, dimensions filled in. */
export interface TrackedMetricMath {
  kind: 'math';
  queries: MetricMathQuery[];
}

export type TrackedMetric = TrackedMetricStat | TrackedMetricMath;

/** The predefined metrics of a SageMaker variant: name, namespace and the statistic that tracks it. */
export const PREDEFINED_METRICS: Readonly<
  Record<PredefinedMetricType, { metricName: string; namespace: string; statistic: string }>
> = {
  // SageMaker sends 1/numberOfInstances per request, so only Sum gives invocations per instance
  // (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ScalingPolicyMetric.html).
  SageMakerVariantInvocationsPerInstance: {
    metricName: 'InvocationsPerInstance',
    namespace: 'AWS/SageMaker',
    statistic: 'Sum',
  },
  // Each model container reports its own concurrency: the average over them is per model (ours).
  SageMakerVariantConcurrentRequestsPerModelHighResolution: {
    metricName: 'ConcurrentRequestsPerModel',
    namespace: 'AWS/SageMaker',
    statistic: 'Average',
  },
};

/** One of a policy's alarms: everything PutMetricAlarm needs, and which policy and role it serves. */
export interface TrackingAlarm extends TrackingAlarmEvaluation {
  alarmName: string;
  role: TrackingAlarmRole;
  policyName: string;
  metric: TrackedMetric;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
}

/** `ScalerTargetTracking-endpoint/<E>/variant/<V>-<policyName>-AlarmHigh` (or `-AlarmLow`). */
export function trackingAlarmName(
  target: Pick<TargetConfig, 'endpointName' | 'variantName'>,
  policyName: string,
  role: TrackingAlarmRole,
): string {
  return `${TRACKING_ALARM_PREFIX}${targetKey(target)}-${policyName}-Alarm${role === 'high' ? 'High' : 'Low'}`;
}

function variantDimensions(target: TargetConfig): Record<string, string> {
  return { EndpointName: target.endpointName, VariantName: target.variantName };
}

/** The series the policy tracks. */
export function trackedMetric(target: TargetConfig, policy: TargetTrackingPolicy): TrackedMetric {
  const spec = policy.metric;
  switch (spec.kind) {
    case 'predefined':
      return {
        kind: 'metric',
        ...PREDEFINED_METRICS[spec.predefinedMetricType],
        dimensions: variantDimensions(target),
      };
    case 'customized':
      return {
        kind: 'metric',
        metricName: spec.metricName,
        namespace: spec.namespace,
        statistic: spec.statistic,
        unit: spec.unit,
        dimensions: spec.dimensions ?? variantDimensions(target),
      };
    case 'math':
      return {
        kind: 'math',
        queries: spec.metrics.map((query) =>
          query.metricStat === undefined
            ? query
            : {
                ...query,
                metricStat: {
                  ...query.metricStat,
                  dimensions: query.metricStat.dimensions ?? variantDimensions(target),
                },
              },
        ),
      };
  }
}

/** The alarm settings the scaler gives a metric by default (ours; see the two constants above). */
export function defaultTrackingAlarm(
  predefinedMetricType: PredefinedMetricType | undefined,
  role: TrackingAlarmRole,
): TrackingAlarmEvaluation {
  return predefinedMetricType === 'SageMakerVariantConcurrentRequestsPerModelHighResolution'
    ? HIGH_RESOLUTION_TRACKING_ALARMS[role]
    : STANDARD_TRACKING_ALARMS[role];
}

/** The alarm settings a policy gets: ours for its metric, with scaling.yml's overrides laid over. */
export function trackingAlarmEvaluation(
  policy: TargetTrackingPolicy,
  role: TrackingAlarmRole,
): TrackingAlarmEvaluation {
  const spec = policy.metric;
  const defaults = defaultTrackingAlarm(
    spec.kind === 'predefined' ? spec.predefinedMetricType : undefined,
    role,
  );
  const override = role === 'high' ? policy.highAlarm : policy.lowAlarm;
  const evaluationPeriods = override?.evaluationPeriods ?? defaults.evaluationPeriods;
  return {
    period: override?.period ?? defaults.period,
    evaluationPeriods,
    // An override of the periods alone keeps the alarm "N out of N", as CloudWatch defaults it.
    datapointsToAlarm:
      override?.datapointsToAlarm ??
      (override?.evaluationPeriods === undefined ? defaults.datapointsToAlarm : evaluationPeriods),
  };
}

/** The policy's alarms: high, and low unless scale-in is disabled. */
export function trackingAlarms(target: TargetConfig, policy: TargetTrackingPolicy): TrackingAlarm[] {
  const metric = trackedMetric(target, policy);
  const alarm = (
    role: TrackingAlarmRole,
    threshold: number,
    operator: ComparisonOperator,
  ): TrackingAlarm => ({
    alarmName: trackingAlarmName(target, policy.policyName, role),
    role,
    policyName: policy.policyName,
    metric,
    ...trackingAlarmEvaluation(policy, role),
    threshold,
    comparisonOperator: operator,
    treatMissingData: 'missing',
  });
  const high = alarm('high', policy.targetValue, 'GreaterThanThreshold');
  if (policy.disableScaleIn) return [high];
  return [high, alarm('low', policy.targetValue * SCALE_IN_THRESHOLD_RATIO, 'LessThanThreshold')];
}

/** Every tracking alarm of a target, in policy order. */
export function targetTrackingAlarms(target: TargetConfig): TrackingAlarm[] {
  return target.targetTrackingPolicies.flatMap((policy) => trackingAlarms(target, policy));
}
