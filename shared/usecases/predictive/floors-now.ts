import { type TargetConfig, targetKey } from '../../domain/model.ts';
import { floorsAt, type PredictiveFloor } from '../../domain/predictive/floor.ts';
import type { ScalerPorts } from '../apply-intent.ts';

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
