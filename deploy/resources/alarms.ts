/**
 * The CloudWatch alarms scaling.yml asks the scaler to create (`alarm:` on a step policy, and the
 * two alarms of each target tracking policy). They have no actions: their state changes reach `on-alarm` through EventBridge, and the tick
 * re-reads the ones still in ALARM.
 */

import { metricAlarmFields, trackingAlarmFields } from '../../shared/adapters/aws/metric-alarm-fields.ts';
import { policyAlarmNames } from '../../shared/domain/alarm-policies.ts';
import {
  type AlarmDefinition,
  type ScalingConfig,
  type StepPolicy,
  type TargetConfig,
  targetKey,
} from '../../shared/domain/model.ts';
import { targetTrackingAlarms } from '../../shared/domain/target-tracking/alarms.ts';
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
  return [...new Set(config.targets.flatMap(policyAlarmNames))];
}

/** The logical id of a created alarm. */
export function scalingAlarmId(alarmName: string): string {
  return logicalId('ScalingAlarm', alarmName);
}

/**
 * One AWS::CloudWatch::Alarm per declared alarm, on the variant's metric, and the high and low
 * alarms of every target tracking policy, each carrying `tags` (the deployment's ownership tag, by
 * which the tick's role may describe it: deploy/ownership.ts).
 */
export function scalingAlarmResources(config: ScalingConfig, stage: string, tags: Json[] = []): Resources {
  const tagged: Record<string, Json> = tags.length > 0 ? { Tags: tags } : {};
  const resources: Resources = {};
  for (const target of config.targets) {
    for (const alarm of targetTrackingAlarms(target)) {
      resources[scalingAlarmId(alarm.alarmName)] = {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          AlarmName: alarm.alarmName,
          AlarmDescription:
            `The ${alarm.role} alarm of target tracking policy ${alarm.policyName} of ${targetKey(target)} ` +
            `(sagemaker-scaler, stage ${stage}). No actions: EventBridge carries its state changes.`,
          ...trackingAlarmFields(alarm),
          ...tagged,
        },
      };
    }
  }
  for (const { target, policy, alarm } of declaredAlarms(config)) {
    resources[scalingAlarmId(policy.alarmName)] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: policy.alarmName,
        AlarmDescription:
          `Drives step policy ${policy.policyName} of endpoint/${target.endpointName}/variant/` +
          `${target.variantName} (sagemaker-scaler, stage ${stage}). No actions: EventBridge carries its state changes.`,
        ...metricAlarmFields(alarm, target),
        ...tagged,
      },
    };
  }
  return resources;
}
