/**
 * `scaler local` driven by an outside AWS client: Debian's AWS CLI 2.9 (`/usr/bin/aws`, from the
 * `awscli` package; never another `aws` on the PATH, such as a pyenv shim of CLI v1), which speaks
 * CloudWatch's Query protocol. It lists the alarms, publishes InvocationsPerInstance above the
 * high alarm's threshold for the last four minutes, and reads the endpoint's desired count back
 * until it rises: CloudWatch's evaluation on the wall clock, the event to the real on-alarm
 * handler, the SageMaker update, end to end. The README's "Try it locally" shows this flow.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLOUDWATCH_QUERY_TYPES,
  CLOUDWATCH_STRING_STRUCTURES,
} from '../../shared/local/emulator/query-protocol.ts';
import {
  AWS_CLI,
  awsCliEnv as cliEnv,
  type RunningLocal,
  startScalerLocal,
} from '../support/scaler-local.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BOTOCORE_CLOUDWATCH =
  '/usr/lib/python3/dist-packages/awscli/botocore/data/cloudwatch/2010-08-01/service-2.json';
const HIGH = 'fraud-detector-invocations-high';
/** The alarms of scaling.yml's target tracking policy (target 600): high above it, low below 90 %. */
const TRACKING = 'ScalerTargetTracking-endpoint/fraud-detector/variant/AllTraffic-invocations-per-instance';

let local: RunningLocal;
let endpoint = '';
/** What scaler local printed so far. */
const output = () => local.output();

function aws(...args: string[]): { code: number | null; json: unknown; stderr: string } {
  const run = spawnSync(AWS_CLI, ['--endpoint-url', endpoint, '--output', 'json', ...args], {
    env: cliEnv,
    encoding: 'utf8',
  });
  const text = run.stdout.trim();
  return { code: run.status, json: text === '' ? undefined : JSON.parse(text), stderr: run.stderr };
}

function desiredCount(): number {
  const described = aws('sagemaker', 'describe-endpoint', '--endpoint-name', 'fraud-detector').json as {
    ProductionVariants: { DesiredInstanceCount: number }[];
  };
  return described.ProductionVariants[0]?.DesiredInstanceCount ?? Number.NaN;
}

beforeAll(async () => {
  expect(existsSync(AWS_CLI), `${AWS_CLI} is missing: apt-get install -y awscli (.ci/run does)`).toBe(true);
  local = await startScalerLocal(process.execPath, [join(ROOT, 'bin/scaler.mjs'), 'local', '--quiet'], {
    cwd: ROOT,
  });
  endpoint = local.emulatorEndpoint;
});

afterAll(async () => {
  await local?.stop();
});

describe('scaler local, driven by the AWS CLI', () => {
  it('is Debian’s AWS CLI 2.9, whose CloudWatch speaks the Query protocol', () => {
    const version = spawnSync(AWS_CLI, ['--version'], { env: cliEnv, encoding: 'utf8' });
    expect(version.stdout).toMatch(/^aws-cli\/2\.9\./);
    const model = JSON.parse(readFileSync(BOTOCORE_CLOUDWATCH, 'utf8')) as { metadata: { protocol: string } };
    expect(model.metadata.protocol).toBe('query');
  });

  it('types every non-string member of the CloudWatch operations served as the CLI’s own model does', () => {
    const model = JSON.parse(readFileSync(BOTOCORE_CLOUDWATCH, 'utf8')) as {
      operations: Record<string, { input?: { shape: string }; output?: { shape: string } }>;
      shapes: Record<
        string,
        { type: string; members?: Record<string, { shape: string }>; member?: { shape: string } }
      >;
    };
    const served = [
      'PutMetricAlarm',
      'DescribeAlarms',
      'DescribeAlarmsForMetric',
      'SetAlarmState',
      'PutMetricData',
      'GetMetricData',
      'GetMetricStatistics',
    ];
    const SCALARS: Record<string, string> = {
      integer: 'integer',
      long: 'integer',
      double: 'double',
      float: 'double',
      boolean: 'boolean',
      timestamp: 'timestamp',
    };
    const mismatches: string[] = [];
    const walk = (shape: string, name: string, inStrings: boolean, seen: Set<string>) => {
      const node = model.shapes[shape];
      if (!node || seen.has(shape)) return;
      const next = new Set([...seen, shape]);
      if (node.type === 'structure') {
        for (const [member, ref] of Object.entries(node.members ?? {}))
          walk(ref.shape, member, inStrings || CLOUDWATCH_STRING_STRUCTURES.has(member), next);
      } else if (node.type === 'list' && node.member) {
        walk(node.member.shape, name, inStrings, next);
      } else if (node.type !== 'map') {
        const ours = inStrings ? undefined : CLOUDWATCH_QUERY_TYPES[name];
        const theirs = SCALARS[node.type];
        if (ours !== theirs) mismatches.push(`${name}: model ${node.type}, emulator ${ours ?? 'string'}`);
      }
    };
    for (const operation of served) {
      const { input, output: result } = model.operations[operation] ?? {};
      if (input) walk(input.shape, operation, false, new Set());
      if (result) walk(result.shape, operation, false, new Set());
    }
    expect([...new Set(mismatches)]).toEqual([]);
  });

  it('red-team 6.1 / 6.3 / must show: alarms evaluated on the wall clock from published metrics reach on-alarm; lists the alarms, takes four minutes of InvocationsPerInstance above the high threshold, and the desired count rises within 150 s', {
    timeout: 240_000,
  }, async () => {
    const alarms = aws('cloudwatch', 'describe-alarms').json as {
      MetricAlarms: { AlarmName: string; Threshold: number; StateValue: string }[];
    };
    // In name order, as CloudWatch lists them.
    expect(alarms.MetricAlarms.map((a) => [a.AlarmName, a.Threshold])).toEqual([
      [`${TRACKING}-AlarmHigh`, 600],
      [`${TRACKING}-AlarmLow`, 540],
      [HIGH, 800],
      ['fraud-detector-invocations-low', 300],
    ]);
    const before = desiredCount();

    // The last four whole minutes, in the past as CloudWatch takes them; AWS/ on purpose.
    const now = Date.now();
    const minutes = [4, 3, 2, 1].map((back) => new Date(Math.floor(now / 60_000) * 60_000 - back * 60_000));
    const metricData = minutes.map((at) => ({
      MetricName: 'InvocationsPerInstance',
      Dimensions: [
        { Name: 'EndpointName', Value: 'fraud-detector' },
        { Name: 'VariantName', Value: 'AllTraffic' },
      ],
      Timestamp: at.toISOString(),
      Value: 1500,
      Unit: 'Count',
    }));
    const published = aws(
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'AWS/SageMaker',
      '--metric-data',
      JSON.stringify(metricData),
    );
    const publishedAt = Date.now();
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);

    const statistics = aws(
      'cloudwatch',
      'get-metric-statistics',
      '--namespace',
      'AWS/SageMaker',
      '--metric-name',
      'InvocationsPerInstance',
      '--dimensions',
      'Name=EndpointName,Value=fraud-detector',
      'Name=VariantName,Value=AllTraffic',
      '--start-time',
      new Date(now - 10 * 60_000).toISOString(),
      '--end-time',
      new Date(now).toISOString(),
      '--period',
      '60',
      '--statistics',
      'Sum',
    ).json as { Datapoints: { Sum: number }[] };
    expect(statistics.Datapoints.map((d) => d.Sum)).toEqual([1500, 1500, 1500, 1500]);

    let desired = before;
    while (desired === before && Date.now() - publishedAt < 150_000) {
      await sleep(5_000);
      desired = desiredCount();
    }
    const seconds = (Date.now() - publishedAt) / 1000;

    expect(before).toBe(2);
    // Average 1500 - 800 = 700: step [200, +inf) +3; tracking at 600: ceil(2 x 1500 / 600) = 5 too.
    expect(desired).toBe(5);
    expect(seconds).toBeLessThan(150);
    const high = (aws('cloudwatch', 'describe-alarms', '--alarm-names', HIGH).json as typeof alarms)
      .MetricAlarms[0];
    expect(high?.StateValue).toBe('ALARM');
    // The handler prints its decision once it has recorded it, just after SageMaker accepted it:
    // whichever of the two high alarms reached on-alarm first made the change.
    const decision =
      /alarm (fraud-detector-invocations-high|ScalerTargetTracking-\S+-AlarmHigh) -> ALARM: .* scale-out 2 -> 5/;
    for (let wait = 0; wait < 20 && !decision.test(output()); wait++) await sleep(500);
    expect(output()).toMatch(decision);
  });

  it('red-team 6.2: answers DescribeAlarmsForMetric and SetAlarmState as CloudWatch does, errors in its Query codes', () => {
    const forMetric = aws(
      'cloudwatch',
      'describe-alarms-for-metric',
      '--namespace',
      'AWS/SageMaker',
      '--metric-name',
      'InvocationsPerInstance',
      '--statistic',
      'Sum',
      '--dimensions',
      'Name=EndpointName,Value=fraud-detector',
      'Name=VariantName,Value=AllTraffic',
    ).json as { MetricAlarms: { AlarmName: string }[] };
    const unknown = aws(
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'nope',
      '--state-value',
      'ALARM',
      '--state-reason',
      't',
    );
    const badData = aws(
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      HIGH,
      '--state-value',
      'OK',
      '--state-reason',
      't',
      '--state-reason-data',
      '{not json',
    );
    const set = aws(
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'fraud-detector-invocations-low',
      '--state-value',
      'ALARM',
      '--state-reason',
      'testing the scale-in path',
    );
    const low = aws('cloudwatch', 'describe-alarms', '--alarm-names', 'fraud-detector-invocations-low')
      .json as {
      MetricAlarms: { StateValue: string; StateReason: string }[];
    };

    expect(forMetric.MetricAlarms.map((a) => a.AlarmName).sort()).toEqual([
      `${TRACKING}-AlarmHigh`,
      `${TRACKING}-AlarmLow`,
      HIGH,
      'fraud-detector-invocations-low',
    ]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('(ResourceNotFound) when calling the SetAlarmState operation');
    expect(badData.stderr).toContain('(InvalidFormat)');
    expect(set.code).toBe(0);
    expect(low.MetricAlarms[0]).toMatchObject({
      StateValue: 'ALARM',
      StateReason: 'testing the scale-in path',
    });
  });
});
