/**
 * Validates a parsed scaling.yml (any JSON-like value) into the domain's {@link ScalingConfig}.
 * Every target, policy and scheduled action is parsed on its own, so one broken entry never
 * hides the problems of the others: the user gets every error in one run.
 */
import type {
  AlarmDefinition,
  ScalingConfig,
  ScheduledAction,
  StepAdjustment,
  StepPolicy,
  TargetConfig,
} from '../domain/model.ts';
import { targetKey } from '../domain/model.ts';
import { TRACKING_ALARM_PREFIX } from '../domain/target-tracking/alarms.ts';
import { checkAlarm } from './alarm-rules.ts';
import { at, type ConfigIssue, IssueCollector, ROOT_PATH } from './issues.ts';
import { checkOneScaling, validatePredictivePolicy } from './predictive-rules.ts';
import { checkScheduledAction } from './schedule-rules.ts';
import {
  type ParsedAlarm,
  type ParsedStepPolicy,
  rootSchema,
  scheduledActionSchema,
  stepPolicySchema,
  targetSchema,
} from './schema.ts';
import { checkVariantsPerEndpoint } from './service-limits.ts';
import { checkStepPolicy } from './step-rules.ts';
import { checkTarget, checkUnique } from './target-rules.ts';
import { validateTrackingPolicy } from './target-tracking-rules.ts';
import { parseLevel } from './zod-issues.ts';

/** The outcome of {@link validateConfig}: the config and its warnings, or every issue found. */
export type ValidationResult =
  | { ok: true; config: ScalingConfig; warnings: ConfigIssue[] }
  | { ok: false; issues: ConfigIssue[] };

/** `value[key]` when it is a list, so lower levels are checked even when a sibling field is bad. */
function listAt(value: unknown, key: string): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  const list = (value as Record<string, unknown>)[key];
  return Array.isArray(list) ? list : [];
}

function toAlarm(alarm: ParsedAlarm): AlarmDefinition {
  // CloudWatch: DatapointsToAlarm defaults to EvaluationPeriods (an "N out of N" alarm).
  return { ...alarm, datapointsToAlarm: alarm.datapointsToAlarm ?? alarm.evaluationPeriods };
}

function toStep(step: ParsedStepPolicy['stepAdjustments'][number]): StepAdjustment {
  const result: StepAdjustment = { scalingAdjustment: step.scalingAdjustment };
  if (step.metricIntervalLowerBound !== undefined)
    result.metricIntervalLowerBound = step.metricIntervalLowerBound;
  if (step.metricIntervalUpperBound !== undefined)
    result.metricIntervalUpperBound = step.metricIntervalUpperBound;
  return result;
}

function toPolicy(policy: ParsedStepPolicy): StepPolicy {
  const { alarm, minAdjustmentMagnitude, stepAdjustments, ...rest } = policy;
  const result: StepPolicy = { ...rest, stepAdjustments: stepAdjustments.map(toStep) };
  if (alarm !== undefined) result.alarm = toAlarm(alarm);
  if (minAdjustmentMagnitude !== undefined) result.minAdjustmentMagnitude = minAdjustmentMagnitude;
  return result;
}

function validatePolicy(raw: unknown, path: string, issues: IssueCollector): StepPolicy | undefined {
  const policy = parseLevel(stepPolicySchema, raw, path, issues);
  if (policy === undefined) return undefined;
  if (policy.alarm !== undefined) checkAlarm(policy.alarm, at(path, 'alarm'), issues);
  checkStepPolicy(policy, path, issues);
  return toPolicy(policy);
}

function validateTarget(raw: unknown, path: string, issues: IssueCollector): TargetConfig | undefined {
  const header = parseLevel(targetSchema, raw, path, issues);
  if (header !== undefined) checkTarget(header, path, issues);
  const policies = listAt(raw, 'stepPolicies').map((item, j) =>
    validatePolicy(item, at(path, 'stepPolicies', j), issues),
  );
  const tracking = listAt(raw, 'targetTrackingPolicies').map((item, j) =>
    validateTrackingPolicy(item, header, at(path, 'targetTrackingPolicies', j), issues),
  );
  const predictive = listAt(raw, 'predictivePolicies').map((item, j) =>
    validatePredictivePolicy(item, at(path, 'predictivePolicies', j), issues),
  );
  checkOneScaling(predictive, path, issues);
  const actions = listAt(raw, 'scheduledActions').map((item, k) => {
    const actionPath = at(path, 'scheduledActions', k);
    const action = parseLevel(scheduledActionSchema, item, actionPath, issues);
    if (action !== undefined) checkScheduledAction(action, header, actionPath, issues);
    // The parsed action already is the domain type (instants converted by the schema).
    return action satisfies ScheduledAction | undefined;
  });
  // AAS keeps one policy per name on a scalable target, whatever its type.
  checkUnique(
    [
      ...policies.map((policy, j) => ({
        path: at(path, 'stepPolicies', j, 'policyName'),
        key: policy?.policyName,
      })),
      ...tracking.map((policy, j) => ({
        path: at(path, 'targetTrackingPolicies', j, 'policyName'),
        key: policy?.policyName,
      })),
      ...predictive.map((policy, j) => ({
        path: at(path, 'predictivePolicies', j, 'policyName'),
        key: policy?.policyName,
      })),
    ],
    (name, first) => `duplicates the policyName '${name}' of ${first}`,
    issues,
  );
  policies.forEach((policy, j) => {
    if (policy?.alarmName.startsWith(TRACKING_ALARM_PREFIX)) {
      issues.error(
        at(path, 'stepPolicies', j, 'alarmName'),
        `must not start with '${TRACKING_ALARM_PREFIX}': that prefix names the alarms the scaler creates for target tracking policies`,
      );
    }
  });
  checkUnique(
    policies.map((policy, j) => ({ path: at(path, 'stepPolicies', j, 'alarmName'), key: policy?.alarmName })),
    (name, first) =>
      `alarm '${name}' already drives ${first}: an alarm event is linked to exactly one policy of a target`,
    issues,
  );
  checkUnique(
    actions.map((action, k) => ({
      path: at(path, 'scheduledActions', k, 'scheduledActionName'),
      key: action?.scheduledActionName,
    })),
    (name, first) => `duplicates the scheduledActionName '${name}' of ${first}`,
    issues,
  );
  if (header === undefined) return undefined;
  const stepPolicies = policies.filter((policy) => policy !== undefined);
  const targetTrackingPolicies = tracking.filter((policy) => policy !== undefined);
  const predictivePolicies = predictive.filter((policy) => policy !== undefined);
  const scheduledActions = actions.filter((action) => action !== undefined);
  if (
    stepPolicies.length < policies.length ||
    targetTrackingPolicies.length < tracking.length ||
    predictivePolicies.length < predictive.length ||
    scheduledActions.length < actions.length
  ) {
    return undefined;
  }
  return { ...header, stepPolicies, targetTrackingPolicies, predictivePolicies, scheduledActions };
}

/** Uniqueness across targets: one target per variant, one definition per created alarm. */
function checkAcrossTargets(targets: readonly (TargetConfig | undefined)[], issues: IssueCollector): void {
  checkUnique(
    targets.map((target, i) => ({ path: at('targets', i), key: target && targetKey(target) })),
    (key, first) =>
      `duplicates ${first}: ${key} is configured twice (AAS keeps one scalable target per variant)`,
    issues,
  );
  const created = targets.flatMap((target, i) =>
    (target?.stepPolicies ?? []).map((policy, j) => ({
      path: at('targets', i, 'stepPolicies', j, 'alarm'),
      key: policy.alarm === undefined ? undefined : policy.alarmName,
    })),
  );
  checkUnique(
    created,
    (name, first) => `alarm '${name}' is already created by ${first}: define each created alarm once`,
    issues,
  );
}

/**
 * Checks a parsed scaling.yml against every static rule and fills AAS defaults.
 * Never throws: returns the config with its warnings, or every issue found.
 */
export function validateConfig(input: unknown): ValidationResult {
  const issues = new IssueCollector();
  if (input === null || input === undefined) {
    issues.error(ROOT_PATH, "expected a mapping with a 'targets' list, found an empty document");
    return { ok: false, issues: issues.errors };
  }
  parseLevel(rootSchema, input, ROOT_PATH, issues);
  // Even when the root has a problem (say an unknown top-level field), check the targets too.
  const raw = listAt(input, 'targets');
  const targets = raw.map((item, i) => validateTarget(item, at('targets', i), issues));
  checkAcrossTargets(targets, issues);
  checkVariantsPerEndpoint(targets, issues);
  if (raw.length === 0 && Array.isArray((input as { targets?: unknown }).targets)) {
    issues.error('targets', 'must list at least one target (found an empty list)');
  }
  if (issues.errors.length > 0) return { ok: false, issues: issues.errors };
  return { ok: true, config: { targets: targets.filter((t) => t !== undefined) }, warnings: issues.warnings };
}
