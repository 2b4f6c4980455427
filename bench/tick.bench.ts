/**
 * Tick benchmark: one on-tick pass over 10, 100 and 1,000 targets (the root example's target,
 * copied and renamed, with its two step policies: 2 alarms each, 5 % of the alarms in ALARM; its
 * target tracking policy, two more alarms, is left out to keep to that), against the local emulator with
 * an injected latency of 20 ms on every SageMaker and CloudWatch call and DynamoDB Local for the
 * state (its own loopback latency, none added). It prints the AWS calls the tick made, by API, and
 * its duration, for the Lambda's pacing (16 endpoints at once) and, as the same-run baseline, one
 * target after the other (concurrency 1).
 *
 * Run: `node bin/run-ts.mjs bench/tick.bench.ts [sizes...]`. The world is simulated (a simulated
 * fleet and CloudWatch behind the emulator); the scaler's adapters and use case are the real ones.
 */
import { performance } from 'node:perf_hooks';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CloudWatchAlarms, createCloudWatchClient } from '../shared/adapters/aws/cloudwatch-alarms.ts';
import { DynamoDbEndpointLock } from '../shared/adapters/aws/dynamodb-endpoint-lock.ts';
import { DynamoDbStateStore } from '../shared/adapters/aws/dynamodb-state-store.ts';
import { createSageMakerClient, SageMakerEndpoints } from '../shared/adapters/aws/sagemaker-endpoints.ts';
import type { ScalingConfig } from '../shared/domain/model.ts';
import { createLocalTable, localDynamoClients, startDynamoDbLocal } from '../shared/local/dynamodb-local.ts';
import type { EmulatorBackend } from '../shared/local/emulator/backend.ts';
import { startEmulator } from '../shared/local/emulator/server.ts';
import { seedScalingConfig } from '../shared/local/seed.ts';
import { SimulatedCloudWatch } from '../shared/sim/cloudwatch/simulated-cloudwatch.ts';
import { SimulatedMetricStore } from '../shared/sim/cloudwatch/simulated-metrics.ts';
import { SimulatedEndpointFleet } from '../shared/sim/fleet/simulated-endpoint.ts';
import { tickFleet } from '../shared/usecases/handle-tick.ts';
import { fleetConfig } from '../test/deploy/fleet-config.ts';

const MINUTE = 60_000;
const LATENCY_MS = 20;
const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [10, 100, 1000];

Object.assign(process.env, {
  AWS_REGION: REGION,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

/** The targets with their step policies only: two alarms each. */
function stepPoliciesOnly(config: ScalingConfig): ScalingConfig {
  return { targets: config.targets.map((target) => ({ ...target, targetTrackingPolicies: [] })) };
}

/** A simulated world at a fixed minute, its metrics starting half an hour earlier. */
function benchWorld(now: number): EmulatorBackend {
  const metrics = new SimulatedMetricStore(now - 30 * MINUTE, 60);
  const fleet = new SimulatedEndpointFleet({ instanceStartupSeconds: 300, region: REGION, account: ACCOUNT });
  fleet.advanceTo(now);
  const cloudWatch = new SimulatedCloudWatch(metrics, { region: REGION, account: ACCOUNT });
  return { fleet, cloudWatch, region: REGION, account: ACCOUNT, alarmActions: new Map(), now: () => now };
}

/**
 * Publishes 30 minutes of InvocationsPerInstance: 500 a minute for most variants (both alarms OK),
 * 2,000 for every tenth (its high alarm in ALARM: 5 % of all alarms), then evaluates the alarms.
 */
function publishTraffic(world: EmulatorBackend, config: ScalingConfig, now: number): number {
  config.targets.forEach((target, index) => {
    const series = world.cloudWatch.metrics.seriesOf({
      namespace: 'AWS/SageMaker',
      metricName: 'InvocationsPerInstance',
      dimensions: { EndpointName: target.endpointName, VariantName: target.variantName },
    });
    series.fill(index % 10 === 0 ? 2000 : 500, 0, 30);
  });
  world.cloudWatch.evaluateAlarms(now);
  return world.cloudWatch.describeAlarms({ stateValue: 'ALARM' }).length;
}

interface Figures {
  targets: number;
  concurrency: number;
  inAlarm: number;
  seconds: number;
  calls: Map<string, number>;
  outcomes: number;
}

async function measure(size: number, concurrency: number, dynamoEndpoint: string): Promise<Figures> {
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  const world = benchWorld(now);
  const emulator = await startEmulator({ backend: world });
  const { client, documentClient: plain } = localDynamoClients(dynamoEndpoint);
  plain.destroy();
  const tableName = `tick-bench-${size}-${concurrency}-${Date.now()}`;
  try {
    const config = stepPoliciesOnly(fleetConfig(size));
    await seedScalingConfig(config, {
      endpoint: emulator.endpoint,
      region: REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const inAlarm = publishTraffic(world, config, now);
    await createLocalTable(client, tableName);
    const calls = new Map<string, number>();
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = `dynamodb.${context.commandName?.replace(/Command$/, '') ?? 'unknown'}`;
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'countCalls' },
    );
    const documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    process.env.AWS_ENDPOINT_URL_SAGEMAKER = emulator.endpoint;
    process.env.AWS_ENDPOINT_URL_CLOUDWATCH = emulator.endpoint;
    const sagemaker = createSageMakerClient();
    const cloudwatch = createCloudWatchClient();
    const ports = {
      config,
      endpoints: new SageMakerEndpoints(sagemaker),
      store: new DynamoDbStateStore(documentClient, { tableName }),
      ids: { nextId: () => crypto.randomUUID() },
      endpointLock: new DynamoDbEndpointLock(documentClient, tableName),
      alarms: new CloudWatchAlarms(cloudwatch),
    };
    const phases: Record<string, number> = {};
    const timed =
      <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
      async (...args: A) => {
        const start = performance.now();
        try {
          return await fn(...args);
        } finally {
          phases[name] = (phases[name] ?? 0) + performance.now() - start;
        }
      };
    ports.alarms.alarmsInAlarm = timed('alarms', ports.alarms.alarmsInAlarm.bind(ports.alarms));
    ports.store.loadStates = timed('states', ports.store.loadStates.bind(ports.store));
    const before = new Map(emulator.calls);
    emulator.latency(LATENCY_MS);
    const started = performance.now();
    const result = await tickFleet(ports, now, `tick-bench-${size}`, { concurrency });
    const seconds = (performance.now() - started) / 1000;
    emulator.latency(0);
    for (const [name, count] of emulator.calls) {
      const made = count - (before.get(name) ?? 0);
      if (made > 0) calls.set(name, made);
    }
    sagemaker.destroy();
    cloudwatch.destroy();
    if (process.env.TICK_BENCH_PHASES) console.log(phases);
    return { targets: size, concurrency, inAlarm, seconds, calls, outcomes: result.outcomes.length };
  } finally {
    client.destroy();
    await emulator.stop();
  }
}

function row(figures: Figures): string {
  const total = [...figures.calls.values()].reduce((sum, count) => sum + count, 0);
  const byApi = [...figures.calls.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, count]) => `${name.split('.')[1]} ${count}`)
    .join(', ');
  return `| ${figures.targets} | ${figures.inAlarm} | ${figures.concurrency} | ${total} | ${byApi} | ${figures.outcomes} | ${figures.seconds.toFixed(2)} s |`;
}

const dynamo = await startDynamoDbLocal();
try {
  console.log(
    `one tick, ${LATENCY_MS} ms injected on every SageMaker and CloudWatch call, DynamoDB Local on loopback\n`,
  );
  // Warm-up, not printed: the first SDK calls and DynamoDB Local's first transactions are slow.
  await measure(10, 16, dynamo.endpoint);
  console.log('| targets | alarms in ALARM | concurrency | AWS calls | by API | outcomes | duration |');
  console.log('|---|---|---|---|---|---|---|');
  for (const size of SIZES) {
    const paced = await measure(size, 16, dynamo.endpoint);
    console.log(row(paced));
    const baseline = await measure(size, 1, dynamo.endpoint);
    console.log(row(baseline));
    console.log(
      `|   | speed-up of the paced tick over one-by-one: ${(baseline.seconds / paced.seconds).toFixed(1)}x |`,
    );
  }
} finally {
  await dynamo.stop();
}
