/**
 * The AWS the operate demo talks to besides DynamoDB: SageMaker, CloudWatch and Application Auto
 * Scaling answered by aws-sdk-client-mock with real-shaped responses.
 */
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeEndpointCommand,
  SageMakerClient,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { invocationsAlarm } from '../test/support/metric-alarms.ts';

export const REGION = 'eu-west-1';
export const HIGH = 'fraud-detector-invocations-high';
export const LOW = 'fraud-detector-invocations-low';
/** The alarms AAS created for its target tracking policy (names end in a random id). */
const TRACKING_ALARMS = [
  'TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmHigh-4e1c9a2b-7d3f-4a61-9c0e-2f8b5d6a1e37',
  'TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmLow-b2d7e0f4-1a9c-4c38-8e5d-7f2a6c9b0d14',
] as const;
/** An instant of November 2026, UTC. */
export const t = (day: number, hh: number, mm: number) => Date.UTC(2026, 10, day, hh, mm);

/** One of the demo's alarms, as DescribeAlarms shows it: in ALARM since 04:40 on the 28th. */
function definition(
  name: string,
  threshold: number,
  comparison: MetricAlarm['ComparisonOperator'],
  periods: number,
): MetricAlarm {
  return invocationsAlarm(name, threshold, comparison, periods, {
    StateValue: 'ALARM',
    StateUpdatedTimestamp: new Date(t(28, 4, 40)),
  });
}

/** SageMaker (one endpoint at 2 instances) and CloudWatch (the low alarm in ALARM). */
export function mockRuntimeWorld() {
  // SageMaker: one endpoint whose count an accepted update changes.
  let desired = 2;
  const sagemaker = mockClient(SageMakerClient);
  sagemaker.on(DescribeEndpointCommand).callsFake(async () => ({
    EndpointName: 'fraud-detector',
    EndpointArn: `arn:aws:sagemaker:${REGION}:123456789012:endpoint/fraud-detector`,
    EndpointConfigName: 'fraud-detector-config-v7',
    EndpointStatus: 'InService',
    ProductionVariants: [
      { VariantName: 'AllTraffic', CurrentInstanceCount: desired, DesiredInstanceCount: desired },
    ],
  }));
  sagemaker.on(UpdateEndpointWeightsAndCapacitiesCommand).callsFake(async (input) => {
    desired = input.DesiredWeightsAndCapacities[0].DesiredInstanceCount;
    return { EndpointArn: `arn:aws:sagemaker:${REGION}:123456789012:endpoint/fraud-detector` };
  });

  const cloudwatch = mockClient(CloudWatchClient);
  cloudwatch
    .on(DescribeAlarmsCommand, { StateValue: 'ALARM' })
    .resolves({ MetricAlarms: [definition(LOW, 300, 'LessThanOrEqualToThreshold', 15)] });
  cloudwatch.on(GetMetricDataCommand).callsFake(async (input) => ({
    MetricDataResults: input.MetricDataQueries.map((q: { Id: string }) => ({
      Id: q.Id,
      StatusCode: 'Complete',
      Timestamps: [new Date(t(28, 5, 44))],
      Values: [180],
    })),
  }));
  return { sagemaker, cloudwatch, definition };
}

/** Application Auto Scaling holding the same rules natively, plus a target-tracking policy. */
export function mockNativeSetup(world: ReturnType<typeof mockRuntimeWorld>) {
  const { cloudwatch, definition } = world;
  const aas = mockClient(ApplicationAutoScalingClient);
  const resourceId = 'endpoint/fraud-detector/variant/AllTraffic';
  const dimension = 'sagemaker:variant:DesiredInstanceCount' as const;
  const common = {
    ServiceNamespace: 'sagemaker' as const,
    ResourceId: resourceId,
    ScalableDimension: dimension,
  };
  aas.on(DescribeScalableTargetsCommand).resolves({
    ScalableTargets: [
      {
        ...common,
        MinCapacity: 2,
        MaxCapacity: 10,
        RoleARN:
          'arn:aws:iam::123456789012:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint',
        CreationTime: new Date(t(1, 8, 0)),
      },
    ],
  });
  aas.on(DescribeScalingPoliciesCommand).resolves({
    ScalingPolicies: [
      {
        ...common,
        PolicyARN: 'arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:1',
        PolicyName: 'scale-out-on-invocations',
        PolicyType: 'StepScaling',
        CreationTime: new Date(t(1, 8, 0)),
        Alarms: [{ AlarmName: HIGH, AlarmARN: `arn:aws:cloudwatch:${REGION}:123456789012:alarm:${HIGH}` }],
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          Cooldown: 300,
          MetricAggregationType: 'Average',
          StepAdjustments: [
            { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 200, ScalingAdjustment: 1 },
            { MetricIntervalLowerBound: 200, ScalingAdjustment: 3 },
          ],
        },
      },
      {
        ...common,
        PolicyARN: 'arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:2',
        PolicyName: 'scale-in-on-invocations',
        PolicyType: 'StepScaling',
        CreationTime: new Date(t(1, 8, 0)),
        Alarms: [{ AlarmName: LOW, AlarmARN: `arn:aws:cloudwatch:${REGION}:123456789012:alarm:${LOW}` }],
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          Cooldown: 300,
          MetricAggregationType: 'Average',
          StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }],
        },
      },
      {
        ...common,
        PolicyARN: 'arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:3',
        PolicyName: 'cpu-target-tracking',
        PolicyType: 'TargetTrackingScaling',
        CreationTime: new Date(t(1, 8, 0)),
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 70,
          CustomizedMetricSpecification: {
            MetricName: 'CPUUtilization',
            Namespace: '/aws/sagemaker/Endpoints',
            Statistic: 'Average',
            Dimensions: [
              { Name: 'EndpointName', Value: 'fraud-detector' },
              { Name: 'VariantName', Value: 'AllTraffic' },
            ],
          },
        },
        Alarms: TRACKING_ALARMS.map((AlarmName) => ({
          AlarmName,
          AlarmARN: `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${AlarmName}`,
        })),
      },
    ],
  });
  aas.on(DescribeScheduledActionsCommand).resolves({
    ScheduledActions: [
      {
        ...common,
        ScheduledActionName: 'weekend-peak',
        ScheduledActionARN: 'arn:aws:autoscaling:eu-west-1:123456789012:scheduledAction:1',
        Schedule: 'cron(0 18 ? * FRI *)',
        Timezone: 'Europe/Berlin',
        ScalableTargetAction: { MinCapacity: 4, MaxCapacity: 12 },
        CreationTime: new Date(t(1, 8, 0)),
      },
      {
        ...common,
        ScheduledActionName: 'weekday-baseline',
        ScheduledActionARN: 'arn:aws:autoscaling:eu-west-1:123456789012:scheduledAction:2',
        Schedule: 'cron(0 6 ? * MON *)',
        Timezone: 'Europe/Berlin',
        ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 10 },
        CreationTime: new Date(t(1, 8, 0)),
      },
    ],
  });
  // AAS's own alarms of the target tracking policy: its high one watches 2 of 2 minutes.
  const cpu = {
    MetricName: 'CPUUtilization',
    Namespace: '/aws/sagemaker/Endpoints',
    Statistic: 'Average' as const,
  };
  cloudwatch.on(DescribeAlarmsCommand, { AlarmNames: [HIGH, LOW, ...TRACKING_ALARMS] }).resolves({
    MetricAlarms: [
      definition(HIGH, 800, 'GreaterThanOrEqualToThreshold', 3),
      definition(LOW, 300, 'LessThanOrEqualToThreshold', 15),
      { ...definition(TRACKING_ALARMS[0], 70, 'GreaterThanThreshold', 2), ...cpu, StateValue: 'OK' },
      { ...definition(TRACKING_ALARMS[1], 63, 'LessThanThreshold', 15), ...cpu, StateValue: 'OK' },
    ],
  });
  return aas;
}
