/**
 * What one target tracking alarm evaluation asks for (scaling-semantics.md, "Target tracking
 * policy"). New capacity = ceil(C × metric / targetValue) from the current DesiredInstanceCount C
 * (ours), clamped to the bounds in force; the high alarm only ever raises capacity and the low one
 * only ever lowers it. Cooldowns follow the step policies' rules: inside its own scale-out
 * cooldown a policy measures from the capacity before the initiating scale-out and adds only past
 * what the cooldown already targets; scale-in waits for every running cooldown of the target.
 */
import { scaleInBlocker, unchangedCapacity } from '../apply-step.ts';
import {
  type AlarmEvidence,
  actionBetween,
  type Candidate,
  type DecisionContext,
  isoTime,
  notScaled,
  numberText,
} from '../decision.ts';
import type { AlarmTrigger, TargetConfig, TargetTrackingPolicy } from '../model.ts';
import { withChanges } from '../objects.ts';
import { dynamicBounds } from '../predictive/floor.ts';
import { effectiveSuspension, runningCooldowns, type TargetState } from '../state.ts';
import { clampCapacity } from '../step-math.ts';
import { PREDEFINED_METRICS, type TrackingAlarmRole, trackingAlarmName } from './alarms.ts';

/** A value this close to a whole number counts as it: 10 × 0.49 / 0.7 is 7, not 8. */
const WHOLE_NUMBER_TOLERANCE = 1e-9;

/** ceil(capacity × metric / targetValue), with the whole-number tolerance. */
export function trackingCapacity(capacity: number, metric: number, targetValue: number): number {
  const exact = (capacity * metric) / targetValue;
  const nearest = Math.round(exact);
  return Math.abs(exact - nearest) <= WHOLE_NUMBER_TOLERANCE ? nearest : Math.ceil(exact);
}

/** The metric's name as a reason writes it. */
export function trackedMetricName(policy: TargetTrackingPolicy): string {
  const spec = policy.metric;
  if (spec.kind === 'predefined') return PREDEFINED_METRICS[spec.predefinedMetricType].metricName;
  return spec.kind === 'customized' ? spec.metricName : 'the metric-math series';
}

function causeOf(trigger: AlarmTrigger, policy: TargetTrackingPolicy): string {
  const verb = trigger.state === 'ALARM' ? 'triggered' : 'did not trigger';
  return `alarm ${trigger.alarmName} in state ${trigger.state} ${verb} target tracking policy ${policy.policyName}`;
}

type Base = Omit<Candidate, 'action' | 'toCapacity' | 'reason'> & { alarm: AlarmEvidence };

/** One target tracking policy's answer to one evaluation of its high or low alarm. */
export function evaluateTracking(
  target: TargetConfig,
  state: TargetState,
  match: { policy: TargetTrackingPolicy; role: TrackingAlarmRole },
  trigger: AlarmTrigger,
  context: DecisionContext,
): Candidate {
  const { policy } = match;
  const base: Base = {
    fromCapacity: context.currentCapacity,
    cause: causeOf(trigger, policy),
    policyName: policy.policyName,
    alarm: {
      alarmName: trigger.alarmName,
      policyName: policy.policyName,
      policyType: 'TargetTracking',
      metricName: trackedMetricName(policy),
      targetValue: policy.targetValue,
    },
  };
  if (trigger.state !== 'ALARM') {
    // INSUFFICIENT_DATA and OK never scale.
    return notScaled(
      base,
      `target tracking acts only while its alarm is in ALARM; the alarm is ${trigger.state}`,
      'AlarmNotInAlarm',
    );
  }
  const metric = trigger.latestDatapoint ?? trigger.datapoints.at(-1);
  if (metric === undefined) {
    return notScaled(base, 'the alarm carries no recent datapoint to measure', 'MissingMetricData');
  }
  base.alarm.metricValue = metric;
  return match.role === 'high'
    ? scaleOut(target, state, policy, metric, base, context)
    : scaleIn(target, state, policy, metric, base, context);
}

/** `InvocationsPerInstance 1500 against target 1000 at 4 instances: ceil(4 x 1.5) = 6`. */
function formula(base: Base, metric: number, from: number, requested: number): string {
  const { metricName, targetValue = 1 } = base.alarm;
  return `${metricName} ${numberText(metric)} against target ${numberText(targetValue)} at ${from} instances: ceil(${from} x ${numberText(metric / targetValue)}) = ${requested}`;
}

function scaleOut(
  target: TargetConfig,
  state: TargetState,
  policy: TargetTrackingPolicy,
  metric: number,
  base: Base,
  context: DecisionContext,
): Candidate {
  const { now, currentCapacity: current } = context;
  if (effectiveSuspension(target, state).dynamicScalingOutSuspended) {
    return notScaled(base, 'dynamic scale-out is suspended', 'ScalingSuspended');
  }
  const own = runningCooldowns(state, now).find(
    (window) => window.policyName === policy.policyName && window.direction === 'out',
  );
  // Inside its own scale-out cooldown the policy measures from the capacity before the
  // initiating scale-out: the capacity already added counts toward the next one.
  const from = own ? own.baselineCapacity : current;
  const requested = trackingCapacity(from, metric, policy.targetValue);
  const evidence = base.alarm;
  evidence.measuredFrom = from;
  evidence.requestedCapacity = requested;
  const measured = formula(base, metric, from, requested);
  if (own) {
    evidence.cooldownEndsAt = own.endsAt;
    if (requested <= own.targetCapacity) {
      return notScaled(
        base,
        `${measured}, but the scale-out cooldown of ${policy.policyName} runs until ${isoTime(own.endsAt)} and already targets ${own.targetCapacity}`,
        'CooldownInEffect',
      );
    }
  }
  const bounds = dynamicBounds(state.bounds, context.floor);
  const desired = clampCapacity(Math.max(requested, current), bounds);
  // The high alarm only ever raises capacity.
  if (desired <= current) return unchangedCapacity(base, measured, requested, current, bounds);
  return withChanges(base, {
    action: actionBetween(current, desired),
    toCapacity: desired,
    reason: `${measured}: ${current} -> ${desired}${desired === requested ? '' : ', clamped to the bounds in force'}`,
    cooldownEffect: own
      ? { kind: 'raise' as const, policyName: policy.policyName, targetCapacity: requested }
      : {
          kind: 'start' as const,
          policyName: policy.policyName,
          direction: 'out' as const,
          seconds: policy.scaleOutCooldown,
          baselineCapacity: current,
          targetCapacity: requested,
        },
  });
}

function scaleIn(
  target: TargetConfig,
  state: TargetState,
  policy: TargetTrackingPolicy,
  metric: number,
  base: Base,
  context: DecisionContext,
): Candidate {
  const { now, currentCapacity: current } = context;
  if (effectiveSuspension(target, state).dynamicScalingInSuspended) {
    return notScaled(base, 'dynamic scale-in is suspended', 'ScalingSuspended');
  }
  const own = trackingCapacity(current, metric, policy.targetValue);
  const measured = formula(base, metric, current, own);
  let requested = own;
  // Several tracking policies scale in only when every one with scale-in enabled has its low alarm
  // in ALARM (as last seen), to the largest capacity any of them asks for.
  for (const other of target.targetTrackingPolicies) {
    if (other === policy || other.disableScaleIn) continue;
    const seen = state.trackingLowAlarms?.[trackingAlarmName(target, other.policyName, 'low')];
    if (seen?.state !== 'ALARM' || seen.metric === undefined) {
      return notScaled(
        base,
        `${measured}, but the low alarm of target tracking policy ${other.policyName} is ${seen?.state ?? 'not seen yet'}: scale-in waits until every tracking policy asks for it`,
        'OtherPolicyNotInAlarm',
      );
    }
    requested = Math.max(requested, trackingCapacity(current, seen.metric, other.targetValue));
  }
  const evidence = base.alarm;
  evidence.measuredFrom = current;
  evidence.requestedCapacity = requested;
  const blocking = scaleInBlocker(runningCooldowns(state, now));
  if (blocking) {
    evidence.cooldownEndsAt = blocking.endsAt;
    return notScaled(
      base,
      `${measured}, but scale-in waits for the scale-${blocking.direction} cooldown of ${blocking.policyName} until ${isoTime(blocking.endsAt)}`,
      'CooldownInEffect',
    );
  }
  const bounds = dynamicBounds(state.bounds, context.floor);
  const desired = clampCapacity(Math.min(requested, current), bounds);
  // The low alarm only ever lowers capacity (and never below a predictive floor).
  if (desired >= current) return unchangedCapacity(base, measured, requested, current, bounds);
  const others = requested === own ? '' : `; the largest any tracking policy asks is ${requested}`;
  return withChanges(base, {
    action: actionBetween(current, desired),
    toCapacity: desired,
    reason: `${measured}${others}: ${current} -> ${desired}${desired === requested ? '' : ', clamped to the bounds in force'}`,
    cooldownEffect: {
      kind: 'start' as const,
      policyName: policy.policyName,
      direction: 'in' as const,
      seconds: policy.scaleInCooldown,
      baselineCapacity: current,
      targetCapacity: requested,
    },
  });
}
