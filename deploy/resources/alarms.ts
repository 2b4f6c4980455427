/**
 * The CloudWatch alarms scaling.yml asks the scaler to create (`alarm:` on a step policy). They
 * have no actions: their state changes reach `on-alarm` through EventBridge, and the tick
 * re-reads the ones still in ALARM.
 */

import { metricAlarmFields } from '../../shared/adapters/aws/metric-alarm-fields.ts';
import type { AlarmDefinition, ScalingConfig, StepPolicy, TargetConfig } from '../../shared/domain/model.ts';
import { type Json, logicalId, type Resources } from '../cfn.ts';

/** A policy whose alarm the scaler creates, with the target it belongs to. */
export interface DeclaredAlarm {
  target: TargetConfig;
  policy: StepPolicy;
  alarm: AlarmDefinition;
}

/** Every policy with an `alarm:` block, in file order. */
export function declaredAlarms(config: ScalingConfig): DeclaredAlarm[] {
  return config.targets.flatMap((target) =>
    target.stepPolicies.flatMap((policy) => (policy.alarm ? [{ target, policy, alarm: policy.alarm }] : [])),
  );
}

/** Every alarm name a policy listens to, created by us or not, once each, in file order. */
export function managedAlarmNames(config: ScalingConfig): string[] {
  return [...new Set(config.targets.flatMap((target) => target.stepPolicies.map((p) => p.alarmName)))];
}

/** The logical id of a created alarm. */
export function scalingAlarmId(alarmName: string): string {
  return logicalId('ScalingAlarm', alarmName);
}

/**
 * One AWS::CloudWatch::Alarm per declared alarm, on the variant's metric, carrying `tags` (the
 * deployment's ownership tag, by which the tick's role may describe it: deploy/ownership.ts).
 */
export function scalingAlarmResources(config: ScalingConfig, stage: string, tags: Json[] = []): Resources {
  const resources: Resources = {};
  for (const { target, policy, alarm } of declaredAlarms(config)) {
    resources[scalingAlarmId(policy.alarmName)] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: policy.alarmName,
        AlarmDescription:
          `Drives step policy ${policy.policyName} of endpoint/${target.endpointName}/variant/` +
          `${target.variantName} (sagemaker-scaler, stage ${stage}). No actions: EventBridge carries its state changes.`,
        ...metricAlarmFields(alarm, target),
        ...(tags.length > 0 ? { Tags: tags } : {}),
      },
    };
  }
  return resources;
}
