import {
  type ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
} from '@aws-sdk/client-application-auto-scaling';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { allPages } from '../adapters/aws/all-pages.ts';
import { describeAlarmsNamed } from '../adapters/aws/describe-alarms.ts';
import type {
  NativeConfiguration,
  NativeConfigurationReader,
  NativeVariant,
} from '../usecases/operate/import-types.ts';

const TARGET = {
  ServiceNamespace: 'sagemaker',
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
} as const;

/** Nothing is registered with Application Auto Scaling for that endpoint (or variant). */
export class NotRegisteredError extends Error {
  override readonly name = 'NotRegisteredError';
}

/**
 * {@link NativeConfigurationReader} over Application Auto Scaling and CloudWatch: the variant's
 * scalable target (every variant of the endpoint when none is named), its policies and scheduled
 * actions, and the alarms its step and target tracking policies name. Every Describe call is read to its last page.
 */
export class AasNativeReader implements NativeConfigurationReader {
  constructor(
    private readonly aas: ApplicationAutoScalingClient,
    private readonly cloudwatch: CloudWatchClient,
  ) {}

  async read(endpointName: string, variantName?: string): Promise<NativeConfiguration> {
    const prefix = `endpoint/${endpointName}/variant/`;
    const resourceIds = variantName === undefined ? undefined : [`${prefix}${variantName}`];
    const targets = await allPages(async (NextToken) => {
      const page = await this.aas.send(
        new DescribeScalableTargetsCommand({ ...TARGET, ResourceIds: resourceIds, NextToken }),
      );
      return { items: page.ScalableTargets, nextToken: page.NextToken };
    });
    const mine = targets.filter(
      (t) => t.ResourceId?.startsWith(prefix) && t.ScalableDimension === TARGET.ScalableDimension,
    );
    if (mine.length === 0) {
      const what =
        variantName === undefined
          ? `endpoint ${endpointName}`
          : `variant ${variantName} of endpoint ${endpointName}`;
      throw new NotRegisteredError(
        `${what} is not registered with Application Auto Scaling: nothing to import`,
      );
    }
    const variants: NativeVariant[] = [];
    for (const target of mine) {
      const ResourceId = target.ResourceId ?? '';
      const policies = await allPages(async (NextToken) => {
        const page = await this.aas.send(
          new DescribeScalingPoliciesCommand({ ...TARGET, ResourceId, NextToken }),
        );
        return { items: page.ScalingPolicies, nextToken: page.NextToken };
      });
      const scheduledActions = await allPages(async (NextToken) => {
        const page = await this.aas.send(
          new DescribeScheduledActionsCommand({ ...TARGET, ResourceId, NextToken }),
        );
        return { items: page.ScheduledActions, nextToken: page.NextToken };
      });
      variants.push({ target, policies, scheduledActions });
    }
    // Step policies' alarms (to adopt) and target tracking's (to copy their evaluation).
    const alarmNames = variants.flatMap((v) =>
      v.policies
        .filter((p) => p.PolicyType === 'StepScaling' || p.PolicyType === 'TargetTrackingScaling')
        .flatMap((p) => (p.Alarms ?? []).map((a) => a.AlarmName ?? '')),
    );
    const named = alarmNames.filter((name) => name !== '');
    return { variants, alarms: (await describeAlarmsNamed(this.cloudwatch, named)).metricAlarms };
  }
}
