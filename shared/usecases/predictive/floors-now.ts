import { type TargetConfig, targetKey } from '../../domain/model.ts';
import { floorsAt, type PredictiveFloor } from '../../domain/predictive/floor.ts';
import type { ScalerPorts } from '../apply-intent.ts';

/**
 * Whether {@link floorsNow} has anything to read for the target: a predictive policy, and a
 * deployment that stores forecasts. The decision paths skip the read (and its wait) otherwise:
 * every minute of a simulated month goes through one.
 */
export function readsFloors(ports: ScalerPorts, target: TargetConfig): boolean {
  return target.predictivePolicies.length > 0 && ports.forecasts !== undefined;
}

/** No predictive floor. */
export const NO_FLOORS: readonly PredictiveFloor[] = Object.freeze([]);

/**
 * The floors the target's predictive policies ask for at `now`, from their stored forecasts: one
 * read, and only for a target that has predictive policies and a deployment that stores forecasts.
 */
export async function floorsNow(
  ports: ScalerPorts,
  target: TargetConfig,
  now: number,
): Promise<PredictiveFloor[]> {
  if (target.predictivePolicies.length === 0 || ports.forecasts === undefined) return [];
  const names = target.predictivePolicies.map((policy) => policy.policyName);
  return floorsAt(target, await ports.forecasts.loadForecasts(targetKey(target), names), now);
}
