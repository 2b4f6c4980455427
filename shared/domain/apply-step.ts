import {
  type AlarmEvidence,
  actionBetween,
  type Candidate,
  type DecisionContext,
  isoTime,
  notScaled,
} from './decision.ts';
import type { StepAdjustment, StepPolicy, TargetConfig } from './model.ts';
import { withChanges } from './objects.ts';
import { type DynamicBounds, dynamicBounds } from './predictive/floor.ts';
import {
  type CooldownEffect,
  type CooldownWindow,
  type Direction,
  effectiveSuspension,
  runningCooldowns,
  type TargetState,
} from './state.ts';
import { clampCapacity, stepTargetCapacity } from './step-math.ts';

/** Direction the step pushes capacity, before bounds. */
function stepDirection(policy: StepPolicy, step: StepAdjustment, current: number): Direction | 'none' {
  const change =
    policy.adjustmentType === 'ExactCapacity' ? step.scalingAdjustment - current : step.scalingAdjustment;
  if (change > 0) return 'out';
  return change < 0 ? 'in' : 'none';
}

/**
 * What a matched step does to one target now: suspension, cooldowns, bounds, and the cooldown
 * the change will start or raise once SageMaker accepts it.
 */
export function applyStep(
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
    const blocking = scaleInBlocker(running);
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
  const bounds = dynamicBounds(state.bounds, context.floor);
  const desired = clampCapacity(directed, bounds);
  if (desired === current) return unchangedCapacity(base, matched, requested, current, bounds);
  const clamped = desired === requested ? '' : `, clamped to ${boundsText(bounds)}`;
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

/** `[2, 10]`: the bounds in force, as reasons write them (`[46, 60] (predictive floor of p)`). */
export function boundsText(bounds: DynamicBounds): string {
  const floor = bounds.floorOf === undefined ? '' : ` (predictive floor of ${bounds.floorOf})`;
  return `[${bounds.minCapacity}, ${bounds.maxCapacity}]${floor}`;
}

/**
 * A policy asked for `requested` but capacity stays at `current`: at a bound in force, or
 * already there. `matched` says what the policy measured.
 */
export function unchangedCapacity<T extends { fromCapacity: number; cause: string }>(
  base: T,
  matched: string,
  requested: number,
  current: number,
  bounds: DynamicBounds,
) {
  if (requested > current && current >= bounds.maxCapacity) {
    return notScaled(
      base,
      `${matched}: asks ${requested}, already at max ${boundsText(bounds)}`,
      'AlreadyAtMaxCapacity',
    );
  }
  if (requested < current && current <= bounds.minCapacity) {
    return notScaled(
      base,
      `${matched}: asks ${requested}, already at min ${boundsText(bounds)}`,
      'AlreadyAtMinCapacity',
    );
  }
  return notScaled(base, `${matched}: capacity is already ${current}`, 'AlreadyAtDesiredCapacity');
}

/**
 * The cooldown a scale-in waits for: any scale-in cooldown of the target, and also any scale-out
 * cooldown (our rule where AWS is silent: scale in conservatively). The one ending last.
 */
export function scaleInBlocker(running: readonly CooldownWindow[]): CooldownWindow | undefined {
  let latest: CooldownWindow | undefined;
  for (const window of running) {
    if (!latest || window.endsAt > latest.endsAt) latest = window;
  }
  return latest;
}
