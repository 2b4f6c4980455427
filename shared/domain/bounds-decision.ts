import { actionBetween, type Decision, type DecisionContext } from './decision.ts';
import type { TargetConfig } from './model.ts';
import { dynamicBounds } from './predictive/floor.ts';
import { effectiveSuspension, type TargetState } from './state.ts';
import { clampCapacity } from './step-math.ts';

/**
 * A redeploy whose scaling.yml changed min/max resets the bounds in force to the file's values
 * (semantics: "say so in the activity history"); `note` says what changed, when anything did.
 */
export function reconcileConfigBounds(
  target: TargetConfig,
  state: TargetState,
  now: number,
): { state: TargetState; note?: string } {
  const file = { minCapacity: target.minCapacity, maxCapacity: target.maxCapacity };
  const known = state.configBounds;
  if (known.minCapacity === file.minCapacity && known.maxCapacity === file.maxCapacity) return { state };
  return {
    state: { ...state, configBounds: file, bounds: { ...file, setBy: { kind: 'config' }, since: now } },
    note: `scaling.yml bounds changed from [${known.minCapacity}, ${known.maxCapacity}] to [${file.minCapacity}, ${file.maxCapacity}]; the bounds in force were reset to them`,
  };
}

/**
 * Brings a variant that drifted outside the bounds in force back inside (a model deployment
 * through UpdateEndpoint can reset instance counts). Returns undefined when it is inside, or
 * when the direction it would move in is suspended.
 */
export function decideBoundsCorrection(
  target: TargetConfig,
  state: TargetState,
  context: DecisionContext,
): Decision | undefined {
  const current = context.currentCapacity;
  // Only a lifted max counts here: raising capacity to a predictive floor is its own decision.
  const lifted = dynamicBounds(state.bounds, context.floor).maxCapacity;
  const desired = clampCapacity(current, { minCapacity: state.bounds.minCapacity, maxCapacity: lifted });
  const action = actionBetween(current, desired);
  const suspension = effectiveSuspension(target, state);
  if (
    action === 'none' ||
    (action === 'scale-out' && suspension.dynamicScalingOutSuspended) ||
    (action === 'scale-in' && suspension.dynamicScalingInSuspended)
  ) {
    return undefined;
  }
  return {
    action,
    fromCapacity: current,
    toCapacity: desired,
    cause: 'capacity outside the bounds in force',
    reason: `desired count ${current} lies outside [${state.bounds.minCapacity}, ${lifted}]: ${current} -> ${desired}`,
    state,
  };
}
