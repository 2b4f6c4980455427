import type { AlarmEvidence } from '../../domain/decision.ts';
import type { StepAdjustment, StepPolicy } from '../../domain/model.ts';
import { describeStepInterval } from '../../domain/state.ts';
import type { ActivityRecord } from '../../ports/activity.ts';
import { clockTime, formatNumber } from './clock-text.ts';
import { change, outcomeText, type SentenceContext, suspendedText } from './why-outcome.ts';
import { trackingSentence } from './why-tracking.ts';

/** The one-sentence account of what the scaler saw and decided in one activity. */
export function sentenceFor(record: ActivityRecord, context: SentenceContext): string {
  const time = clockTime(record.startTime, context.day);
  const evidence = record.alarm;
  if (evidence?.policyType === 'TargetTracking' && evidence.metricValue !== undefined) {
    return `${time} ${trackingSentence(record, evidence, context)}`;
  }
  if (evidence?.metricValue !== undefined && evidence.threshold !== undefined) {
    return `${time} ${alarmSentence(record, evidence, context)}`;
  }
  return `${time} ${plainSentence(record, context)}`;
}

function policyOf(context: SentenceContext, name: string | undefined): StepPolicy | undefined {
  return context.target.stepPolicies.find((policy) => policy.policyName === name);
}

/**
 * Whether the alarm's step pushed capacity up: a positive change, or an exact capacity above
 * the count it started from. (The requested capacity alone cannot say: inside a cooldown it may
 * equal the current count.)
 */
export function stepPushesOut(record: ActivityRecord, policy: StepPolicy | undefined): boolean {
  const step = record.alarm?.step;
  if (!step) return (record.alarm?.requestedCapacity ?? record.fromCapacity) > record.fromCapacity;
  return policy?.adjustmentType === 'ExactCapacity'
    ? step.scalingAdjustment > record.fromCapacity
    : step.scalingAdjustment > 0;
}

/** Steps below the threshold have lower bounds of at most 0: they are written `(lower, upper]`. */
function aboveThreshold(step: StepAdjustment): boolean {
  return (step.metricIntervalLowerBound ?? Number.NEGATIVE_INFINITY) >= 0;
}

/** `[0, 200) +1`, `[10, 20) +10 %`, `(-inf, 0] -1`, `[0, +inf) set 5`. */
export function stepText(step: StepAdjustment, policy: StepPolicy | undefined, delta?: number): string {
  const type = policy?.adjustmentType;
  const unit = type === 'PercentChangeInCapacity' ? ' %' : '';
  const sign = type !== 'ExactCapacity' && step.scalingAdjustment > 0 ? '+' : '';
  const verb = type === 'ExactCapacity' ? 'set ' : '';
  const above = delta === undefined ? aboveThreshold(step) : delta >= 0;
  return `${describeStepInterval(step, above)} ${verb}${sign}${step.scalingAdjustment}${unit}`;
}

function alarmSentence(record: ActivityRecord, evidence: AlarmEvidence, context: SentenceContext): string {
  const value = evidence.metricValue ?? 0;
  const threshold = evidence.threshold ?? 0;
  const delta = evidence.breachDelta ?? value - threshold;
  const still = record.eventId.startsWith('tick:') ? 'still ' : '';
  const seen = `alarm ${evidence.alarmName} was ${still}in ALARM with ${formatNumber(value)} against threshold ${formatNumber(threshold)} (delta ${formatNumber(delta)})`;
  const policy = policyOf(context, evidence.policyName);
  if (!evidence.step) {
    if (record.reasonCode === 'NoMatchingStep') return `${seen}; ${noMatchingStep(evidence, policy, delta)}`;
    return `${seen}; ${outcomeText(record)}.`;
  }
  const matched = `step ${stepText(evidence.step, policy, delta)} matched`;
  switch (record.reasonCode) {
    case 'CooldownInEffect':
      return `${seen}; ${matched}, but ${cooldownText(record, evidence, context)}.`;
    case 'ZeroStepAdjustment':
      return `${seen}; ${matched}, which asks for no change: not scaled.`;
    case 'ScalingSuspended':
      return `${seen}; ${matched}, but ${suspendedText(record)}: not scaled.`;
    case 'AlreadyAtMaxCapacity':
      return `${seen}; ${matched} and asked for ${evidence.requestedCapacity}, but ${record.fromCapacity} was already the max of the bounds in force: not scaled.`;
    case 'AlreadyAtMinCapacity':
      return `${seen}; ${matched} and asked for ${evidence.requestedCapacity}, but ${record.fromCapacity} was already the min of the bounds in force: not scaled.`;
    case 'AlreadyAtDesiredCapacity':
      return `${seen}; ${matched}, but capacity was already ${record.fromCapacity}: not scaled.`;
    default:
      return `${seen}; ${matched}: ${outcomeText(record)}.`;
  }
}

function noMatchingStep(evidence: AlarmEvidence, policy: StepPolicy | undefined, delta: number): string {
  const steps = policy?.stepAdjustments.map((step) => stepText(step, policy)).join(', ');
  const listed = steps ? ` (${steps})` : '';
  const covered = policy?.stepAdjustments ?? [];
  // In ALARM yet on the other side of the threshold: the alarm (M of N datapoints, its own
  // statistic) and the policy (aggregation of the recent datapoints) measured differently.
  const otherSide =
    covered.length > 0 &&
    (delta < 0
      ? covered.every((step) => (step.metricIntervalLowerBound ?? Number.NEGATIVE_INFINITY) >= 0)
      : covered.every((step) => (step.metricIntervalUpperBound ?? Number.POSITIVE_INFINITY) <= 0));
  const side = delta < 0 ? ['above', 'below'] : ['below', 'above'];
  const hint = otherSide
    ? ` The steps only cover deltas ${side[0]} the threshold, but the ${policy?.metricAggregationType ?? 'aggregate'} of the alarm's recent datapoints was ${side[1]} it although the alarm was in ALARM: the alarm (M out of N datapoints, its own statistic) and the policy (the aggregate of those datapoints) measured differently, or the alarm's comparison does not fit the policy.`
    : '';
  return `the delta falls in no step interval of policy ${evidence.policyName}${listed}: not scaled.${hint}`;
}

function cooldownText(record: ActivityRecord, evidence: AlarmEvidence, context: SentenceContext): string {
  const until =
    evidence.cooldownEndsAt === undefined
      ? ''
      : ` ran until ${clockTime(evidence.cooldownEndsAt, context.day)}`;
  const initiator = context.initiatorOf(record);
  const after = initiator
    ? ` after the ${initiator.action} at ${clockTime(initiator.startTime, context.day)} (${change(initiator)})`
    : '';
  if (stepPushesOut(record, policyOf(context, evidence.policyName))) {
    const asked =
      initiator === undefined && evidence.requestedCapacity !== undefined
        ? ` and already covered the ${evidence.requestedCapacity} this step asks for`
        : '';
    return `policy ${evidence.policyName}'s scale-out cooldown${until}${after}${asked}`;
  }
  const blocking = initiator?.policyName ?? /cooldown of (\S+) until/.exec(record.statusMessage)?.[1];
  const whose = blocking ? ` of policy ${blocking}` : '';
  return `scale-in waits while a cooldown runs: the cooldown${whose}${until}${after}`;
}

function plainSentence(record: ActivityRecord, context: SentenceContext): string {
  switch (record.reasonCode) {
    case 'ScalingPaused':
    case 'ScalingResumed':
    case 'ConfigurationChanged':
      return `${record.cause}: ${record.statusMessage}.`;
    case 'AlarmNotInAlarm':
      return `${record.cause}: policies act only while their alarm is in ALARM, so nothing was scaled.`;
    case 'MissingMetricData':
      return `${record.cause}, but the alarm carried no recent datapoints: not scaled (the scaler never acts on missing data).`;
    case 'StaleEvent':
    case 'DuplicateEvent':
      return `${record.cause}: ignored as ${record.reasonCode === 'StaleEvent' ? 'stale' : 'a duplicate'} (${record.statusMessage}).`;
    default:
      break;
  }
  if (record.scheduledActionName !== undefined) {
    return `${record.cause}: ${record.statusMessage} (${record.status}).`;
  }
  const alarm = record.alarm;
  if (alarm?.cooldownEndsAt !== undefined && record.reasonCode === 'CooldownInEffect') {
    return `${record.cause}, but ${cooldownText(record, alarm, context)}.`;
  }
  return `${record.cause}: ${outcomeText(record)}.`;
}
