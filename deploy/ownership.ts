/**
 * How a deployment recognizes what it manages without naming each resource in IAM: one tag key
 * per deployment (`<service>:<stage>`, e.g. `sagemaker-scaler:prod`) on the endpoints it may
 * read or resize and on the step-policy alarms it reads, and a name prefix for the alarms of its
 * own target-tracking policies. The roles then stay the same size for 1 or 1,000 targets.
 *
 * Condition keys, from the Service Authorization Reference: the SageMaker `endpoint` resource
 * type (DescribeEndpoint and UpdateEndpointWeightsAndCapacities act on it) takes
 * `aws:ResourceTag/${TagKey}` and `sagemaker:ResourceTag/${TagKey}`
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html);
 * the CloudWatch `alarm` resource type takes `aws:ResourceTag/${TagKey}` and DescribeAlarms is
 * among the actions it applies to, while GetMetricData has no resource type at all and needs
 * `*` (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html).
 *
 * Tag scoping is only as strong as control over the tag: anyone allowed `sagemaker:AddTags` (or
 * `cloudwatch:TagResource`) on a resource can bring it under this deployment (docs/deploy.md).
 */
import type { ScalingConfig } from '../shared/domain/model.ts';
import type { StackSettings } from './stack.ts';

/** Tag value of an endpoint the scaler may resize (some managed variant of it is `mode: active`). */
export const ENDPOINT_ACTIVE = 'active';
/** Tag value of an endpoint the scaler only reads (every managed variant of it is `mode: shadow`). */
export const ENDPOINT_SHADOW = 'shadow';
/** Tag value of an alarm a step policy listens to: the deployment sets it on the alarms it creates. */
export const ALARM_TAG_VALUE = 'alarm';

/**
 * Name prefix of the alarms the scaler's own target-tracking policies create. Never AAS's
 * `TargetTracking-`: a prefix grant must not reach the alarms native target tracking owns.
 */
export const TARGET_TRACKING_ALARM_PREFIX = 'ScalerTargetTracking-';

/** The deployment's tag key: `<service>:<stage>`. */
export function ownershipTagKey(settings: Pick<StackSettings, 'service' | 'stage'>): string {
  return `${settings.service}:${settings.stage}`;
}

/** What an endpoint of scaling.yml must be tagged with, by endpoint name as written in the file. */
export function endpointTagValues(config: ScalingConfig): Map<string, string> {
  const values = new Map<string, string>();
  for (const target of config.targets) {
    if (values.get(target.endpointName) === ENDPOINT_ACTIVE) continue;
    values.set(target.endpointName, target.mode === 'active' ? ENDPOINT_ACTIVE : ENDPOINT_SHADOW);
  }
  return values;
}
