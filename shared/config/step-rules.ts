/**
 * Static rules of a step scaling policy, as AAS PutScalingPolicy enforces them
 * (StepAdjustment and StepScalingPolicyConfiguration), plus the coherence of the steps with
 * the alarm the scaler creates for them.
 */
import type { StepAdjustment } from '../domain/model.ts';
import { at, type IssueCollector } from './issues.ts';
import type { ParsedStepPolicy } from './schema.ts';

type Indexed = { step: StepAdjustment; index: number };

function show(value: number | undefined, infinity: '-∞' | '+∞'): string {
  return value === undefined ? infinity : String(value);
}

function range(step: StepAdjustment): string {
  return `${show(step.metricIntervalLowerBound, '-∞')} to ${show(step.metricIntervalUpperBound, '+∞')}`;
}

/** A fraction below 1 on a percent policy is almost always a ratio meant as a percentage. */
function integerHint(policy: ParsedStepPolicy, adjustment: number): string {
  if (policy.adjustmentType !== 'PercentChangeInCapacity') return ': capacity is counted in whole instances';
  if (Math.abs(adjustment) >= 1) return ': percent adjustments are whole numbers (20 means 20 %)';
  const percent = Math.round(adjustment * 100);
  return `: percent adjustments are whole numbers: write ${percent} for ${percent} %`;
}

/** Integer adjustments; ExactCapacity never negative; a step needs a bound and lower < upper. */
function checkEachStep(policy: ParsedStepPolicy, path: string, issues: IssueCollector): void {
  policy.stepAdjustments.forEach((step, index) => {
    const stepPath = at(path, 'stepAdjustments', index);
    const adjustment = step.scalingAdjustment;
    if (!Number.isInteger(adjustment)) {
      // AAS: scalingAdjustment is an integer, and for percent 20 means 20 %, never 0.2.
      issues.error(
        at(stepPath, 'scalingAdjustment'),
        `must be an integer (found ${adjustment})${integerHint(policy, adjustment)}`,
      );
    }
    if (policy.adjustmentType === 'ExactCapacity' && adjustment < 0) {
      issues.error(
        at(stepPath, 'scalingAdjustment'),
        `must be >= 0 with ExactCapacity, which sets the capacity itself (found ${adjustment})`,
      );
    }
    const lower = step.metricIntervalLowerBound;
    const upper = step.metricIntervalUpperBound;
    if (lower === undefined && upper === undefined) {
      issues.error(
        stepPath,
        'must set metricIntervalLowerBound, metricIntervalUpperBound or both (found neither): AAS never lets one step leave both out',
      );
    } else if (lower !== undefined && upper !== undefined && lower >= upper) {
      issues.error(
        at(stepPath, 'metricIntervalLowerBound'),
        `must be < metricIntervalUpperBound (found ${lower} >= ${upper})`,
      );
    }
  });
}

/** AAS: at most one open end on each side, and an open end wherever the steps cross zero outward. */
function checkOpenEnds(steps: readonly StepAdjustment[], path: string, issues: IssueCollector): void {
  const sides = [
    { field: 'metricIntervalLowerBound', infinity: 'minus', outward: (b: number) => b < 0, sign: 'negative' },
    { field: 'metricIntervalUpperBound', infinity: 'plus', outward: (b: number) => b > 0, sign: 'positive' },
  ] as const;
  for (const side of sides) {
    const open = steps.flatMap((step, index) => (step[side.field] === undefined ? [index] : []));
    for (const index of open.slice(1)) {
      issues.error(
        at(path, 'stepAdjustments', index, side.field),
        `may be left out (${side.infinity} infinity) on one step only (found also on stepAdjustments[${open[0]}])`,
      );
    }
    const outward = steps.findIndex((step) => {
      const bound = step[side.field];
      return bound !== undefined && side.outward(bound);
    });
    if (open.length === 0 && outward >= 0) {
      issues.error(
        at(path, 'stepAdjustments', outward, side.field),
        `is ${side.sign} (found ${steps[outward]?.[side.field]}), so one step must leave ${side.field} out (${side.infinity} infinity) (AAS rule)`,
      );
    }
  }
}

function lowerOf(step: StepAdjustment): number {
  return step.metricIntervalLowerBound ?? Number.NEGATIVE_INFINITY;
}

function upperOf(step: StepAdjustment): number {
  return step.metricIntervalUpperBound ?? Number.POSITIVE_INFINITY;
}

function fmt(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+∞';
  if (value === Number.NEGATIVE_INFINITY) return '-∞';
  return String(value);
}

/**
 * The steps the contiguity check looks at, sorted by lower bound. Steps already refused for
 * their own bounds (both open, lower >= upper, a second open end) are left out: they would only
 * add confusing follow-on errors.
 */
function comparableSteps(steps: readonly StepAdjustment[]): Indexed[] {
  const firstOpenLower = steps.findIndex((step) => step.metricIntervalLowerBound === undefined);
  const firstOpenUpper = steps.findIndex((step) => step.metricIntervalUpperBound === undefined);
  return steps
    .map((step, index) => ({ step, index }))
    .filter(({ step, index }) => {
      const openLower = step.metricIntervalLowerBound === undefined;
      const openUpper = step.metricIntervalUpperBound === undefined;
      if (openLower && openUpper) return false;
      if ((openLower && index !== firstOpenLower) || (openUpper && index !== firstOpenUpper)) return false;
      return lowerOf(step) < upperOf(step);
    })
    .sort((a, b) => lowerOf(a.step) - lowerOf(b.step));
}

/** AAS: sorted by lower bound, adjacent steps must touch exactly: no overlap, no gap. */
function checkContiguous(steps: readonly StepAdjustment[], path: string, issues: IssueCollector): void {
  const sorted = comparableSteps(steps);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const next = sorted[i];
    if (previous === undefined || next === undefined) continue;
    const end = upperOf(previous.step);
    const start = lowerOf(next.step);
    const stepPath = at(path, 'stepAdjustments', next.index);
    const pair = `stepAdjustments[${previous.index}] (${range(previous.step)}) and this step (${range(next.step)})`;
    if (start < end) {
      const shared = `${fmt(start)} to ${fmt(Math.min(end, upperOf(next.step)))}`;
      issues.error(stepPath, `overlaps: ${pair} both cover ${shared}`);
    } else if (start > end) {
      issues.error(
        stepPath,
        `leaves a gap: ${pair} do not touch, so no step covers ${fmt(end)} to ${fmt(start)}`,
      );
    }
  }
}

/** AAS: minAdjustmentMagnitude is for PercentChangeInCapacity only, and a positive integer. */
function checkMagnitudeAndCooldown(policy: ParsedStepPolicy, path: string, issues: IssueCollector): void {
  const magnitude = policy.minAdjustmentMagnitude;
  if (magnitude !== undefined && policy.adjustmentType !== 'PercentChangeInCapacity') {
    issues.error(
      at(path, 'minAdjustmentMagnitude'),
      `applies to PercentChangeInCapacity only (found with ${policy.adjustmentType})`,
    );
  }
  if (magnitude !== undefined && magnitude < 1) {
    issues.error(at(path, 'minAdjustmentMagnitude'), `must be a positive integer (found ${magnitude})`);
  }
  if (policy.cooldown < 0) {
    issues.error(at(path, 'cooldown'), `must be a non-negative number of seconds (found ${policy.cooldown})`);
  }
}

/**
 * With a declared alarm, the sign of the breach delta is known: a GreaterThan* alarm in ALARM
 * means the metric is at or above the threshold, so a step lying entirely below zero can never
 * match (and the mirror for LessThan*). Such a step is almost always a sign mistake.
 */
function checkCoherence(policy: ParsedStepPolicy, path: string, issues: IssueCollector): void {
  const operator = policy.alarm?.comparisonOperator;
  if (operator === undefined) return;
  const strict = operator === 'GreaterThanThreshold' || operator === 'LessThanThreshold';
  const above = operator.startsWith('Greater');
  policy.stepAdjustments.forEach((step, index) => {
    const upper = step.metricIntervalUpperBound;
    const lower = step.metricIntervalLowerBound;
    const unreachable = above
      ? upper !== undefined && (upper < 0 || (strict && upper === 0))
      : lower !== undefined && (lower > 0 || (strict && lower === 0));
    if (!unreachable) return;
    const sign = above ? 'negative' : 'positive';
    const side = above ? 'below' : 'above';
    issues.error(
      at(path, 'stepAdjustments', index),
      `can never match: alarm '${policy.alarmName}' uses ${operator}, so the breach delta is never ${sign}, and this step (${range(step)}) lies entirely ${side} 0`,
    );
  });
}

/** Every static rule of one step scaling policy at `path`. */
export function checkStepPolicy(policy: ParsedStepPolicy, path: string, issues: IssueCollector): void {
  checkMagnitudeAndCooldown(policy, path, issues);
  if (policy.stepAdjustments.length === 0) {
    issues.error(at(path, 'stepAdjustments'), 'must hold at least one step (found an empty list)');
    return;
  }
  checkEachStep(policy, path, issues);
  checkOpenEnds(policy.stepAdjustments, path, issues);
  checkContiguous(policy.stepAdjustments, path, issues);
  checkCoherence(policy, path, issues);
}
