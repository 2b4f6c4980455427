/**
 * Rules of a target tracking policy (scaling-semantics.md, "Target tracking policy"): AAS's own
 * (TargetValue, exactly one metric specification, the predefined types of a variant, cooldowns)
 * and the ones its alarms bring (CloudWatch's 255-character alarm names, periods, namespaces).
 */
import type {
  MetricMathQuery,
  PredefinedMetricType,
  TargetTrackingPolicy,
  TrackingMetricSpecification,
} from '../domain/model.ts';
import {
  ALARM_NAME_LIMIT,
  PREDEFINED_METRICS,
  trackingAlarmEvaluation,
  trackingAlarmName,
} from '../domain/target-tracking/alarms.ts';
import { checkAlarmEvaluation, namespaceProblem } from './alarm-rules.ts';
import { at, type IssueCollector } from './issues.ts';
import type { ParsedTarget, ParsedTargetTrackingPolicy } from './schema.ts';
import { targetTrackingPolicySchema } from './schema.ts';
import { parseLevel } from './zod-issues.ts';

/**
 * AAS predefined metric types that scale something other than a variant's instance count, and
 * what they scale: refused with that reason rather than as unknown.
 */
const OTHER_DIMENSIONS: Readonly<Record<string, string>> = {
  SageMakerVariantProvisionedConcurrencyUtilization:
    "the provisioned concurrency of a serverless variant (scalable dimension sagemaker:variant:DesiredProvisionedConcurrency), not an instance-based variant's instance count",
  SageMakerInferenceComponentInvocationsPerCopy:
    'the copy count of an inference component (scalable dimension sagemaker:inference-component:DesiredCopyCount), not a variant',
  SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution:
    'the copy count of an inference component (scalable dimension sagemaker:inference-component:DesiredCopyCount), not a variant',
};

const KNOWN_TYPES = Object.keys(PREDEFINED_METRICS);

function isPredefinedType(value: string): value is PredefinedMetricType {
  return KNOWN_TYPES.includes(value);
}

function checkPredefined(type: string, path: string, issues: IssueCollector): void {
  if (isPredefinedType(type)) return;
  const other = OTHER_DIMENSIONS[type];
  issues.error(
    at(path, 'predefinedMetricSpecification', 'predefinedMetricType'),
    other === undefined
      ? `expected one of ${KNOWN_TYPES.join(', ')} (the predefined metrics of a SageMaker variant), found '${type}'`
      : `${type} scales ${other}; a target here is a variant's DesiredInstanceCount: use ${KNOWN_TYPES.join(' or ')}`,
  );
}

type ParsedCustomized = NonNullable<ParsedTargetTrackingPolicy['customizedMetricSpecification']>;
type ParsedQuery = NonNullable<ParsedCustomized['metrics']>[number];

/** A single metric names metricName, namespace and statistic; metric math lists queries instead. */
function checkCustomized(custom: ParsedCustomized, path: string, issues: IssueCollector): void {
  const where = at(path, 'customizedMetricSpecification');
  const single = custom.metricName !== undefined || custom.namespace !== undefined;
  if (custom.metrics !== undefined) {
    if (single || custom.statistic !== undefined || custom.dimensions !== undefined) {
      issues.error(
        where,
        'give either a single metric (metricName, namespace, statistic) or metric math (metrics), not both',
      );
    }
    checkQueries(custom.metrics, at(where, 'metrics'), issues);
    return;
  }
  for (const field of ['metricName', 'namespace', 'statistic'] as const) {
    if (custom[field] === undefined) {
      issues.error(at(where, field), 'is required for a single customized metric (or give a metrics list)');
    }
  }
  if (custom.metricName !== undefined && custom.namespace !== undefined) {
    const problem = namespaceProblem(custom.metricName, custom.namespace, custom.dimensions === undefined);
    if (problem !== undefined) issues.error(at(where, 'namespace'), problem);
  }
}

/** Metric math: each query an expression or a metric, ids unique, exactly one returning data. */
function checkQueries(queries: readonly ParsedQuery[], path: string, issues: IssueCollector): void {
  if (queries.length === 0) {
    issues.error(path, 'must hold at least one query (found an empty list)');
    return;
  }
  const ids = new Map<string, number>();
  queries.forEach((query, index) => {
    const where = at(path, index);
    if ((query.expression === undefined) === (query.metricStat === undefined)) {
      issues.error(where, 'needs exactly one of expression and metricStat');
    }
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(query.id)) {
      issues.error(
        at(where, 'id'),
        `must start with a lowercase letter and hold only letters, digits and underscores (found '${query.id}')`,
      );
    }
    const first = ids.get(query.id);
    if (first !== undefined) issues.error(at(where, 'id'), `duplicates the id of ${at(path, first)}`);
    else ids.set(query.id, index);
    const stat = query.metricStat;
    if (stat !== undefined) {
      const problem = namespaceProblem(
        stat.metric.metricName,
        stat.metric.namespace,
        stat.metric.dimensions === undefined,
      );
      if (problem !== undefined) issues.error(at(where, 'metricStat', 'metric', 'namespace'), problem);
    }
  });
  const returning = queries.filter((query) => query.returnData !== false).length;
  if (returning !== 1) {
    issues.error(
      path,
      `exactly one query must return the tracked series (returnData true or left out), found ${returning}`,
    );
  }
}

function dimensionsOf(
  list: { name: string; value: string }[] | undefined,
): Record<string, string> | undefined {
  return list === undefined ? undefined : Object.fromEntries(list.map((d) => [d.name, d.value]));
}

function toQuery(query: ParsedQuery): MetricMathQuery {
  const stat = query.metricStat;
  return {
    id: query.id,
    expression: query.expression,
    label: query.label,
    returnData: query.returnData !== false,
    metricStat:
      stat === undefined
        ? undefined
        : {
            metricName: stat.metric.metricName,
            namespace: stat.metric.namespace,
            dimensions: dimensionsOf(stat.metric.dimensions),
            stat: stat.stat,
            unit: stat.unit,
          },
  };
}

/** The metric of a policy that passed the rules (exactly one specification, each complete). */
function toMetric(parsed: ParsedTargetTrackingPolicy): TrackingMetricSpecification {
  const predefined = parsed.predefinedMetricSpecification?.predefinedMetricType as PredefinedMetricType;
  const custom = parsed.customizedMetricSpecification;
  if (custom === undefined) return { kind: 'predefined', predefinedMetricType: predefined };
  if (custom.metrics !== undefined) return { kind: 'math', metrics: custom.metrics.map(toQuery) };
  return {
    kind: 'customized',
    metricName: custom.metricName as string,
    namespace: custom.namespace as string,
    statistic: custom.statistic as NonNullable<ParsedCustomized['statistic']>,
    unit: custom.unit,
    dimensions: dimensionsOf(custom.dimensions),
  };
}

function toPolicy(parsed: ParsedTargetTrackingPolicy): TargetTrackingPolicy {
  return {
    policyName: parsed.policyName,
    targetValue: parsed.targetValue,
    metric: toMetric(parsed),
    scaleOutCooldown: parsed.scaleOutCooldown,
    scaleInCooldown: parsed.scaleInCooldown,
    disableScaleIn: parsed.disableScaleIn,
    highAlarm: parsed.highAlarm,
    lowAlarm: parsed.lowAlarm,
  };
}

function checkPolicy(
  parsed: ParsedTargetTrackingPolicy,
  target: ParsedTarget | undefined,
  path: string,
  issues: IssueCollector,
): void {
  if (!(parsed.targetValue > 0) || !Number.isFinite(parsed.targetValue)) {
    issues.error(at(path, 'targetValue'), `must be a finite number > 0 (found ${parsed.targetValue})`);
  }
  const predefined = parsed.predefinedMetricSpecification;
  const customized = parsed.customizedMetricSpecification;
  if ((predefined === undefined) === (customized === undefined)) {
    issues.error(
      path,
      `needs exactly one metric: predefinedMetricSpecification or customizedMetricSpecification (found ${predefined === undefined ? 'neither' : 'both'})`,
    );
  }
  if (predefined !== undefined) checkPredefined(predefined.predefinedMetricType, path, issues);
  if (customized !== undefined) checkCustomized(customized, path, issues);
  for (const field of ['scaleOutCooldown', 'scaleInCooldown'] as const) {
    if (parsed[field] < 0) {
      issues.error(at(path, field), `must be a non-negative number of seconds (found ${parsed[field]})`);
    }
  }
  if (parsed.disableScaleIn && parsed.lowAlarm !== undefined) {
    issues.error(at(path, 'lowAlarm'), 'has no effect: with disableScaleIn the policy gets no low alarm');
  }
  const policy = toPolicy(parsed);
  for (const role of ['high', 'low'] as const) {
    if (role === 'low' && parsed.disableScaleIn) continue;
    if ((role === 'high' ? parsed.highAlarm : parsed.lowAlarm) !== undefined) {
      checkAlarmEvaluation(trackingAlarmEvaluation(policy, role), at(path, `${role}Alarm`), issues);
    }
    if (target === undefined) continue;
    const name = trackingAlarmName(target, parsed.policyName, role);
    if (name.length > ALARM_NAME_LIMIT) {
      issues.error(
        at(path, 'policyName'),
        `makes the ${role} alarm's name ${name.length} characters long; CloudWatch allows ${ALARM_NAME_LIMIT} (shorten the policy name by ${name.length - ALARM_NAME_LIMIT})`,
      );
    }
  }
}

/** Parses and checks one target tracking policy at `path`; undefined when it cannot be used. */
export function validateTrackingPolicy(
  raw: unknown,
  target: ParsedTarget | undefined,
  path: string,
  issues: IssueCollector,
): TargetTrackingPolicy | undefined {
  const parsed = parseLevel(targetTrackingPolicySchema, raw, path, issues);
  if (parsed === undefined) return undefined;
  const before = issues.errors.length;
  checkPolicy(parsed, target, path, issues);
  return issues.errors.length > before ? undefined : toPolicy(parsed);
}
