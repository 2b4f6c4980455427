import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../shared/config/index.ts';
import { startLocalStack } from '../../shared/local/stack.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SCALING_YML = join(ROOT, 'scaling.yml');

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The DynamoDB Local (Java) processes whose parent is `pid` (Linux /proc). The CLI has other
 * children too (tsx's esbuild service), which exit on their own after it does.
 */
function javaChildrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('DynamoDBLocal');
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Resolves with the child's stdout so far once `marker` shows; keeps reading (a closed pipe would kill it). */
function outputUntil(child: ChildProcess, marker: string): Promise<string> {
  let text = '';
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (text.includes(marker)) resolve(text);
    });
    child.once('exit', () => reject(new Error(`the process ended before printing '${marker}':\n${text}`)));
  });
}

/** `export NAME=value` lines into a map. */
function exported(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
}

describe('the local stack', () => {
  it("seeds scaling.yml's endpoint at minCapacity and its alarms, and leaves no Java process once stopped", async () => {
    const config = loadConfigFile(SCALING_YML);
    const stack = await startLocalStack({ config, configFile: SCALING_YML, seed: true });
    const javaPid = stack.dynamo.pid;
    const clientConfig = {
      endpoint: stack.emulator.endpoint,
      region: stack.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    const sagemaker = new SageMakerClient(clientConfig);
    const cloudwatch = new CloudWatchClient(clientConfig);
    try {
      const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'fraud-detector' }));
      const alarms = await cloudwatch.send(new DescribeAlarmsCommand({}));

      expect(endpoint.ProductionVariants?.map((v) => [v.VariantName, v.DesiredInstanceCount])).toEqual([
        ['AllTraffic', 2],
      ]);
      expect(alarms.MetricAlarms?.map((a) => [a.AlarmName, a.Threshold, a.StateValue])).toEqual([
        // CloudWatch lists alarms by name: the target tracking policy's two, named after it, first.
        [
          'ScalerTargetTracking-endpoint/fraud-detector/variant/AllTraffic-invocations-per-instance-AlarmHigh',
          600,
          'INSUFFICIENT_DATA',
        ],
        [
          'ScalerTargetTracking-endpoint/fraud-detector/variant/AllTraffic-invocations-per-instance-AlarmLow',
          540,
          'INSUFFICIENT_DATA',
        ],
        ['fraud-detector-invocations-high', 800, 'INSUFFICIENT_DATA'],
        ['fraud-detector-invocations-low', 300, 'INSUFFICIENT_DATA'],
      ]);
      expect(isRunning(javaPid)).toBe(true);
    } finally {
      sagemaker.destroy();
      cloudwatch.destroy();
      await stack.stop();
    }

    expect(isRunning(javaPid)).toBe(false);
  });

  it('`scaler local` prints the environment, serves until Ctrl-C, then stops DynamoDB Local with it', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/scaler.mjs'), 'local', '--quiet'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    const text = await outputUntil(child, 'Running until Ctrl-C.');
    const environment = exported(text);
    const [javaPid] = javaChildrenOf(child.pid ?? -1);
    const sagemaker = new SageMakerClient({
      endpoint: environment.AWS_ENDPOINT_URL_SAGEMAKER,
      region: environment.AWS_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'fraud-detector' }));
    sagemaker.destroy();

    child.kill('SIGINT');
    const [code] = await exited;

    expect(Object.keys(environment).sort()).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING',
      'AWS_ENDPOINT_URL_CLOUDWATCH',
      'AWS_ENDPOINT_URL_DYNAMODB',
      'AWS_ENDPOINT_URL_SAGEMAKER',
      'AWS_REGION',
      'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
      'AWS_SECRET_ACCESS_KEY',
      'SCALER_CONFIG_FILE',
      'SCALER_TABLE_NAME',
    ]);
    expect(endpoint.EndpointStatus).toBe('InService');
    expect(javaPid).toBeDefined();
    expect(code).toBe(0);
    expect(isRunning(javaPid as number)).toBe(false);
  });
});
