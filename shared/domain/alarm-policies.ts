/**
 * Which policy an alarm drives. The alarm's name is the only link from an alarm event to a policy:
 * a step policy names its alarm in scaling.yml; a target tracking policy owns the two alarms named
 * after it (`target-tracking/alarms.ts`).
 */
import type { StepPolicy, TargetConfig, TargetTrackingPolicy } from './model.ts';
import { type TrackingAlarmRole, trackingAlarms } from './target-tracking/alarms.ts';

/** The policy behind one alarm of a target. */
export type AlarmPolicy =
  | { kind: 'step'; policy: StepPolicy }
  | { kind: 'tracking'; policy: TargetTrackingPolicy; role: TrackingAlarmRole };

/**
 * Built once per target configuration (configurations are never changed in place): the tick
 * and the simulator ask for it every minute.
 */
const lookups = new WeakMap<TargetConfig, Map<string, AlarmPolicy>>();

function lookupOf(target: TargetConfig): Map<string, AlarmPolicy> {
  let lookup = lookups.get(target);
  if (lookup === undefined) {
    lookup = new Map();
    for (const policy of target.stepPolicies) {
      if (!lookup.has(policy.alarmName)) lookup.set(policy.alarmName, { kind: 'step', policy });
    }
    for (const policy of target.targetTrackingPolicies) {
      for (const alarm of trackingAlarms(target, policy)) {
        lookup.set(alarm.alarmName, { kind: 'tracking', policy, role: alarm.role });
      }
    }
    lookups.set(target, lookup);
  }
  return lookup;
}

/** The policy of `target` that `alarmName` drives, if any. */
export function alarmPolicyOf(target: TargetConfig, alarmName: string): AlarmPolicy | undefined {
  return lookupOf(target).get(alarmName);
}

const alarmNames = new WeakMap<TargetConfig, readonly string[]>();

/**
 * Every alarm whose state drives a policy of the target: step policies' and tracking alarms, in
 * policy order. The same array each time (built once per target, like the lookup).
 */
export function policyAlarmNames(target: TargetConfig): readonly string[] {
  let names = alarmNames.get(target);
  if (names === undefined) {
    names = Object.freeze([...lookupOf(target).keys()]);
    alarmNames.set(target, names);
  }
  return names;
}

/**
 * A short name for an alarm where the target is already known (a timeline, a chart legend): a
 * tracking alarm as `<policyName> (tracking high)`, a step policy's alarm without the endpoint's
 * name in front when it starts with it (`fraud-detector-invocations-high` is `invocations-high`).
 */
export function alarmLabel(target: TargetConfig, alarmName: string): string {
  const match = alarmPolicyOf(target, alarmName);
  if (match?.kind === 'tracking') return `${match.policy.policyName} (tracking ${match.role})`;
  const prefix = `${target.endpointName}-`;
  return alarmName.startsWith(prefix) && alarmName.length > prefix.length
    ? alarmName.slice(prefix.length)
    : alarmName;
}
