/**
 * The deploy half of the packaging plugin, with a stand-in for the osls provider: after osls has
 * uploaded its artifacts, the nested templates go to the same bucket and directory.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
type Plugin = { hooks: Record<string, () => Promise<void>> };
const ScalerNestedStacks = require('../../deploy/nested-stacks-plugin.cjs') as new (
  serverless: unknown,
  options: unknown,
) => Plugin;

describe('the packaging plugin at deploy time', () => {
  let serviceDir = '';
  afterEach(() => rmSync(serviceDir, { recursive: true, force: true }));

  it('uploads each nested template beside the function code, encrypted as the bucket is set up', async () => {
    serviceDir = mkdtempSync(join(tmpdir(), 'scaler-plugin-'));
    mkdirSync(join(serviceDir, '.serverless'));
    for (const name of ['fleet-01.json', 'fleet-02.json', 'cloudformation-template-update-stack.json']) {
      writeFileSync(join(serviceDir, '.serverless', name), `{"name":"${name}"}`);
    }
    const requests: { service: string; method: string; params: Record<string, unknown> }[] = [];
    const provider = {
      getServerlessDeploymentBucketName: async () => 'deployment-bucket',
      request: async (service: string, method: string, params: Record<string, unknown>) => {
        requests.push({ service, method, params });
        return {};
      },
    };
    const serverless = {
      serviceDir,
      getProvider: () => provider,
      classes: { Error },
      service: {
        package: {},
        custom: { scaler: {} },
        provider: {
          deploymentBucketObject: { serverSideEncryption: 'AES256' },
          compiledCloudFormationTemplate: {
            Resources: {
              OnAlarmLambdaFunction: {
                Type: 'AWS::Lambda::Function',
                Properties: {
                  Code: {
                    S3Bucket: { Ref: 'ServerlessDeploymentBucket' },
                    S3Key: 'serverless/s/prod/123/onAlarm.zip',
                  },
                },
              },
            },
          },
        },
      },
    };
    const plugin = new ScalerNestedStacks(serverless, {});
    await plugin.hooks['after:aws:deploy:deploy:uploadArtifacts']?.();
    expect(
      requests.map((r) => [
        r.service,
        r.method,
        r.params.Bucket,
        r.params.Key,
        r.params.ServerSideEncryption,
      ]),
    ).toEqual([
      ['S3', 'putObject', 'deployment-bucket', 'serverless/s/prod/123/fleet-01.json', 'AES256'],
      ['S3', 'putObject', 'deployment-bucket', 'serverless/s/prod/123/fleet-02.json', 'AES256'],
    ]);
    expect(String(requests[0]?.params.Body)).toBe('{"name":"fleet-01.json"}');
  });
});
