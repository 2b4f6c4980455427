import {
  type AlarmEvidence,
  actionBetween,
  type Decision,
  isoTime,
  notScaled,
  numberText,
} from './decision.ts';
import type { AlarmTrigger, StepAdjustment, StepPolicy, TargetConfig } from './model.ts';
import { withChanges } from './objects.ts';
import {
  type CooldownEffect,
  type CooldownWindow,
  type Direction,
  describeStepInterval,
  effectiveSuspension,
  runningCooldowns,
  type TargetState,
} from './state.ts';
import { aggregateDatapoints, clampCapacity, findStep, stepTargetCapacity } from './step-math.ts';

/** The two inputs a decision takes from outside besides the trigger. */
export interface DecisionContext {
  /** Processing time (epoch ms): cooldowns and activity times are judged on it. */
  now: number;
  /** The variant's DesiredInstanceCount (not CurrentInstanceCount: they differ while Updating). */
  currentCapacity: number;
}

type Candidate = Omit<Decision, 'state'>;

/**
 * Decides what one or more alarm evaluations of one target ask for. An alarm event brings one
 * trigger; the tick brings every managed alarm still in ALARM, and then, as in AAS, the policy
 * giving the largest capacity wins, for scale-out and scale-in alike.
 */
export function decideOnAlarms(
  target: TargetConfig,
  state: TargetState,
  triggers: readonly AlarmTrigger[],
  context: DecisionContext,
): Decision {
  let next = state;
  const candidates: Candidate[] = [];
  for (const trigger of triggers) {
    const policy = target.stepPolicies.find((candidate) => candidate.alarmName === trigger.alarmName);
    const seen = next.alarmTimestamps[trigger.alarmName];
    if (!policy) {
      candidates.push(unknownAlarm(trigger, context));
    } else if (seen !== undefined && trigger.stateTimestamp < seen) {
      // Delivery is unordered: a state older than one already seen must not act.
      candidates.push(staleAlarm(trigger, policy, seen, context));
    } else if (seen !== trigger.stateTimestamp) {
      next = withChanges(next, {
        alarmTimestamps: withChanges(next.alarmTimestamps, { [trigger.alarmName]: trigger.stateTimestamp }),
      });
      candidates.push(evaluatePolicy(target, next, policy, trigger, context));
    } else {
      // A re-evaluation carries the timestamp already seen: nothing to remember.
      candidates.push(evaluatePolicy(target, next, policy, trigger, context));
    }
  }
  return withChanges(pickWinner(candidates, context), { state: next });
}

function unknownAlarm(trigger: AlarmTrigger, context: DecisionContext): Candidate {
  return notScaled(
    { fromCapacity: context.currentCapacity, cause: `alarm ${trigger.alarmName} in state ${trigger.state}` },
    `no step policy of this target is driven by alarm ${trigger.alarmName}`,
    'UnknownAlarm',
  );
}

function staleAlarm(
  trigger: AlarmTrigger,
  policy: StepPolicy,
  seen: number,
  context: DecisionContext,
): Candidate {
  return notScaled(
    {
      fromCapacity: context.currentCapacity,
      cause: causeOf(trigger, policy),
      policyName: policy.policyName,
      alarm: { alarmName: trigger.alarmName, policyName: policy.policyName },
    },
    `state timestamp ${isoTime(trigger.stateTimestamp)} is older than ${isoTime(seen)}, already seen for this alarm`,
    'StaleEvent',
  );
}

function causeOf(trigger: AlarmTrigger, policy: StepPolicy): string {
  const verb = trigger.state === 'ALARM' ? 'triggered' : 'did not trigger';
  return `alarm ${trigger.alarmName} in state ${trigger.state} ${verb} policy ${policy.policyName}`;
}

/** One policy's answer to one alarm evaluation. */
function evaluatePolicy(
  target: TargetConfig,
  state: TargetState,
  policy: StepPolicy,
  trigger: AlarmTrigger,
  context: DecisionContext,
): Candidate {
  const evidence: AlarmEvidence = { alarmName: trigger.alarmName, policyName: policy.policyName };
  const base = {
    fromCapacity: context.currentCapacity,
    cause: causeOf(trigger, policy),
    policyName: policy.policyName,
    alarm: evidence,
  };
  if (trigger.state !== 'ALARM') {
    // INSUFFICIENT_DATA and OK never scale: a missing metric must not scale in.
    return notScaled(
      base,
      `step policies act only in ALARM; the alarm is ${trigger.state}`,
      'AlarmNotInAlarm',
    );
  }
  evidence.metricValue = aggregateDatapoints(trigger.datapoints, policy.metricAggregationType);
  if (evidence.metricValue === undefined) {
    return notScaled(
      base,
      'the alarm carries no recent datapoints to measure the breach',
      'MissingMetricData',
    );
  }
  evidence.threshold = trigger.threshold ?? policy.alarm?.threshold;
  if (evidence.threshold === undefined) {
    return notScaled(base, 'neither the event nor scaling.yml gives the alarm threshold', 'MissingThreshold');
  }
  const delta = evidence.metricValue - evidence.threshold;
  evidence.breachDelta = delta;
  const step = findStep(policy.stepAdjustments, delta);
  const measured = `${policy.metricAggregationType} ${numberText(evidence.metricValue)} against threshold ${numberText(evidence.threshold)} (delta ${numberText(delta)})`;
  if (!step) {
    return notScaled(base, `${measured} falls in no step interval`, 'NoMatchingStep');
  }
  evidence.step = step;
  return applyStep(
    target,
    state,
    policy,
    step,
    `${measured} matched step ${stepText(step, policy, delta)}`,
    base,
    context,
  );
}

function stepText(step: StepAdjustment, policy: StepPolicy, delta: number): string {
  const unit = policy.adjustmentType === 'PercentChangeInCapacity' ? ' %' : '';
  const sign = policy.adjustmentType !== 'ExactCapacity' && step.scalingAdjustment > 0 ? '+' : '';
  const verb = policy.adjustmentType === 'ExactCapacity' ? 'set ' : '';
  return `${describeStepInterval(step, delta >= 0)} ${verb}${sign}${step.scalingAdjustment}${unit}`;
}

/** Direction the step pushes capacity, before bounds. */
function stepDirection(policy: StepPolicy, step: StepAdjustment, current: number): Direction | 'none' {
  const change =
    policy.adjustmentType === 'ExactCapacity' ? step.scalingAdjustment - current : step.scalingAdjustment;
  if (change > 0) return 'out';
  return change < 0 ? 'in' : 'none';
}

function applyStep(
  target: TargetConfig,
  state: TargetState,
  policy: StepPolicy,
  step: StepAdjustment,
  matched: string,
  base: Omit<Candidate, 'action' | 'toCapacity' | 'reason'>,
  context: DecisionContext,
): Candidate {
  const { now, currentCapacity: current } = context;
  const evidence = base.alarm as AlarmEvidence;
  if (policy.adjustmentType !== 'ExactCapacity' && step.scalingAdjustment === 0) {
    // A matched step of 0 still asks for something: the current capacity.
    evidence.requestedCapacity = current;
    return notScaled(base, `${matched}: no change asked`, 'ZeroStepAdjustment');
  }
  const direction = stepDirection(policy, step, current);
  const suspension = effectiveSuspension(target, state);
  if (
    (direction === 'out' && suspension.dynamicScalingOutSuspended) ||
    (direction === 'in' && suspension.dynamicScalingInSuspended)
  ) {
    return notScaled(base, `${matched}, but dynamic scale-${direction} is suspended`, 'ScalingSuspended');
  }
  const running = runningCooldowns(state, now);
  const ownScaleOut = running.find((w) => w.policyName === policy.policyName && w.direction === 'out');
  let requested = stepTargetCapacity(policy, step.scalingAdjustment, current);
  if (direction === 'out' && ownScaleOut) {
    // Inside its scale-out cooldown a policy adds only when a larger step fires, measured from
    // the capacity before the initiating activity; the capacity already added counts.
    requested = stepTargetCapacity(policy, step.scalingAdjustment, ownScaleOut.baselineCapacity);
    evidence.cooldownEndsAt = ownScaleOut.endsAt;
    if (requested <= ownScaleOut.targetCapacity) {
      evidence.requestedCapacity = requested;
      const reason = `${matched}, but the scale-out cooldown of ${policy.policyName} runs until ${isoTime(ownScaleOut.endsAt)} and already targets ${ownScaleOut.targetCapacity} (this step asks ${requested})`;
      return notScaled(base, reason, 'CooldownInEffect');
    }
  }
  if (direction === 'in') {
    const blocking = latestEnding(running);
    if (blocking) {
      evidence.cooldownEndsAt = blocking.endsAt;
      evidence.requestedCapacity = requested;
      const reason = `${matched}, but scale-in waits for the scale-${blocking.direction} cooldown of ${blocking.policyName} until ${isoTime(blocking.endsAt)}`;
      return notScaled(base, reason, 'CooldownInEffect');
    }
  }
  evidence.requestedCapacity = requested;
  // A scale-out step never lowers capacity and a scale-in step never raises it; the bounds in
  // force can still pull a variant that drifted outside them back in.
  const directed =
    direction === 'out'
      ? Math.max(requested, current)
      : direction === 'in'
        ? Math.min(requested, current)
        : requested;
  const desired = clampCapacity(directed, state.bounds);
  const bounds = `[${state.bounds.minCapacity}, ${state.bounds.maxCapacity}]`;
  if (desired === current) {
    if (requested > current && current >= state.bounds.maxCapacity) {
      return notScaled(
        base,
        `${matched}: asks ${requested}, already at max ${bounds}`,
        'AlreadyAtMaxCapacity',
      );
    }
    if (requested < current && current <= state.bounds.minCapacity) {
      return notScaled(
        base,
        `${matched}: asks ${requested}, already at min ${bounds}`,
        'AlreadyAtMinCapacity',
      );
    }
    return notScaled(base, `${matched}: capacity is already ${current}`, 'AlreadyAtDesiredCapacity');
  }
  const clamped = desired === requested ? '' : `, clamped to ${bounds}`;
  const action = actionBetween(current, desired);
  return withChanges(base, {
    action,
    toCapacity: desired,
    reason: `${matched}: ${current} -> ${desired}${clamped}`,
    cooldownEffect: cooldownEffectOf(
      policy,
      action === 'scale-out' ? 'out' : 'in',
      ownScaleOut,
      current,
      requested,
    ),
  });
}

function cooldownEffectOf(
  policy: StepPolicy,
  direction: Direction,
  ownScaleOut: CooldownWindow | undefined,
  current: number,
  requested: number,
): CooldownEffect {
  if (direction === 'out' && ownScaleOut) {
    return { kind: 'raise', policyName: policy.policyName, targetCapacity: requested };
  }
  return {
    kind: 'start',
    policyName: policy.policyName,
    direction,
    seconds: policy.cooldown,
    baselineCapacity: current,
    targetCapacity: requested,
  };
}

/**
 * Scale-in waits while any scale-in cooldown of the target runs, and also while any scale-out
 * cooldown runs (our rule where AWS is silent: scale in conservatively).
 */
function latestEnding(running: readonly CooldownWindow[]): CooldownWindow | undefined {
  let latest: CooldownWindow | undefined;
  for (const window of running) {
    if (!latest || window.endsAt > latest.endsAt) latest = window;
  }
  return latest;
}

/**
 * Largest capacity wins. Only policies that matched a step compete (their alarm was in ALARM
 * with data); one of them that asks for no change still outranks another's scale-in.
 */
function pickWinner(candidates: readonly Candidate[], context: DecisionContext): Candidate {
  const competing = candidates.filter((c) => c.alarm?.requestedCapacity !== undefined);
  const winner = competing.reduce<Candidate | undefined>(
    (best, candidate) => (best && best.toCapacity >= candidate.toCapacity ? best : candidate),
    undefined,
  );
  if (!winner) return candidates[0] ?? noTrigger(context);
  const overruled = competing.filter((c) => c !== winner && c.action !== 'none');
  if (overruled.length === 0) return winner;
  const names = overruled.map((c) => `${c.policyName} (${c.toCapacity})`).join(', ');
  return withChanges(winner, { reason: `${winner.reason}; the larger capacity wins over ${names}` });
}

function noTrigger(context: DecisionContext): Candidate {
  return notScaled(
    { fromCapacity: context.currentCapacity, cause: 'no alarm evaluation' },
    'no alarm was evaluated',
    'AlarmNotInAlarm',
  );
}
