import {
  ApplicationAutoScalingClient,
  ConcurrentUpdateException,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  RegisterScalableTargetCommand,
  type ScalableTarget,
  type ScalingPolicy,
  type ScheduledAction,
} from '@aws-sdk/client-application-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ApplicationAutoScaling,
  createApplicationAutoScalingClient,
} from '../../../../shared/adapters/aws/application-auto-scaling.ts';

const RESOURCE_ID = 'endpoint/reco-prod/variant/AllTraffic';
const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
const IDENTITY = {
  ServiceNamespace: 'sagemaker',
  ResourceId: RESOURCE_ID,
  ScalableDimension: DIMENSION,
} as const;
const CREATED = new Date('2025-02-20T14:03:11.512Z');
const metadata = { httpStatusCode: 200, requestId: 'c0ffee00-0000-4000-8000-000000000020', attempts: 1 };
const client = new ApplicationAutoScalingClient({ region: 'eu-west-1' });
const aas = mockClient(client);

const scalableTarget: ScalableTarget = {
  ...IDENTITY,
  MinCapacity: 2,
  MaxCapacity: 8,
  RoleARN:
    'arn:aws:iam::123456789012:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint',
  CreationTime: CREATED,
  SuspendedState: {
    DynamicScalingInSuspended: false,
    DynamicScalingOutSuspended: false,
    ScheduledScalingSuspended: false,
  },
  ScalableTargetARN:
    'arn:aws:application-autoscaling:eu-west-1:123456789012:scalable-target/056f2c7a1b3e4d5f8a9b0c1d2e3f4a5b6c7d',
};

function policyArn(name: string): string {
  return `arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:7c1e0f4a-2b3d-4e5f-8a9b-0c1d2e3f4a5b:resource/sagemaker/${RESOURCE_ID}:policyName/${name}`;
}

function stepPolicy(PolicyName: string): ScalingPolicy {
  return {
    ...IDENTITY,
    PolicyARN: policyArn(PolicyName),
    PolicyName,
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: {
      AdjustmentType: 'ChangeInCapacity',
      StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
      Cooldown: 300,
      MetricAggregationType: 'Average',
    },
    Alarms: [
      {
        AlarmName: 'reco-prod-invocations-high',
        AlarmARN: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:reco-prod-invocations-high',
      },
    ],
    CreationTime: CREATED,
  };
}

function targetTrackingPolicy(PolicyName: string): ScalingPolicy {
  const alarm = (side: string) =>
    `TargetTracking-${RESOURCE_ID}-Alarm${side}-3f1a9c2e-5b7d-4e8f-a0b1-c2d3e4f5a6b7`;
  return {
    ...IDENTITY,
    PolicyARN: policyArn(PolicyName),
    PolicyName,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: 750,
      PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
      ScaleOutCooldown: 60,
      ScaleInCooldown: 600,
      DisableScaleIn: false,
    },
    Alarms: ['High', 'Low'].map((side) => ({
      AlarmName: alarm(side),
      AlarmARN: `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${alarm(side)}`,
    })),
    CreationTime: CREATED,
  };
}

function scheduledAction(ScheduledActionName: string, Schedule: string): ScheduledAction {
  return {
    ...IDENTITY,
    ScheduledActionName,
    ScheduledActionARN: `arn:aws:autoscaling:eu-west-1:123456789012:scheduledAction:9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a:resource/sagemaker/${RESOURCE_ID}:scheduledActionName/${ScheduledActionName}`,
    Schedule,
    Timezone: 'Europe/Paris',
    ScalableTargetAction: { MinCapacity: 4, MaxCapacity: 12 },
    CreationTime: CREATED,
  };
}

const native = () => new ApplicationAutoScaling(client);

beforeEach(() => {
  aas.reset();
});

describe('ApplicationAutoScaling.describe', () => {
  it('reports a registered variant with its bounds, its policies split by type and its scheduled actions', async () => {
    aas
      .on(DescribeScalableTargetsCommand)
      .resolves({ $metadata: metadata, ScalableTargets: [scalableTarget] });
    aas.on(DescribeScalingPoliciesCommand).resolves({
      $metadata: metadata,
      ScalingPolicies: [stepPolicy('invocations-step-out'), targetTrackingPolicy('invocations-target')],
    });
    aas.on(DescribeScheduledActionsCommand).resolves({
      $metadata: metadata,
      ScheduledActions: [scheduledAction('weekday-morning', 'cron(0 8 ? * MON-FRI *)')],
    });

    const registration = await native().describe('reco-prod', 'AllTraffic');

    expect(registration).toEqual({
      registered: true,
      minCapacity: 2,
      maxCapacity: 8,
      stepPolicies: ['invocations-step-out'],
      targetTrackingPolicies: ['invocations-target'],
      scheduledActions: ['weekday-morning'],
    });
    expect(aas).toHaveReceivedCommandExactlyOnceWith(DescribeScalableTargetsCommand, {
      ServiceNamespace: 'sagemaker',
      ResourceIds: [RESOURCE_ID],
      ScalableDimension: DIMENSION,
    });
    expect(aas).toHaveReceivedCommandExactlyOnceWith(DescribeScalingPoliciesCommand, IDENTITY);
    expect(aas).toHaveReceivedCommandExactlyOnceWith(DescribeScheduledActionsCommand, IDENTITY);
  });

  it('reports an unregistered variant as not registered, without bounds, policies or actions', async () => {
    aas.on(DescribeScalableTargetsCommand).resolves({ $metadata: metadata, ScalableTargets: [] });
    aas.on(DescribeScalingPoliciesCommand).resolves({ $metadata: metadata, ScalingPolicies: [] });
    aas.on(DescribeScheduledActionsCommand).resolves({ $metadata: metadata, ScheduledActions: [] });

    const registration = await native().describe('reco-prod', 'AllTraffic');

    expect(registration).toEqual({
      registered: false,
      minCapacity: undefined,
      maxCapacity: undefined,
      stepPolicies: [],
      targetTrackingPolicies: [],
      scheduledActions: [],
    });
  });

  it('follows NextToken through every page of policies and scheduled actions', async () => {
    aas
      .on(DescribeScalableTargetsCommand)
      .resolves({ $metadata: metadata, ScalableTargets: [scalableTarget] });
    aas
      .on(DescribeScalingPoliciesCommand)
      .resolvesOnce({
        $metadata: metadata,
        ScalingPolicies: [stepPolicy('step-out')],
        NextToken: 'policies-2',
      })
      .resolvesOnce({
        $metadata: metadata,
        ScalingPolicies: [stepPolicy('step-in'), targetTrackingPolicy('tt')],
      });
    aas
      .on(DescribeScheduledActionsCommand)
      .resolvesOnce({
        $metadata: metadata,
        ScheduledActions: [scheduledAction('morning', 'cron(0 8 ? * MON-FRI *)')],
        NextToken: 'actions-2',
      })
      .resolvesOnce({
        $metadata: metadata,
        ScheduledActions: [scheduledAction('evening', 'cron(0 20 ? * MON-FRI *)')],
      });

    const registration = await native().describe('reco-prod', 'AllTraffic');

    expect(registration.stepPolicies).toEqual(['step-out', 'step-in']);
    expect(registration.targetTrackingPolicies).toEqual(['tt']);
    expect(registration.scheduledActions).toEqual(['morning', 'evening']);
    expect(aas).toHaveReceivedNthCommandWith(DescribeScalingPoliciesCommand, 2, { NextToken: 'policies-2' });
    expect(aas).toHaveReceivedNthCommandWith(DescribeScheduledActionsCommand, 2, { NextToken: 'actions-2' });
  });
});

describe('ApplicationAutoScaling.updateBounds', () => {
  it('sends RegisterScalableTarget for the variant with only the new min and max', async () => {
    aas.on(RegisterScalableTargetCommand).resolves({
      $metadata: metadata,
      ScalableTargetARN: scalableTarget.ScalableTargetARN,
    });

    await native().updateBounds('reco-prod', 'AllTraffic', { minCapacity: 4, maxCapacity: 12 });

    const sent = aas.commandCalls(RegisterScalableTargetCommand)[0]?.args[0].input;
    // Exactly these keys: RoleARN and SuspendedState left out, so AAS keeps them as they are.
    expect(sent).toEqual({ ...IDENTITY, MinCapacity: 4, MaxCapacity: 12 });
  });

  it('rethrows a ConcurrentUpdateException unchanged, so the event is retried', async () => {
    const conflict = new ConcurrentUpdateException({
      message: 'You already have a pending update to an Auto Scaling resource.',
      $metadata: { httpStatusCode: 400 },
    });
    aas.on(RegisterScalableTargetCommand).rejects(conflict);

    const result = native().updateBounds('reco-prod', 'AllTraffic', { minCapacity: 4, maxCapacity: 12 });

    await expect(result).rejects.toBe(conflict);
  });
});

describe('createApplicationAutoScalingClient', () => {
  it('retries with backoff up to 5 attempts by default, or as many as asked', async () => {
    expect(await createApplicationAutoScalingClient().config.maxAttempts()).toBe(5);
    expect(await createApplicationAutoScalingClient().config.retryStrategy()).toMatchObject({
      mode: 'adaptive',
    });
    expect(await createApplicationAutoScalingClient({ maxAttempts: 2 }).config.maxAttempts()).toBe(2);
  });
});
