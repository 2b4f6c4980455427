/**
 * Handler benchmark: p50/p99 latency of one alarm decision through the real `on-alarm` handler
 * (middy chain, use case, DynamoDB adapter) against DynamoDB Local, SageMaker mocked in process
 * at the SDK client, and the number of AWS calls each kind of decision makes.
 *
 * Run: `node bin/run-ts.mjs bench/handler.bench.ts`. Figures are for this 2-core machine with
 * DynamoDB Local on loopback: they measure the scaler's own work and round trips, not AWS.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbEndpointLock } from '../shared/adapters/aws/dynamodb-endpoint-lock.ts';
import { DynamoDbStateStore } from '../shared/adapters/aws/dynamodb-state-store.ts';
import { SageMakerEndpoints } from '../shared/adapters/aws/sagemaker-endpoints.ts';
import { loadConfigFile } from '../shared/config/index.ts';
import { createLocalTable, localDynamoClients, startDynamoDbLocal } from '../shared/local/dynamodb-local.ts';
import { lambdaContext } from '../shared/local/lambda-context.ts';
import { alarmHandler, type HandlerResult } from '../shared/wiring/handlers.ts';
import { mockSageMakerEndpoint } from '../test/support/sagemaker-mock.ts';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
const ROUNDS = 300;

const local = await startDynamoDbLocal();
try {
  const { client } = localDynamoClients(local.endpoint);
  await createLocalTable(client, 'bench');
  const dynamoCalls: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      dynamoCalls.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const sagemaker = mockSageMakerEndpoint('fraud-detector', { AllTraffic: 2 });
  const config = loadConfigFile('scaling.yml');
  let clock = Date.UTC(2026, 10, 23, 10, 0, 0);
  let ids = 0;
  const handler = alarmHandler({
    config,
    ports: {
      config,
      endpoints: new SageMakerEndpoints(new SageMakerClient({})),
      store: new DynamoDbStateStore(documentClient, { tableName: 'bench' }),
      ids: { nextId: () => `act-${++ids}` },
      endpointLock: new DynamoDbEndpointLock(documentClient, 'bench'),
    },
    logger: new Logger({ serviceName: 'bench', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'SageMakerScaler', serviceName: 'bench' }),
    now: () => clock,
  });
  const sample = JSON.parse(readFileSync('events/alarm/invocations-high-alarm.json', 'utf8'));
  const samples: Record<string, { ms: number[]; dynamo: number; sagemaker: number; count: number }> = {};
  for (let round = 0; round < ROUNDS; round++) {
    // One event a minute for a sustained breach: a scale-out every 5 minutes (the cooldown),
    // not-scaled decisions in between; capacity is reset so max is never reached.
    clock += 60_000;
    if (round % 40 === 0) sagemaker.counts.set('AllTraffic', 2);
    const event = { ...sample, id: `bench-${round}` };
    const dynamoBefore = dynamoCalls.length;
    const sagemakerBefore = sagemaker.mock.calls().length;
    const started = performance.now();
    const result = (await handler(event, lambdaContext())) as HandlerResult;
    const ms = performance.now() - started;
    const outcome = result.outcomes[0];
    const kind = outcome?.action === 'none' ? `not scaled (${outcome.reasonCode})` : `${outcome?.action}`;
    const entry = samples[kind] ?? { ms: [], dynamo: 0, sagemaker: 0, count: 0 };
    if (round >= 20) entry.ms.push(ms); // the first rounds warm up the JIT and connections
    entry.dynamo += dynamoCalls.length - dynamoBefore;
    entry.sagemaker += sagemaker.mock.calls().length - sagemakerBefore;
    entry.count += 1;
    samples[kind] = entry;
  }
  const percentile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  };
  console.log(
    `on-alarm through the handler, DynamoDB Local ${local.version}, SageMaker mocked; ${ROUNDS} events`,
  );
  console.log('decision                        n    p50 ms  p99 ms  DynamoDB calls  SageMaker calls');
  for (const [kind, entry] of Object.entries(samples)) {
    console.log(
      `${kind.padEnd(30)} ${String(entry.count).padStart(4)}  ${percentile(entry.ms, 50).toFixed(1).padStart(6)}  ${percentile(entry.ms, 99).toFixed(1).padStart(6)}  ${(entry.dynamo / entry.count).toFixed(1).padStart(14)}  ${(entry.sagemaker / entry.count).toFixed(1).padStart(15)}`,
    );
  }
  sagemaker.mock.restore();
} finally {
  await local.stop();
}
