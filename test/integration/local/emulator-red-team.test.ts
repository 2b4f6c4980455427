/**
 * Red-team findings on the emulator (issue 15, item 6), through the pinned JavaScript SDK (the
 * AWS CLI's side is test/e2e/aws-cli.test.ts): SageMaker's validation as its API reference
 * describes it, page sizes checked, PutMetricData's rules, and a native AAS setup that
 * `scaler import` reads end to end.
 */
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingActivitiesCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DescribeEndpointCommand,
  SageMakerClient,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorBackend, wallClockBackend } from '../../../shared/local/emulator/backend.ts';
import { type AwsEmulator, startEmulator } from '../../../shared/local/emulator/server.ts';
import { AasNativeReader } from '../../../shared/operate/native-reader.ts';
import { planImport } from '../../../shared/usecases/operate/import-native.ts';

const MINUTE = 60_000;
const TARGET = {
  ServiceNamespace: 'sagemaker',
  ResourceId: 'endpoint/shop/variant/Blue',
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
} as const;
let emulator: AwsEmulator;
let backend: EmulatorBackend;
let sagemaker: SageMakerClient;
let cloudwatch: CloudWatchClient;
let aas: ApplicationAutoScalingClient;

beforeAll(async () => {
  backend = wallClockBackend({ instanceStartupSeconds: 300 });
  emulator = await startEmulator({ backend });
  const config = {
    endpoint: emulator.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  };
  sagemaker = new SageMakerClient(config);
  cloudwatch = new CloudWatchClient(config);
  aas = new ApplicationAutoScalingClient(config);
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
});

afterAll(async () => {
  for (const client of [sagemaker, cloudwatch, aas]) client.destroy();
  await emulator.stop();
});

async function variants() {
  const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'shop' }));
  return Object.fromEntries(
    (endpoint.ProductionVariants ?? []).map((v) => [
      v.VariantName,
      [v.DesiredInstanceCount, v.DesiredWeight],
    ]),
  );
}

function update(entries: { VariantName: string; DesiredInstanceCount?: number; DesiredWeight?: number }[]) {
  return sagemaker.send(
    new UpdateEndpointWeightsAndCapacitiesCommand({
      EndpointName: 'shop',
      DesiredWeightsAndCapacities: entries,
    }),
  );
}

describe('red-team 6.4: SageMaker validation', () => {
  it('red-team 6.4: refuses 0 on an instance-based variant and capacity for two variants in one call, applying nothing; accepts a weight-only update', async () => {
    const zero = update([{ VariantName: 'Blue', DesiredInstanceCount: 0 }]);
    const two = update([
      { VariantName: 'Blue', DesiredInstanceCount: 3 },
      { VariantName: 'Green', DesiredInstanceCount: 3 },
    ]);
    const halfUnknown = update([
      { VariantName: 'Blue', DesiredWeight: 0.5 },
      { VariantName: 'Purple', DesiredWeight: 0.5 },
    ]);
    await expect(zero).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(
        /cannot be 0: only endpoints hosting inference components scale to zero/,
      ),
    });
    await expect(two).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/one call updates the capacity of one variant/),
    });
    await expect(halfUnknown).rejects.toMatchObject({ name: 'ValidationException' });
    expect(await variants()).toEqual({ Blue: [2, 1], Green: [2, 1] });

    await update([
      { VariantName: 'Blue', DesiredWeight: 0.25 },
      { VariantName: 'Green', DesiredWeight: 0.75 },
    ]);

    expect(await variants()).toEqual({ Blue: [2, 0.25], Green: [2, 0.75] });
  });
});

describe('red-team 6.5: page sizes', () => {
  it('red-team 6.5: refuses a MaxRecords or MaxResults of 0 (or past the maximum) as AWS does, instead of paging forever', async () => {
    await expect(cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 0 }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(
        /'maxRecords' failed to satisfy constraint: Member must have value greater than or equal to 1/,
      ),
    });
    await expect(cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 101 }))).rejects.toMatchObject({
      message: expect.stringMatching(/less than or equal to 100/),
    });
    await expect(
      aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', MaxResults: 0 })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/'maxResults'/) });
    await expect(
      aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker', MaxResults: 51 })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('red-team 6.2: PutMetricData and GetMetricStatistics', () => {
  const dimensions = [
    { Name: 'EndpointName', Value: 'shop' },
    { Name: 'VariantName', Value: 'Blue' },
  ];

  it('red-team 6.2: takes AWS/SageMaker datapoints from the past two weeks, refuses older ones, NaN and mixed kinds whole, and sums a minute', async () => {
    const minute = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * MINUTE;
    const datum = (value: number, at = minute) => ({
      MetricName: 'Invocations',
      Dimensions: dimensions,
      Timestamp: new Date(at),
      Value: value,
    });
    const put = (data: object[]) =>
      cloudwatch.send(new PutMetricDataCommand({ Namespace: 'AWS/SageMaker', MetricData: data as never }));

    await put([datum(40), datum(2)]);
    const stale = put([datum(1), datum(1, Date.now() - 15 * 86_400_000)]);
    const nan = put([datum(Number.NaN)]);
    const mixed = put([{ ...datum(1), StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } }]);
    await expect(stale).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringMatching(/no more than two weeks in the past/),
    });
    await expect(nan).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(mixed).rejects.toMatchObject({ name: 'InvalidParameterCombinationException' });

    const statistics = await cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocations',
        Dimensions: dimensions,
        StartTime: new Date(minute - 5 * MINUTE),
        EndTime: new Date(minute + MINUTE),
        Period: 60,
        Statistics: ['Sum', 'SampleCount'],
      }),
    );
    // The refused requests published nothing: only 40 + 2.
    expect(statistics.Datapoints).toEqual([
      expect.objectContaining({ Timestamp: new Date(minute), Sum: 42, SampleCount: 1 }),
    ]);
  });
});

describe('red-team 6.6: native Application Auto Scaling', () => {
  it('red-team 6.6: stores a native step policy (with its alarm) and a scheduled action, which scaler import reads into scaling.yml', async () => {
    await expect(
      aas.send(
        new PutScalingPolicyCommand({
          ...TARGET,
          PolicyName: 'early',
          PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: {},
        }),
      ),
    ).rejects.toMatchObject({ name: 'ObjectNotFoundException' });
    await aas.send(new RegisterScalableTargetCommand({ ...TARGET, MinCapacity: 3, MaxCapacity: 8 }));
    const policy = await aas.send(
      new PutScalingPolicyCommand({
        ...TARGET,
        PolicyName: 'native-out',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          Cooldown: 120,
          MetricAggregationType: 'Average',
          StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }],
        },
      }),
    );
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'shop-blue-high',
        Namespace: 'AWS/SageMaker',
        MetricName: 'InvocationsPerInstance',
        Dimensions: [
          { Name: 'EndpointName', Value: 'shop' },
          { Name: 'VariantName', Value: 'Blue' },
        ],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 2,
        Threshold: 500,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [policy.PolicyARN as string],
      }),
    );
    await expect(
      aas.send(
        new PutScheduledActionCommand({
          ...TARGET,
          ScheduledActionName: 'bad',
          Schedule: 'cron(0 25 * * ? *)',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/cron\(0 25/) });
    await aas.send(
      new PutScheduledActionCommand({
        ...TARGET,
        ScheduledActionName: 'nightly',
        Schedule: 'cron(0 22 * * ? *)',
        Timezone: 'Europe/Berlin',
        ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 3 },
      }),
    );

    const policies = await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker' }));
    const activities = await aas.send(
      new DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker' }),
    );
    const plan = planImport(await new AasNativeReader(aas, cloudwatch).read('shop', 'Blue'), {
      adoptAlarms: true,
      mode: 'shadow',
    });

    expect(policies.ScalingPolicies?.[0]?.Alarms?.map((a) => a.AlarmName)).toEqual(['shop-blue-high']);
    // Registering [3, 8] moved the variant from 2 to 3, as AAS does, and says so.
    expect(activities.ScalingActivities?.map((a) => [a.StatusCode, a.Description])).toEqual([
      ['Successful', 'Setting desired instance count to 3.'],
    ]);
    expect(plan.validation.ok).toBe(true);
    expect(plan.document.targets).toEqual([
      expect.objectContaining({
        endpointName: 'shop',
        variantName: 'Blue',
        minCapacity: 3,
        maxCapacity: 8,
        stepPolicies: [
          expect.objectContaining({
            policyName: 'native-out',
            alarmName: 'shop-blue-high',
            alarm: expect.objectContaining({ threshold: 500, evaluationPeriods: 2 }),
          }),
        ],
        scheduledActions: [
          expect.objectContaining({ scheduledActionName: 'nightly', timezone: 'Europe/Berlin' }),
        ],
      }),
    ]);
  });
});
