/**
 * Creates what scaling.yml manages, through the SDK, in a local stack's emulator: each endpoint
 * (CreateEndpointConfig + CreateEndpoint, every variant at its minCapacity), each step policy's
 * alarm (PutMetricAlarm from its `alarm:` block, dimensions EndpointName and VariantName) and the
 * two alarms of each target tracking policy, as the
 * deployment and the user's own SageMaker setup would have created them in AWS.
 */
import {
  CloudWatchClient,
  PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { metricAlarmFields, trackingAlarmFields } from '../adapters/aws/metric-alarm-fields.ts';
import type { ScalingConfig, TargetConfig } from '../domain/model.ts';
import { targetTrackingAlarms } from '../domain/target-tracking/alarms.ts';
import { simulatedAlarmDefinition, simulatedTrackingAlarm } from '../sim/simulated-world.ts';

/** Where to create them, and as whom. */
export interface SeedTarget {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** What was created. */
export interface Seeded {
  endpoints: string[];
  alarms: string[];
}

/**
 * Attempts per seeding call. `scaler local --throttle 0.5` throttles half of the emulator's answers,
 * seeding included: with the SDK's default 3 attempts one start in a few failed. Each attempt is
 * throttled independently, so 20 leave about one call in a million failing, and the SDK's backoff
 * (full jitter from half a second, for throttling) keeps the usual wait under a second.
 */
const SEED_MAX_ATTEMPTS = 20;

/** Creates the endpoints and alarms of `config` in the emulator at `to.endpoint`. */
export async function seedScalingConfig(config: ScalingConfig, to: SeedTarget): Promise<Seeded> {
  const clientConfig = {
    endpoint: to.endpoint,
    region: to.region,
    credentials: to.credentials,
    maxAttempts: SEED_MAX_ATTEMPTS,
  };
  const sagemaker = new SageMakerClient(clientConfig);
  const cloudwatch = new CloudWatchClient(clientConfig);
  try {
    const byEndpoint = new Map<string, TargetConfig[]>();
    for (const target of config.targets) {
      byEndpoint.set(target.endpointName, [...(byEndpoint.get(target.endpointName) ?? []), target]);
    }
    for (const [endpointName, targets] of byEndpoint) {
      const configName = `${endpointName}-config`;
      await sagemaker.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: configName,
          ProductionVariants: targets.map((target) => ({
            VariantName: target.variantName,
            ModelName: `${endpointName}-model`,
            InstanceType: 'ml.m5.xlarge',
            InitialInstanceCount: target.minCapacity,
          })),
        }),
      );
      await sagemaker.send(
        new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: configName }),
      );
    }
    const alarms: string[] = [];
    for (const target of config.targets) {
      for (const policy of target.stepPolicies) {
        // The simulator's reading of an `alarm:` block (and its refusal of one it cannot play).
        const alarm = simulatedAlarmDefinition(target, policy);
        await cloudwatch.send(
          new PutMetricAlarmCommand({
            AlarmName: alarm.alarmName,
            AlarmDescription: alarm.description,
            ...(metricAlarmFields(alarm, target) as Omit<PutMetricAlarmCommandInput, 'AlarmName'>),
          }),
        );
        alarms.push(alarm.alarmName);
      }
      for (const alarm of targetTrackingAlarms(target)) {
        // Refused the same way as the simulator refuses what it cannot play (metric math, ...).
        const simulated = simulatedTrackingAlarm(target, alarm);
        await cloudwatch.send(
          new PutMetricAlarmCommand({
            AlarmName: alarm.alarmName,
            AlarmDescription: simulated.description,
            ...(trackingAlarmFields(alarm) as Omit<PutMetricAlarmCommandInput, 'AlarmName'>),
          }),
        );
        alarms.push(alarm.alarmName);
      }
    }
    return { endpoints: [...byEndpoint.keys()], alarms };
  } finally {
    sagemaker.destroy();
    cloudwatch.destroy();
  }
}
