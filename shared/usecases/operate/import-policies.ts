import type { ScalingPolicy, StepScalingPolicyConfiguration } from '@aws-sdk/client-application-auto-scaling';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { adoptAlarm } from './import-alarms.ts';
import { convertTrackingPolicy } from './import-tracking.ts';
import type {
  ImportNote,
  NativeRemoval,
  PolicyDocument,
  StepDocument,
  TrackingDocument,
} from './import-types.ts';

/** What the policies of one variant became. */
export interface ConvertedPolicies {
  policies: PolicyDocument[];
  tracking: TrackingDocument[];
  /** A comment to write above the policy at that index. */
  comments: Map<number, string>;
  notes: ImportNote[];
  removals: NativeRemoval[];
}

/** Shared across the variants of one import. */
export interface PolicyImportContext {
  endpointName: string;
  variantName: string;
  resourceId: string;
  alarms: ReadonlyMap<string, MetricAlarm>;
  adoptAlarms: boolean;
  /** Alarms an `alarm:` block already defines (scaling.yml defines each created alarm once). */
  defined: Set<string>;
}

function steps(config: StepScalingPolicyConfiguration): StepDocument[] {
  return (config.StepAdjustments ?? []).map((step) => ({
    ...(step.MetricIntervalLowerBound === undefined
      ? {}
      : { metricIntervalLowerBound: step.MetricIntervalLowerBound }),
    ...(step.MetricIntervalUpperBound === undefined
      ? {}
      : { metricIntervalUpperBound: step.MetricIntervalUpperBound }),
    scalingAdjustment: step.ScalingAdjustment ?? 0,
  }));
}

/** The policy's fields one to one; AAS defaults (Average, 300 s) are left out, as scaling.yml fills them the same. */
function body(config: StepScalingPolicyConfiguration): Omit<PolicyDocument, 'policyName' | 'alarmName'> {
  return {
    adjustmentType: config.AdjustmentType ?? 'ChangeInCapacity',
    ...(config.MetricAggregationType === undefined
      ? {}
      : { metricAggregationType: config.MetricAggregationType }),
    ...(config.Cooldown === undefined ? {} : { cooldown: config.Cooldown }),
    ...(config.MinAdjustmentMagnitude === undefined
      ? {}
      : { minAdjustmentMagnitude: config.MinAdjustmentMagnitude }),
    stepAdjustments: steps(config),
  };
}

/**
 * Step policies one to one. scaling.yml links exactly one alarm to one policy of a target, so a
 * policy several alarms invoke becomes one policy per alarm, and an alarm invoking several
 * policies keeps the first; the others get a copy of the alarm with `--adopt-alarms`, or stay
 * native. Target tracking policies one to one too (`import-tracking.ts`): the scaler creates
 * their alarms itself, with the evaluation of the native ones.
 */
export function convertPolicies(
  policies: readonly ScalingPolicy[],
  context: PolicyImportContext,
): ConvertedPolicies {
  const out: ConvertedPolicies = {
    policies: [],
    tracking: [],
    comments: new Map(),
    notes: [],
    removals: [],
  };
  const target = `${context.endpointName}/${context.variantName}`;
  const note = (kind: ImportNote['kind'], subject: string, message: string) =>
    out.notes.push({ target, kind, subject, message });
  const linked = new Map<string, string>();
  for (const policy of policies) {
    const name = policy.PolicyName ?? '';
    const config = policy.StepScalingPolicyConfiguration;
    if (policy.PolicyType === 'TargetTrackingScaling') {
      const own = (policy.Alarms ?? []).flatMap((alarm) => {
        const found = context.alarms.get(alarm.AlarmName ?? '');
        return found ? [found] : [];
      });
      const converted = convertTrackingPolicy(policy, own, context);
      if ('problem' in converted) {
        note('not-migrated', `policy ${name}`, `target tracking: ${converted.problem}`);
        continue;
      }
      out.tracking.push(converted.document);
      for (const tracked of converted.notes) note(tracked.kind, tracked.subject, tracked.message);
      out.removals.push({ kind: 'scaling-policy', resourceId: context.resourceId, name });
      continue;
    }
    if (policy.PolicyType !== 'StepScaling' || !config) {
      note(
        'not-migrated',
        `policy ${name}`,
        `policy type ${policy.PolicyType}: only step scaling is supported`,
      );
      continue;
    }
    const alarmNames = (policy.Alarms ?? []).map((alarm) => alarm.AlarmName ?? '').filter((n) => n !== '');
    if (alarmNames.length === 0) {
      note('not-migrated', `policy ${name}`, 'no alarm invokes it, so it never runs in AAS either');
      continue;
    }
    const first = out.policies.length;
    let migrated = 0;
    for (const [index, alarmName] of alarmNames.entries()) {
      const policyName = index === 0 ? name : `${name}-${alarmName}`;
      const adopted = context.adoptAlarms ? adoptAlarm(context.alarms.get(alarmName), context) : undefined;
      const owner = linked.get(alarmName);
      let linkedName = alarmName;
      if (owner !== undefined) {
        if (!adopted || !('alarm' in adopted)) {
          note(
            'not-migrated',
            `policy ${policyName}`,
            `alarm ${alarmName} already drives policy ${owner} of this target, and scaling.yml links an alarm to one policy of a target: create a second alarm with the same definition for it${context.adoptAlarms ? '' : ' (or rerun with --adopt-alarms)'}; until then it stays native and fights the scaler`,
          );
          continue;
        }
        linkedName = `${alarmName}-${policyName}`;
        out.comments.set(
          out.policies.length,
          `AAS: alarm ${alarmName} also invoked ${owner}; this policy gets its own copy of it, ${linkedName}, created at deploy.`,
        );
        note(
          'changed',
          `policy ${policyName}`,
          `alarm ${alarmName} drove both ${owner} and ${policyName}: ${policyName} now has its own copy, ${linkedName}; each is decided on its own event instead of together`,
        );
      }
      const document: PolicyDocument = { policyName, alarmName: linkedName, ...body(config) };
      if (adopted && 'alarm' in adopted && !context.defined.has(linkedName)) {
        document.alarm = adopted.alarm;
        context.defined.add(linkedName);
      } else if (adopted && 'problem' in adopted) {
        note(
          'kept',
          `alarm ${alarmName}`,
          `not adopted because ${adopted.problem}: it stays as it is, and the scaler reacts to it by name`,
        );
      }
      out.policies.push(reorder(document));
      linked.set(alarmName, policyName);
      migrated += 1;
    }
    if (alarmNames.length > 1 && migrated > 0) {
      const names = alarmNames.join(', ');
      out.comments.set(
        first,
        `AAS policy ${name} was invoked by ${alarmNames.length} alarms (${names}): one policy per alarm here, same steps. In AAS they shared one cooldown; here each has its own.`,
      );
      note(
        'changed',
        `policy ${name}`,
        `invoked by ${alarmNames.length} alarms (${names}); scaling.yml links one alarm per policy, so it became ${migrated} policies with the same steps. Difference: AAS ran them under one cooldown, here each has its own, so a scale-out by one does not hold back the other. To keep one cooldown, drive one policy from one alarm (e.g. metric math MAX of both)`,
      );
    }
    if (migrated > 0) out.removals.push({ kind: 'scaling-policy', resourceId: context.resourceId, name });
  }
  return out;
}

/** Keeps the written key order readable: names, alarm, then the policy's own fields. */
function reorder(document: PolicyDocument): PolicyDocument {
  const { policyName, alarmName, alarm, ...rest } = document;
  return { policyName, alarmName, ...(alarm ? { alarm } : {}), ...rest };
}
