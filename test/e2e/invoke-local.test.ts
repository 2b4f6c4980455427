import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeEndpointCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../shared/config/index.ts';
import { type LocalStack, startLocalStack } from '../../shared/local/stack.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SCALING_YML = join(ROOT, 'scaling.yml');

/**
 * A private copy of the service (symlinks, and the service file copied as osls wants a regular
 * file): serverless-esbuild builds in `<service>/.esbuild`, which another packaging of the
 * repository at the same time (a test, a benchmark, a developer) would share.
 */
const workspace = mkdtempSync(join(tmpdir(), 'scaler-invoke-local-'));
for (const name of ['node_modules', 'deploy', 'functions', 'shared', 'events', 'scaling.yml']) {
  symlinkSync(join(ROOT, name), join(workspace, name));
}
for (const name of ['serverless.yml', 'package.json']) copyFileSync(join(ROOT, name), join(workspace, name));

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    config: loadConfigFile(SCALING_YML),
    configFile: 'scaling.yml',
    seed: true,
  });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

/** Runs a command in the service with the local stack's environment; resolves with its exit and output. */
async function run(command: string, args: string[]) {
  // As a user's shell has it: without the variable vitest.config.ts sets for every test, so the
  // notice, if any, would show.
  const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _, ...userEnv } = process.env;
  const child = spawn(command, args, {
    cwd: workspace,
    env: {
      ...userEnv,
      ...stack.environment,
      POWERTOOLS_METRICS_DISABLED: 'true',
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A hung CLI fails the test (serverless-esbuild keeps its build context open after a failed invoke).
  const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code: code as number | null, output };
}

describe('serverless invoke local against the local stack', () => {
  it("runs the bundled on-alarm with the sample alarm event and moves the emulated endpoint's desired capacity", async () => {
    const sagemaker = new SageMakerClient({
      endpoint: stack.emulator.endpoint,
      region: stack.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const desired = async () =>
      (await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'fraud-detector' })))
        .ProductionVariants?.[0]?.DesiredInstanceCount;
    const before = await desired();

    // What the README tells a user to type, with `scaler local`'s environment exported.
    const invoked = await run('npx', [
      'serverless',
      'invoke',
      'local',
      '--stage',
      'local',
      '-f',
      'onAlarm',
      '-p',
      'events/alarm/invocations-high-alarm.json',
    ]);
    const after = await desired();
    sagemaker.destroy();

    expect(invoked.code, invoked.output).toBe(0);
    // No SDK notice about Node versions it will stop supporting (on Node 20 the SDK announces that
    // its 2027 releases need Node 22), nor any other deprecation.
    expect(invoked.output).not.toMatch(
      /NodeVersionSupportWarning|NodeDeprecationWarning|will require node|deprecat/i,
    );
    expect(invoked.output).toContain(
      '"reason": "Average 880.83 against threshold 800 (delta 80.83) matched step [0, 200) +1: 2 -> 3"',
    );
    expect(before).toBe(2);
    expect(after).toBe(3);
    expect(stack.emulator.calls.get('sagemaker.UpdateEndpointWeightsAndCapacities')).toBe(1);
  }, 240_000);
});
