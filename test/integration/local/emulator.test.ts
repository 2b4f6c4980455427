import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DescribeEndpointCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationAutoScaling } from '../../../shared/adapters/aws/application-auto-scaling.ts';
import { CloudWatchAlarms } from '../../../shared/adapters/aws/cloudwatch-alarms.ts';
import { SageMakerEndpoints } from '../../../shared/adapters/aws/sagemaker-endpoints.ts';
import {
  type EmulatorBackend,
  simulationBackend,
  wallClockBackend,
} from '../../../shared/local/emulator/backend.ts';
import { type AwsEmulator, startEmulator } from '../../../shared/local/emulator/server.ts';
import { EndpointBusyError, EndpointNotFoundError } from '../../../shared/ports/errors.ts';
import { SimulatedCloudWatch } from '../../../shared/sim/cloudwatch/simulated-cloudwatch.ts';
import { SimulatedMetricStore } from '../../../shared/sim/cloudwatch/simulated-metrics.ts';
import { SimulatedEndpointFleet } from '../../../shared/sim/fleet/simulated-endpoint.ts';

const MINUTE = 60_000;
let emulator: AwsEmulator;
let backend: EmulatorBackend;
let clients: { sagemaker: SageMakerClient; cloudwatch: CloudWatchClient; aas: ApplicationAutoScalingClient };

/** Clients as the production wiring builds them, but aimed at the emulator explicitly. */
function clientConfig(maxAttempts = 3) {
  return {
    endpoint: emulator.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts,
  };
}

async function createEndpoint(name: string, instances: number) {
  await clients.sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: `${name}-config`,
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm', InitialInstanceCount: instances }],
    }),
  );
  await clients.sagemaker.send(
    new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-config` }),
  );
}

beforeAll(async () => {
  backend = wallClockBackend({ instanceStartupSeconds: 300 });
  emulator = await startEmulator({ backend });
  clients = {
    sagemaker: new SageMakerClient(clientConfig()),
    cloudwatch: new CloudWatchClient(clientConfig()),
    aas: new ApplicationAutoScalingClient(clientConfig()),
  };
  await createEndpoint('shop', 2);
});

afterEach(() => emulator.throttle(undefined));

afterAll(async () => {
  for (const client of Object.values(clients)) client.destroy();
  await emulator.stop();
});

describe('the emulator, SageMaker face', () => {
  it('describes a created endpoint with its variant at the initial count, InService', async () => {
    const endpoint = await clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'shop' }));

    expect(endpoint.EndpointStatus).toBe('InService');
    expect(endpoint.ProductionVariants).toEqual([
      expect.objectContaining({
        VariantName: 'AllTraffic',
        DesiredInstanceCount: 2,
        CurrentInstanceCount: 2,
      }),
    ]);
    expect(endpoint.CreationTime).toBeInstanceOf(Date);
  });

  it('moves DesiredInstanceCount at once and refuses a second update while Updating, which the adapter defers', async () => {
    await createEndpoint('busy', 1);
    const endpoints = new SageMakerEndpoints(clients.sagemaker);

    await endpoints.updateDesiredCapacity('busy', [{ variantName: 'AllTraffic', desiredInstanceCount: 3 }]);
    const after = await endpoints.describeVariant('busy', 'AllTraffic');
    const second = endpoints.updateDesiredCapacity('busy', [
      { variantName: 'AllTraffic', desiredInstanceCount: 4 },
    ]);

    expect(after).toEqual({ endpointStatus: 'Updating', desiredInstanceCount: 3, currentInstanceCount: 1 });
    await expect(second).rejects.toBeInstanceOf(EndpointBusyError);
    await expect(second).rejects.toMatchObject({
      cause: {
        name: 'ValidationException',
        message: expect.stringMatching(/^Cannot update in-progress endpoint/),
      },
    });
  });

  it("answers an unknown endpoint with SageMaker's ValidationException, which the adapter maps to not found", async () => {
    const missing = new SageMakerEndpoints(clients.sagemaker).describeVariant('nope', 'AllTraffic');

    await expect(missing).rejects.toBeInstanceOf(EndpointNotFoundError);
    await expect(missing).rejects.toMatchObject({
      cause: { name: 'ValidationException', message: expect.stringMatching(/^Could not find endpoint/) },
    });
  });

  it('throttles on request, and the SDK retries until the emulator answers', async () => {
    let refused = 0;
    emulator.throttle(() => refused++ < 2);

    const endpoint = await clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'shop' }));

    expect(endpoint.$metadata.attempts).toBe(3);
  });

  it('lets a ThrottlingException escape once the attempts run out', async () => {
    emulator.throttle(() => true);
    const client = new SageMakerClient(clientConfig(2));

    const call = client.send(new DescribeEndpointCommand({ EndpointName: 'shop' }));

    await expect(call).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 2 } });
    client.destroy();
  });
});

describe('the emulator, CloudWatch face (JSON 1.0, query-compatible)', () => {
  it('serves the simulated CloudWatch to the CloudWatch adapter exactly as the simulator reads it itself', async () => {
    const start = Date.UTC(2026, 10, 23, 10, 0);
    const cloudWatch = new SimulatedCloudWatch(new SimulatedMetricStore(start, 60));
    const fleet = new SimulatedEndpointFleet();
    emulator.serve(simulationBackend({ fleet, cloudWatch }));
    try {
      await clients.cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: 'shop-high',
          Namespace: 'AWS/SageMaker',
          MetricName: 'InvocationsPerInstance',
          Dimensions: [
            { Name: 'EndpointName', Value: 'shop' },
            { Name: 'VariantName', Value: 'AllTraffic' },
          ],
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 3,
          Threshold: 800,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        }),
      );
      const series = cloudWatch.metrics.seriesOf({
        namespace: 'AWS/SageMaker',
        metricName: 'InvocationsPerInstance',
        dimensions: { EndpointName: 'shop', VariantName: 'AllTraffic' },
      });
      series.set([912.5, 880, 850.0001]);
      // A processing time with milliseconds: it travels as fractional epoch seconds.
      const at = start + 3 * MINUTE + 10_118;
      fleet.advanceTo(at);
      cloudWatch.evaluateAlarms(at);

      const overHttp = await new CloudWatchAlarms(clients.cloudwatch).alarmsInAlarm(['shop-high'], at);
      const inMemory = await cloudWatch.alarmsInAlarm(['shop-high'], at);

      expect(overHttp).toEqual([
        { alarmName: 'shop-high', stateTimestamp: at, threshold: 800, datapoints: [912.5, 880, 850.0001] },
      ]);
      expect(overHttp).toEqual(inMemory);
    } finally {
      emulator.serve(backend);
    }
  });

  it('answers metric math with a clear InvalidParameterValue, the code in x-amzn-query-error', async () => {
    const call = clients.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(0),
        EndTime: new Date(MINUTE),
        MetricDataQueries: [{ Id: 'e1', Expression: 'SUM(METRICS())' }],
      }),
    );

    await expect(call).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      Code: 'InvalidParameterValue',
      message: expect.stringContaining('does not evaluate metric math'),
    });
  });

  it("throttles with CloudWatch's Query code Throttling, which the SDK retries", async () => {
    let refused = 0;
    emulator.throttle(({ service }) => service === 'cloudwatch' && refused++ < 1);

    const page = await clients.cloudwatch.send(new DescribeAlarmsCommand({}));

    expect(page.$metadata.attempts).toBe(2);
  });
});

describe('the emulator, Application Auto Scaling face', () => {
  it('has nothing registered until RegisterScalableTarget, then reads it back through the adapter', async () => {
    const native = new ApplicationAutoScaling(clients.aas);
    const before = await native.describe('shop', 'AllTraffic');

    await clients.aas.send(
      new RegisterScalableTargetCommand({
        ServiceNamespace: 'sagemaker',
        ResourceId: 'endpoint/shop/variant/AllTraffic',
        ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        MinCapacity: 1,
        MaxCapacity: 6,
      }),
    );
    const after = await native.describe('shop', 'AllTraffic');
    const listed = await clients.aas.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }),
    );

    expect(before.registered).toBe(false);
    expect(after).toMatchObject({ registered: true, minCapacity: 1, maxCapacity: 6, stepPolicies: [] });
    expect(listed.ScalableTargets?.[0]?.CreationTime).toBeInstanceOf(Date);
  });
});
