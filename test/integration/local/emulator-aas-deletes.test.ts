/**
 * The emulator's DeleteScalingPolicy and DeleteScheduledAction, through the pinned JavaScript SDK:
 * what `scaler import` prints to remove a native setup runs against `scaler local` too
 * (docs/tutorial.md, "Switch to active", runs it with the AWS CLI).
 */
import {
  ApplicationAutoScalingClient,
  DeleteScalingPolicyCommand,
  DeleteScheduledActionCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  PutScalingPolicyCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallClockBackend } from '../../../shared/local/emulator/backend.ts';
import { type AwsEmulator, startEmulator } from '../../../shared/local/emulator/server.ts';

const BLUE = {
  ServiceNamespace: 'sagemaker',
  ResourceId: 'endpoint/shop/variant/Blue',
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
} as const;
const GREEN = { ...BLUE, ResourceId: 'endpoint/shop/variant/Green' } as const;
const TRACKING = {
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: {
    TargetValue: 500,
    PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
  },
} as const;
let emulator: AwsEmulator;
let aas: ApplicationAutoScalingClient;

beforeAll(async () => {
  emulator = await startEmulator({ backend: wallClockBackend() });
  const config = {
    endpoint: emulator.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  };
  aas = new ApplicationAutoScalingClient(config);
  const sagemaker = new SageMakerClient(config);
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: 'shop-config',
      ProductionVariants: [
        { VariantName: 'Blue', ModelName: 'm', InitialInstanceCount: 2 },
        { VariantName: 'Green', ModelName: 'm', InitialInstanceCount: 2 },
      ],
    }),
  );
  await sagemaker.send(
    new CreateEndpointCommand({ EndpointName: 'shop', EndpointConfigName: 'shop-config' }),
  );
  sagemaker.destroy();
  for (const target of [BLUE, GREEN]) {
    await aas.send(new RegisterScalableTargetCommand({ ...target, MinCapacity: 2, MaxCapacity: 10 }));
    await aas.send(new PutScalingPolicyCommand({ ...target, PolicyName: 'tracking', ...TRACKING }));
    await aas.send(
      new PutScheduledActionCommand({
        ...target,
        ScheduledActionName: 'nightly',
        Schedule: 'cron(0 22 * * ? *)',
        ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 3 },
      }),
    );
  }
});

afterAll(async () => {
  aas.destroy();
  await emulator.stop();
});

describe('the emulator deletes native policies and scheduled actions', () => {
  it('removes the one named, of that variant only, and refuses one that is not there as AAS does', async () => {
    await aas.send(new DeleteScalingPolicyCommand({ ...BLUE, PolicyName: 'tracking' }));
    await aas.send(new DeleteScheduledActionCommand({ ...BLUE, ScheduledActionName: 'nightly' }));
    const policies = await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker' }));
    const actions = await aas.send(new DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker' }));

    expect(policies.ScalingPolicies?.map((p) => [p.ResourceId, p.PolicyName])).toEqual([
      [GREEN.ResourceId, 'tracking'],
    ]);
    expect(actions.ScheduledActions?.map((a) => [a.ResourceId, a.ScheduledActionName])).toEqual([
      [GREEN.ResourceId, 'nightly'],
    ]);
    await expect(
      aas.send(new DeleteScalingPolicyCommand({ ...BLUE, PolicyName: 'tracking' })),
    ).rejects.toMatchObject({
      name: 'ObjectNotFoundException',
      message: expect.stringContaining('policy name: tracking'),
    });
    await expect(
      aas.send(new DeleteScheduledActionCommand({ ...BLUE, ScheduledActionName: 'nightly' })),
    ).rejects.toMatchObject({
      name: 'ObjectNotFoundException',
      message: expect.stringContaining('scheduled action name: nightly'),
    });
  });
});
