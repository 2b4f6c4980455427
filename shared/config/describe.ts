/** One-line summaries of a validated configuration, for CLI output and deploy logs. */
import type { ScalingConfig, TargetConfig } from '../domain/model.ts';
import { targetTrackingAlarms } from '../domain/target-tracking/alarms.ts';

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function describeTarget(target: TargetConfig): string {
  const parts = [
    `${target.endpointName}/${target.variantName} ${target.minCapacity}..${target.maxCapacity}`,
    count(target.stepPolicies.length, 'step policy', 'step policies'),
  ];
  if (target.targetTrackingPolicies.length > 0) {
    parts.push(
      count(target.targetTrackingPolicies.length, 'target tracking policy', 'target tracking policies'),
    );
  }
  if (target.predictivePolicies.length > 0) {
    parts.push(count(target.predictivePolicies.length, 'predictive policy', 'predictive policies'));
  }
  parts.push(count(target.scheduledActions.length, 'scheduled action'));
  if (target.mode === 'shadow') parts.push('shadow mode');
  return parts.join(', ');
}

/**
 * One line, e.g. `1 target (fraud-detector/AllTraffic 2..10, 2 step policies, 1 target tracking
 * policy, 2 scheduled actions), 4 alarms created at deploy`.
 */
export function describeConfig(config: ScalingConfig): string {
  const alarms = config.targets.reduce(
    (sum, target) =>
      sum +
      target.stepPolicies.filter((policy) => policy.alarm !== undefined).length +
      targetTrackingAlarms(target).length,
    0,
  );
  const targets = config.targets.map(describeTarget).join('; ');
  return `${count(config.targets.length, 'target')} (${targets}), ${count(alarms, 'alarm')} created at deploy`;
}
