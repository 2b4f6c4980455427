import { readFileSync } from 'node:fs';
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  ApplicationAutoScaling,
  createApplicationAutoScalingClient,
} from '../../../shared/adapters/aws/application-auto-scaling.ts';
import { CloudWatchAlarms, createCloudWatchClient } from '../../../shared/adapters/aws/cloudwatch-alarms.ts';
import { loadConfigFile } from '../../../shared/config/index.ts';
import { lambdaContext } from '../../../shared/local/lambda-context.ts';
import { type HandlerResult, scheduleHandler, tickHandler } from '../../../shared/wiring/handlers.ts';
import { createRuntime, withPorts } from '../../../shared/wiring/runtime.ts';
import { useDynamoDbLocal } from '../../support/dynamodb-local.ts';
import { invocationsAlarm } from '../../support/metric-alarms.ts';
import { mockSageMakerEndpoint } from '../../support/sagemaker-mock.ts';

const dynamo = useDynamoDbLocal();
const NOW = Date.UTC(2026, 10, 27, 17, 0, 0);

async function baseRuntime(service: string) {
  const tableName = await dynamo.freshTable(service);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.local.endpoint;
  const runtime = createRuntime(
    { ...process.env, SCALER_TABLE_NAME: tableName },
    service,
    loadConfigFile('scaling.yml'),
  );
  return { ...runtime, now: () => NOW };
}

const mocks: { restore(): void }[] = [];
afterEach(() => {
  for (const mock of mocks.splice(0)) mock.restore();
});
afterAll(() => {
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
});

describe('on-tick over DynamoDB Local', () => {
  it('steps again for an alarm still in ALARM, measured afresh with GetMetricData', async () => {
    const sagemaker = mockSageMakerEndpoint('fraud-detector', { AllTraffic: 3 });
    const cloudwatch = mockClient(CloudWatchClient);
    mocks.push(sagemaker.mock, cloudwatch);
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        invocationsAlarm('fraud-detector-invocations-high', 800, 'GreaterThanOrEqualToThreshold', 3, {
          StateValue: 'ALARM',
          StateUpdatedTimestamp: new Date(NOW - 10 * 60_000),
        }),
      ],
    });
    cloudwatch.on(GetMetricDataCommand).callsFake(async (input) => ({
      MetricDataResults: (input.MetricDataQueries ?? []).map((query: { Id: string }) => ({
        Id: query.Id,
        StatusCode: 'Complete',
        Timestamps: [new Date(NOW - 180_000), new Date(NOW - 120_000), new Date(NOW - 60_000)],
        Values: [1050, 1100, 1200],
      })),
    }));
    const base = await baseRuntime('on-tick');
    const handler = tickHandler(withPorts(base, { alarms: new CloudWatchAlarms(createCloudWatchClient()) }));
    const result = (await handler({}, lambdaContext('sagemaker-scaler-test-onTick'))) as HandlerResult;
    // Average 1116.7 against 800: delta 316.7 falls in [200, +inf): +3.
    expect(result.outcomes).toEqual([
      expect.objectContaining({ action: 'scale-out', fromCapacity: 3, toCapacity: 6 }),
    ]);
    expect(sagemaker.counts.get('AllTraffic')).toBe(6);
  });
});

describe('on-schedule over DynamoDB Local', () => {
  it('moves a variant registered with native AAS and its registered min/max to the new bounds', async () => {
    const sagemaker = mockSageMakerEndpoint('fraud-detector', { AllTraffic: 2 });
    const aas = mockClient(ApplicationAutoScalingClient);
    mocks.push(sagemaker.mock, aas);
    const resourceId = 'endpoint/fraud-detector/variant/AllTraffic';
    aas.on(DescribeScalableTargetsCommand).resolves({
      ScalableTargets: [
        {
          ServiceNamespace: 'sagemaker',
          ResourceId: resourceId,
          ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
          MinCapacity: 2,
          MaxCapacity: 10,
          RoleARN:
            'arn:aws:iam::123456789012:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint',
          CreationTime: new Date('2026-01-01T00:00:00Z'),
        },
      ],
    });
    aas.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [] });
    aas.on(DescribeScheduledActionsCommand).resolves({ ScheduledActions: [] });
    aas.on(RegisterScalableTargetCommand).resolves({});
    const base = await baseRuntime('on-schedule');
    const handler = scheduleHandler(
      withPorts(base, { native: new ApplicationAutoScaling(createApplicationAutoScalingClient()) }),
    );
    const event = JSON.parse(readFileSync('events/scheduled/weekend-peak.json', 'utf8'));
    const result = (await handler(event, lambdaContext('sagemaker-scaler-test-onSchedule'))) as HandlerResult;
    expect(result.outcomes).toEqual([expect.objectContaining({ action: 'scale-out', toCapacity: 4 })]);
    expect(aas.commandCalls(RegisterScalableTargetCommand)[0]?.args[0].input).toMatchObject({
      ResourceId: resourceId,
      MinCapacity: 4,
      MaxCapacity: 12,
    });
  });
});
