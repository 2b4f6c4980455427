import {
  type ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { type CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type {
  NativeConfiguration,
  NativeConfigurationReader,
  NativeVariant,
} from '../usecases/operate/import-types.ts';

const TARGET = {
  ServiceNamespace: 'sagemaker',
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
} as const;
const ALARM_BATCH = 100;

/** Nothing is registered with Application Auto Scaling for that endpoint (or variant). */
export class NotRegisteredError extends Error {
  override readonly name = 'NotRegisteredError';
}

async function allPages<T>(
  fetch: (token: string | undefined) => Promise<{ items?: T[] | undefined; next?: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    items.push(...(page.items ?? []));
    token = page.next;
  } while (token !== undefined);
  return items;
}

/**
 * {@link NativeConfigurationReader} over Application Auto Scaling and CloudWatch: the variant's
 * scalable target (every variant of the endpoint when none is named), its policies and scheduled
 * actions, and the alarms its step policies name. Every Describe call is read to its last page.
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
      return { items: page.ScalableTargets, next: page.NextToken };
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
        return { items: page.ScalingPolicies, next: page.NextToken };
      });
      const scheduledActions = await allPages(async (NextToken) => {
        const page = await this.aas.send(
          new DescribeScheduledActionsCommand({ ...TARGET, ResourceId, NextToken }),
        );
        return { items: page.ScheduledActions, next: page.NextToken };
      });
      variants.push({ target, policies, scheduledActions });
    }
    const alarmNames = variants.flatMap((v) =>
      v.policies
        .filter((p) => p.PolicyType === 'StepScaling')
        .flatMap((p) => (p.Alarms ?? []).map((a) => a.AlarmName ?? '')),
    );
    return { variants, alarms: await this.describeAlarms([...new Set(alarmNames)].filter((n) => n !== '')) };
  }

  private async describeAlarms(names: readonly string[]): Promise<MetricAlarm[]> {
    const alarms: MetricAlarm[] = [];
    for (let start = 0; start < names.length; start += ALARM_BATCH) {
      const AlarmNames = names.slice(start, start + ALARM_BATCH);
      alarms.push(
        ...(await allPages(async (NextToken) => {
          const page = await this.cloudwatch.send(
            new DescribeAlarmsCommand({ AlarmNames, MaxRecords: ALARM_BATCH, NextToken }),
          );
          return { items: page.MetricAlarms, next: page.NextToken };
        })),
      );
    }
    return alarms;
  }
}
