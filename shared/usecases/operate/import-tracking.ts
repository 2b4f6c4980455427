/**
 * A native target tracking policy as scaling.yml writes it: the same target value, metric and
 * cooldowns. AAS creates and owns the policy's alarms (`TargetTracking-...`); the scaler creates
 * its own (`ScalerTargetTracking-...`), copying the evaluation (period, datapoints) of the native
 * ones wherever it differs from the scaler's defaults, so the migrated policy reacts as fast as
 * the native one did.
 */
import type {
  CustomizedMetricSpecification,
  ScalingPolicy,
  TargetTrackingMetricDataQuery,
} from '@aws-sdk/client-application-auto-scaling';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { PredefinedMetricType } from '../../domain/model.ts';
import {
  defaultTrackingAlarm,
  PREDEFINED_METRICS,
  type TrackingAlarmRole,
} from '../../domain/target-tracking/alarms.ts';
import type { ImportNote, TrackingDocument } from './import-types.ts';

type Dimension = { Name?: string | undefined; Value?: string | undefined };

/** The dimensions as written, or none when they are exactly the variant's (scaling.yml implies those). */
function dimensionsOf(
  dimensions: readonly Dimension[] | undefined,
  variant: { endpointName: string; variantName: string },
): { name: string; value: string }[] | undefined {
  const list = (dimensions ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' }));
  const own = [`EndpointName=${variant.endpointName}`, `VariantName=${variant.variantName}`];
  const written = list.map((d) => `${d.name}=${d.value}`).sort();
  return written.join(',') === own.join(',') ? undefined : list;
}

function query(q: TargetTrackingMetricDataQuery, variant: { endpointName: string; variantName: string }) {
  const stat = q.MetricStat;
  const dimensions = dimensionsOf(stat?.Metric?.Dimensions, variant);
  return {
    id: q.Id ?? '',
    ...(q.Expression === undefined ? {} : { expression: q.Expression }),
    ...(q.Label === undefined ? {} : { label: q.Label }),
    ...(stat === undefined
      ? {}
      : {
          metricStat: {
            metric: {
              metricName: stat.Metric?.MetricName ?? '',
              namespace: stat.Metric?.Namespace ?? '',
              ...(dimensions === undefined ? {} : { dimensions }),
            },
            stat: stat.Stat ?? '',
            ...(stat.Unit === undefined ? {} : { unit: stat.Unit }),
          },
        }),
    ...(q.ReturnData === undefined ? {} : { returnData: q.ReturnData }),
  };
}

function customized(
  spec: CustomizedMetricSpecification,
  variant: { endpointName: string; variantName: string },
): NonNullable<TrackingDocument['customizedMetricSpecification']> {
  if (spec.Metrics !== undefined) return { metrics: spec.Metrics.map((q) => query(q, variant)) };
  const dimensions = dimensionsOf(spec.Dimensions, variant);
  return {
    metricName: spec.MetricName ?? '',
    namespace: spec.Namespace ?? '',
    statistic: spec.Statistic ?? '',
    ...(dimensions === undefined ? {} : { dimensions }),
    ...(spec.Unit === undefined ? {} : { unit: spec.Unit }),
  };
}

/** A native alarm's role: its comparison says which way it breaches. */
function roleOf(alarm: MetricAlarm): TrackingAlarmRole {
  return alarm.ComparisonOperator?.startsWith('Greater') ? 'high' : 'low';
}

/** The native alarm's period (a metric-math alarm carries it on its metrics). */
function periodOf(alarm: MetricAlarm): number | undefined {
  return alarm.Period ?? alarm.Metrics?.find((m) => m.MetricStat?.Period !== undefined)?.MetricStat?.Period;
}

/** The evaluation of the native alarms, where it differs from what the scaler would create. */
function alarmOverrides(
  predefined: PredefinedMetricType | undefined,
  disableScaleIn: boolean,
  alarms: readonly MetricAlarm[],
): Pick<TrackingDocument, 'highAlarm' | 'lowAlarm'> {
  const overrides: Pick<TrackingDocument, 'highAlarm' | 'lowAlarm'> = {};
  for (const alarm of alarms) {
    const role = roleOf(alarm);
    if (role === 'low' && disableScaleIn) continue;
    const ours = defaultTrackingAlarm(predefined, role);
    const native = {
      period: periodOf(alarm) ?? ours.period,
      evaluationPeriods: alarm.EvaluationPeriods ?? ours.evaluationPeriods,
      datapointsToAlarm: alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods ?? ours.datapointsToAlarm,
    };
    if (
      native.period !== ours.period ||
      native.evaluationPeriods !== ours.evaluationPeriods ||
      native.datapointsToAlarm !== ours.datapointsToAlarm
    ) {
      overrides[role === 'high' ? 'highAlarm' : 'lowAlarm'] = native;
    }
  }
  return overrides;
}

function isPredefined(type: string): type is PredefinedMetricType {
  return type in PREDEFINED_METRICS;
}

/**
 * The scaling.yml form of one native target tracking policy, or a note saying why it stays native.
 * `alarms` are the native policy's own alarms as CloudWatch describes them.
 */
export function convertTrackingPolicy(
  policy: ScalingPolicy,
  alarms: readonly MetricAlarm[],
  variant: { endpointName: string; variantName: string },
): { document: TrackingDocument; notes: ImportNote[] } | { problem: string } {
  const config = policy.TargetTrackingScalingPolicyConfiguration;
  if (config?.TargetValue === undefined) return { problem: 'it has no target tracking configuration' };
  const predefined = config.PredefinedMetricSpecification?.PredefinedMetricType;
  if (predefined !== undefined && !isPredefined(predefined)) {
    return { problem: `its predefined metric ${predefined} is not one of a SageMaker variant's` };
  }
  const document: TrackingDocument = {
    policyName: policy.PolicyName ?? '',
    targetValue: config.TargetValue,
    ...(predefined === undefined
      ? { customizedMetricSpecification: customized(config.CustomizedMetricSpecification ?? {}, variant) }
      : { predefinedMetricSpecification: { predefinedMetricType: predefined } }),
    // AAS's defaults for a SageMaker variant are 300 s each way: written only when set otherwise.
    ...(config.ScaleOutCooldown === undefined ? {} : { scaleOutCooldown: config.ScaleOutCooldown }),
    ...(config.ScaleInCooldown === undefined ? {} : { scaleInCooldown: config.ScaleInCooldown }),
    ...(config.DisableScaleIn ? { disableScaleIn: true } : {}),
  };
  Object.assign(document, alarmOverrides(predefined, config.DisableScaleIn === true, alarms));
  const found = alarms.length === 0 ? 'none found: the defaults' : `${alarms.length} found`;
  return {
    document,
    notes: [
      {
        kind: 'changed',
        subject: `policy ${document.policyName}`,
        message: `target tracking: the scaler creates its own alarms (ScalerTargetTracking-...) with the period and datapoints of AAS's TargetTracking-... alarms (${found}); deleting the native policy deletes AAS's alarms`,
      },
    ],
  };
}
