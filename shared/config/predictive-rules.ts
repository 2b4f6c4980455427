/**
 * Rules of a predictive scaling policy (scaling-semantics.md, "Predictive scaling"), modelled on
 * EC2 Auto Scaling's `PredictiveScalingConfiguration`: a target value > 0, exactly one load
 * metric, a scheduling buffer under an hour, and a max-capacity buffer only with
 * IncreaseMaxCapacity (required there, 0 to 100).
 */
import type { PredictivePolicy } from '../domain/model.ts';
import { at, type IssueCollector } from './issues.ts';
import { type ParsedPredictivePolicy, predictivePolicySchema } from './schema.ts';
import { parseLevel } from './zod-issues.ts';

/** The predefined load metric of a SageMaker variant: its Invocations, summed per minute. */
const PREDEFINED_LOAD_METRICS = ['SageMakerVariantInvocations'];

/** EC2 Auto Scaling: SchedulingBufferTime is at most 3600 seconds; ours stays under an hour. */
const MAX_BUFFER_SECONDS = 3599;

function checkPolicy(parsed: ParsedPredictivePolicy, path: string, issues: IssueCollector): void {
  if (!(parsed.targetValue > 0) || !Number.isFinite(parsed.targetValue)) {
    issues.error(
      at(path, 'targetValue'),
      `must be the load per instance per minute, a finite number > 0 (found ${parsed.targetValue})`,
    );
  }
  const predefined = parsed.predefinedLoadMetricSpecification;
  const customized = parsed.customizedLoadMetricSpecification;
  if ((predefined === undefined) === (customized === undefined)) {
    issues.error(
      path,
      `needs exactly one load metric: predefinedLoadMetricSpecification or customizedLoadMetricSpecification (found ${predefined === undefined ? 'neither' : 'both'})`,
    );
  }
  if (predefined !== undefined && !PREDEFINED_LOAD_METRICS.includes(predefined.predefinedMetricType)) {
    issues.error(
      at(path, 'predefinedLoadMetricSpecification', 'predefinedMetricType'),
      `expected ${PREDEFINED_LOAD_METRICS.join(' or ')} (the variant's Invocations, Sum per minute), found '${predefined.predefinedMetricType}'`,
    );
  }
  const buffer = parsed.schedulingBufferTime;
  if (buffer < 0 || buffer > MAX_BUFFER_SECONDS) {
    issues.error(
      at(path, 'schedulingBufferTime'),
      `must be from 0 to ${MAX_BUFFER_SECONDS} seconds: capacity for an hour is put in place less than an hour ahead (found ${buffer})`,
    );
  }
  const maxBuffer = parsed.maxCapacityBuffer;
  if (parsed.maxCapacityBreachBehavior === 'IncreaseMaxCapacity') {
    if (maxBuffer === undefined) {
      issues.error(
        at(path, 'maxCapacityBuffer'),
        'is required with IncreaseMaxCapacity: the percent above the forecast capacity the max may be lifted to (0 to 100)',
      );
    } else if (maxBuffer < 0 || maxBuffer > 100) {
      issues.error(at(path, 'maxCapacityBuffer'), `must be a percent from 0 to 100 (found ${maxBuffer})`);
    }
  } else if (maxBuffer !== undefined) {
    issues.error(
      at(path, 'maxCapacityBuffer'),
      'applies only with maxCapacityBreachBehavior IncreaseMaxCapacity (HonorMaxCapacity never lifts the max)',
    );
  }
}

function toPolicy(parsed: ParsedPredictivePolicy): PredictivePolicy {
  const custom = parsed.customizedLoadMetricSpecification;
  return {
    policyName: parsed.policyName,
    targetValue: parsed.targetValue,
    loadMetric:
      custom === undefined
        ? { kind: 'predefined', predefinedMetricType: 'SageMakerVariantInvocations' }
        : {
            kind: 'customized',
            metricName: custom.metricName,
            namespace: custom.namespace,
            statistic: custom.statistic,
            dimensions:
              custom.dimensions === undefined
                ? undefined
                : Object.fromEntries(custom.dimensions.map((d) => [d.name, d.value])),
          },
    mode: parsed.mode,
    schedulingBufferTime: parsed.schedulingBufferTime,
    maxCapacityBreachBehavior: parsed.maxCapacityBreachBehavior,
    maxCapacityBuffer: parsed.maxCapacityBuffer,
  };
}

/** Parses and checks one predictive policy at `path`; undefined when it cannot be used. */
export function validatePredictivePolicy(
  raw: unknown,
  path: string,
  issues: IssueCollector,
): PredictivePolicy | undefined {
  const parsed = parseLevel(predictivePolicySchema, raw, path, issues);
  if (parsed === undefined) return undefined;
  const before = issues.errors.length;
  checkPolicy(parsed, path, issues);
  return issues.errors.length > before ? undefined : toPolicy(parsed);
}

/** At most one predictive policy of a target may scale (scaling-semantics.md). */
export function checkOneScaling(
  policies: readonly (PredictivePolicy | undefined)[],
  path: string,
  issues: IssueCollector,
): void {
  const scaling = policies
    .map((policy, index) => ({ policy, index }))
    .filter(({ policy }) => policy?.mode === 'ForecastAndScale');
  for (const { index } of scaling.slice(1)) {
    issues.error(
      at(path, 'predictivePolicies', index, 'mode'),
      `at most one predictive policy of a target may be ForecastAndScale; ${at(path, 'predictivePolicies', scaling[0]?.index ?? 0)} already is (make this one ForecastOnly)`,
    );
  }
}
