/**
 * Seeds a DynamoDB Local with a realistic night of the fraud detector (through the production use
 * cases, so every record is one the functions would write) and runs the operate commands against
 * it, printing each command and its output: the samples of docs/operate.md.
 *
 *   node bin/run-ts.mjs scripts/operate-demo.ts
 *
 * DynamoDB is DynamoDB Local, reached as the local stack is: through AWS_ENDPOINT_URL_DYNAMODB.
 * SageMaker, CloudWatch and Application Auto Scaling answer through aws-sdk-client-mock with
 * real-shaped responses (there is no local emulator of them here): see operate-demo-world.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerOperate } from '../shared/cli/commands/operate.ts';
import { defaultOperateDeps } from '../shared/cli/commands/operate-support.ts';
import { CliError } from '../shared/cli/errors.ts';
import { loadConfigFile } from '../shared/config/index.ts';
import type { AlarmTrigger } from '../shared/domain/model.ts';
import { createLocalTable, localDynamoClients, startDynamoDbLocal } from '../shared/local/dynamodb-local.ts';
import { createOperateClients } from '../shared/operate/clients.ts';
import { createOperateContext } from '../shared/operate/context.ts';
import type { AlarmEvaluation } from '../shared/ports/alarm-reader.ts';
import { handleAlarm } from '../shared/usecases/handle-alarm.ts';
import { handleSchedule } from '../shared/usecases/handle-schedule.ts';
import { handleTick } from '../shared/usecases/handle-tick.ts';
import { HIGH, LOW, mockNativeSetup, mockRuntimeWorld, REGION, t } from './operate-demo-world.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// As against the local stack: dummy credentials (DynamoDB Local accepts any; the mocks ignore them).
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
const config = loadConfigFile('scaling.yml');
const world = mockRuntimeWorld();

const local = await startDynamoDbLocal();
process.env.AWS_ENDPOINT_URL_DYNAMODB = local.endpoint;
const { client } = localDynamoClients(local.endpoint);
await createLocalTable(client, 'sagemaker-scaler-demo');
const context = createOperateContext({
  stage: 'demo',
  env: {},
  clients: createOperateClients({ region: REGION }),
});
const inAlarm: AlarmEvaluation[] = [];
const ports = { ...context.scalerPorts(config), alarms: { alarmsInAlarm: async () => inAlarm } };

function alarm(
  name: string,
  time: number,
  state: 'ALARM' | 'OK',
  values: number[],
  threshold: number,
): AlarmTrigger {
  return {
    kind: 'alarm',
    eventId: `evt-${time}`,
    eventTime: time,
    alarmName: name,
    state,
    previousState: state === 'OK' ? 'ALARM' : 'OK',
    stateTimestamp: time,
    datapoints: values,
    threshold,
    reevaluation: false,
  };
}
async function ticks(from: number, to: number) {
  for (let now = from; now <= to; now += 60_000) await handleTick(ports, now, `tick:${now.toString(36)}`);
}

// Friday evening: the weekend floor; the night: a burst, then quiet.
await handleSchedule(
  ports,
  {
    kind: 'scheduled',
    eventId: 'exec-1',
    endpointName: 'fraud-detector',
    variantName: 'AllTraffic',
    scheduledActionName: 'weekend-peak',
    scheduledTime: t(27, 17, 0),
  },
  t(27, 17, 0) + 2_000,
);
await handleAlarm(ports, alarm(HIGH, t(28, 3, 5), 'ALARM', [850, 900, 950], 800), t(28, 3, 5));
inAlarm.push({ alarmName: HIGH, stateTimestamp: t(28, 3, 5), threshold: 800, datapoints: [930, 960, 1050] });
await ticks(t(28, 3, 6), t(28, 3, 11));
(inAlarm[0] as AlarmEvaluation).datapoints = [912];
await ticks(t(28, 3, 12), t(28, 3, 13));
inAlarm.length = 0;
await handleAlarm(ports, alarm(HIGH, t(28, 3, 14), 'OK', [620], 800), t(28, 3, 14));
await handleAlarm(ports, alarm(LOW, t(28, 4, 40), 'ALARM', [210, 190, 200], 300), t(28, 4, 40));

// The commands, as an operator would run them.
async function scaler(now: number, ...args: string[]) {
  const shown = args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg));
  process.stdout.write(`\n$ scaler ${shown.join(' ')}\n`);
  const program = new Command('scaler').exitOverride();
  registerOperate(program, {
    ...defaultOperateDeps,
    env: {},
    now: () => now,
    operator: () => 'oncall',
    clients: (options) => createOperateClients({ region: options.region ?? REGION }),
  });
  try {
    await program.parseAsync(['node', 'scaler', ...args]);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stdout.write(`${error.message}\n(exit ${error.exitCode})\n`);
  }
}
const stage = ['--stage', 'demo', '--region', REGION];
await scaler(
  t(28, 5, 0),
  'pause',
  'fraud-detector/AllTraffic',
  '--in',
  '--reason',
  'investigating p99 latency (INC-4711)',
  ...stage,
);
await handleAlarm(
  ports,
  {
    ...alarm(LOW, t(28, 5, 20), 'ALARM', [170, 180, 175], 300),
    previousState: 'ALARM',
    stateTimestamp: t(28, 4, 40),
    reevaluation: true,
  },
  t(28, 5, 20),
);
await scaler(t(28, 5, 45), 'status', ...stage);
await scaler(t(28, 5, 45), 'history', '--since', '12h', '--limit', '12', '--wide', ...stage);
await scaler(
  t(28, 5, 45),
  'history',
  'fraud-detector/AllTraffic',
  '--reason',
  'CooldownInEffect,ScalingSuspended',
  '--limit',
  '3',
  '--wide',
  ...stage,
);
await scaler(t(28, 5, 45), 'history', 'fraud-detector/AllTraffic', '--limit', '1', '--json', ...stage);
await scaler(
  t(28, 5, 45),
  'why',
  'fraud-detector/AllTraffic',
  '--at',
  '2026-11-28T03:12:00Z',
  '--window',
  '10m',
  ...stage,
);
await scaler(
  t(28, 5, 45),
  'why',
  'fraud-detector/AllTraffic',
  '--at',
  '2026-11-28T05:20:00Z',
  '--window',
  '5m',
  ...stage,
);
await scaler(t(28, 5, 45), 'why', 'fraud-detector/AllTraffic', '--at', '2026-11-28T01:00:00Z', ...stage);
await scaler(t(28, 5, 46), 'resume', 'fraud-detector/AllTraffic', '--in', ...stage);
await scaler(t(28, 5, 46), 'history', 'fraud-detector', '--limit', '3', '--wide', ...stage);
await scaler(t(28, 5, 47), 'status', 'fraud-detector', '--stage', 'prod', '--region', REGION);
await scaler(t(28, 5, 47), 'why', 'fraud-detector/Canary', ...stage);

// Import: the same rules as native AAS, with a target-tracking policy left native.
mockNativeSetup(world);
await scaler(t(28, 6, 0), 'import', '--endpoint', 'fraud-detector', '--region', REGION, '--adopt-alarms');
// --out writes the file (here into a scratch directory) and prints the notes and the commands.
process.chdir(mkdtempSync(join(tmpdir(), 'scaler-import-')));
await scaler(
  t(28, 6, 0),
  'import',
  '--endpoint',
  'fraud-detector',
  '--region',
  REGION,
  '--out',
  'scaling.yml',
);

context.clients.destroy();
client.destroy();
await local.stop();
