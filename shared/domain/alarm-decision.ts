import { type AlarmPolicy, alarmPolicyOf, policyAlarmNames } from './alarm-policies.ts';
import { applyStep } from './apply-step.ts';
import {
  type AlarmEvidence,
  type Candidate,
  type Decision,
  type DecisionContext,
  isoTime,
  notScaled,
  numberText,
} from './decision.ts';
import type { AlarmTrigger, StepAdjustment, StepPolicy, TargetConfig } from './model.ts';
import { withChanges } from './objects.ts';
import { pickWinner } from './pick-winner.ts';
import { describeStepInterval, type TargetState } from './state.ts';
import { aggregateDatapoints, findStep } from './step-math.ts';
import { evaluateTracking } from './target-tracking/decision.ts';

/**
 * Decides what one or more alarm evaluations of one target ask for. An alarm event brings one
 * trigger; the tick brings every managed alarm still in ALARM, and then, as in AAS, the policy
 * giving the largest capacity wins, for scale-out and scale-in alike, whatever its type.
 *
 * First every trigger is remembered (its state timestamp, and a tracking low alarm's state),
 * then each is judged on that state: several tracking policies scale in only together, so each
 * must see what the others' alarms show in the same evaluation.
 */
export function decideOnAlarms(
  target: TargetConfig,
  state: TargetState,
  triggers: readonly AlarmTrigger[],
  context: DecisionContext,
): Decision {
  let next = state;
  const fresh: { trigger: AlarmTrigger; match: AlarmPolicy }[] = [];
  const candidates: Candidate[] = [];
  for (const trigger of inPolicyOrder(target, triggers)) {
    const match = alarmPolicyOf(target, trigger.alarmName);
    const seen = next.alarmTimestamps[trigger.alarmName];
    if (!match) {
      candidates.push(unknownAlarm(trigger, context));
    } else if (seen !== undefined && trigger.stateTimestamp < seen) {
      // Delivery is unordered: a state older than one already seen must not act.
      candidates.push(staleAlarm(trigger, match.policy.policyName, seen, context));
    } else {
      // A re-evaluation carries the timestamp already seen: nothing new to remember for it.
      if (seen !== trigger.stateTimestamp) {
        next = withChanges(next, {
          alarmTimestamps: withChanges(next.alarmTimestamps, { [trigger.alarmName]: trigger.stateTimestamp }),
        });
      }
      if (match.kind === 'tracking' && match.role === 'low') next = rememberLowAlarm(next, trigger);
      fresh.push({ trigger, match });
    }
  }
  for (const { trigger, match } of fresh) {
    candidates.push(
      match.kind === 'step'
        ? evaluatePolicy(target, next, match.policy, trigger, context)
        : evaluateTracking(target, next, match, trigger, context),
    );
  }
  return withChanges(pickWinner(candidates, context), { state: next });
}

/**
 * The triggers in the order of the target's policies (step policies, then target tracking, each
 * as scaling.yml lists them), whatever order the alarm reader returned them in: among policies
 * asking the same capacity, the first one wins, and its cooldown is the one that starts.
 */
function inPolicyOrder(target: TargetConfig, triggers: readonly AlarmTrigger[]): readonly AlarmTrigger[] {
  if (triggers.length < 2) return triggers;
  const order = policyAlarmNames(target);
  const rank = (trigger: AlarmTrigger) => {
    const index = order.indexOf(trigger.alarmName);
    return index < 0 ? order.length : index;
  };
  return [...triggers].sort((a, b) => rank(a) - rank(b));
}

/** A tracking low alarm as last seen: its state and latest datapoint. */
function rememberLowAlarm(state: TargetState, trigger: AlarmTrigger): TargetState {
  const metric =
    trigger.state === 'ALARM' ? (trigger.latestDatapoint ?? trigger.datapoints.at(-1)) : undefined;
  return withChanges(state, {
    trackingLowAlarms: withChanges(state.trackingLowAlarms ?? {}, {
      [trigger.alarmName]: { state: trigger.state, metric },
    }),
  });
}

function unknownAlarm(trigger: AlarmTrigger, context: DecisionContext): Candidate {
  return notScaled(
    { fromCapacity: context.currentCapacity, cause: `alarm ${trigger.alarmName} in state ${trigger.state}` },
    `no policy of this target is driven by alarm ${trigger.alarmName}`,
    'UnknownAlarm',
  );
}

function staleAlarm(
  trigger: AlarmTrigger,
  policyName: string,
  seen: number,
  context: DecisionContext,
): Candidate {
  return notScaled(
    {
      fromCapacity: context.currentCapacity,
      cause: `alarm ${trigger.alarmName} in state ${trigger.state}`,
      policyName,
      alarm: { alarmName: trigger.alarmName, policyName },
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
