import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CredentialsProviderError } from '@smithy/core/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperateClients } from '../../../shared/operate/clients.ts';
import { useDynamoDbLocal } from '../../support/dynamodb-local.ts';
import { configFile, runCli } from './operate-fixture.ts';

const dynamo = useDynamoDbLocal();
const ROOT = new URL('../../../', import.meta.url).pathname;
const NOW = Date.UTC(2026, 10, 28, 3, 12, 0);
let config = '';

beforeAll(() => {
  config = configFile();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.local.endpoint;
});
afterAll(() => {
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
});

/** Clients whose credential provider finds nothing, as the default chain does on a machine without any. */
const noCredentials = () =>
  createOperateClients({
    region: 'eu-west-1',
    credentials: async () => {
      throw new CredentialsProviderError('Could not load credentials from any providers', {
        tryNextLink: false,
      });
    },
  });

describe('operate commands fail with a sentence and an exit code', () => {
  it('says how to provide credentials when there are none (exit 3)', async () => {
    for (const args of [
      ['status', '--config', config],
      ['history', '--config', config],
      ['import', '--endpoint', 'fraud-detector'],
    ]) {
      const run = await runCli(args, { env: {}, now: () => NOW, clients: noCredentials });
      expect(run.error?.exitCode).toBe(3);
      expect(run.error?.message).toMatch(
        /^no AWS credentials found \(Could not load credentials from any providers\): provide them the standard way: `aws configure`/,
      );
    }
  });

  it('names the table and region when the stage is not deployed (exit 3)', async () => {
    const run = await runCli(['history', '--stage', 'nope', '--config', config], { env: {}, now: () => NOW });
    expect(run.error?.exitCode).toBe(3);
    expect(run.error?.message).toBe(
      'table sagemaker-scaler-nope not found in eu-west-1: deployed? (check --stage nope and --region, or set SCALER_TABLE_NAME)',
    );
  });

  it('lists the known targets for an unknown one (exit 2)', async () => {
    const run = await runCli(['why', 'fraud-detector/Canary', '--config', config], {
      env: {},
      now: () => NOW,
    });
    expect(run.error?.exitCode).toBe(2);
    expect(run.error?.message).toBe(
      'no target "fraud-detector/Canary" in scaling.yml. Known targets: fraud-detector/AllTraffic, recommender/AllTraffic',
    );
  });

  it('refuses a malformed --at or --since (exit 2)', async () => {
    const at = await runCli(['why', 'fraud-detector', '--config', config, '--at', 'yesterday'], {
      env: {},
      now: () => NOW,
    });
    expect(at.error?.exitCode).toBe(2);
    expect(at.error?.message).toContain('--at expects an ISO-8601 instant with its zone');
    const since = await runCli(['history', '--config', config, '--since', '3 fortnights'], {
      env: {},
      now: () => NOW,
    });
    expect(since.error?.exitCode).toBe(2);
  });

  it('exits 2 from the real binary, with the message on stderr and no stack trace', () => {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/scaler.mjs'), 'status', 'nope/AllTraffic', '--config', config],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      'no target "nope/AllTraffic" in scaling.yml. Known targets: fraud-detector/AllTraffic, recommender/AllTraffic',
    );
    expect(run.stdout).toBe('');
  });
});
