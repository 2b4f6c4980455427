import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { Command } from 'commander';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultOperateDeps } from '../../../shared/cli/commands/operate-support.ts';
import { registerTune } from '../../../shared/cli/commands/tune.ts';
import { CliError } from '../../../shared/cli/errors.ts';
import { createOperateClients } from '../../../shared/operate/clients.ts';

const NOW = Date.parse('2026-12-06T10:17:42.000Z');
const cloudwatch = mockClient(CloudWatchClient);
const work = mkdtempSync(join(tmpdir(), 'scaler-tune-cw-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const config = join(work, 'scaling.yml');
writeFileSync(
  config,
  `targets:
  - endpointName: ranker
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 20
    targetTrackingPolicies:
      - policyName: mine
        targetValue: 500
        predefinedMetricSpecification: { predefinedMetricType: SageMakerVariantInvocationsPerInstance }
`,
);

/** Runs `scaler tune --from-cloudwatch` in process with the mocked CloudWatch; the CliError it ends with. */
async function tuneFromCloudWatch(): Promise<CliError | undefined> {
  const program = new Command('scaler').exitOverride();
  registerTune(program, {
    ...defaultOperateDeps,
    env: {},
    now: () => NOW,
    clients: () => createOperateClients({ region: 'eu-west-1' }),
  });
  try {
    await program.parseAsync([
      'node',
      'scaler',
      'tune',
      '--config',
      config,
      '--from-cloudwatch',
      '--days',
      '20',
      '--region',
      'eu-west-1',
      '--capacity-per-instance',
      '1000',
      '--max-under-provisioned',
      '1',
      '--out',
      join(work, 'out'),
    ]);
    return undefined;
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
}

beforeEach(() => cloudwatch.reset());

describe('scaler tune --from-cloudwatch, AWS access', () => {
  it('turns access denied into a sentence and exit 3', async () => {
    cloudwatch
      .on(GetMetricDataCommand)
      .rejects(Object.assign(new Error('User is not authorized to GetMetricData'), { name: 'AccessDenied' }));
    const error = await tuneFromCloudWatch();
    expect(error?.exitCode).toBe(3);
    expect(error?.message).toBe('not allowed in eu-west-1: User is not authorized to GetMetricData');
  });

  it('exits 3 when CloudWatch answers the query Forbidden', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'invocations', StatusCode: 'Forbidden', Messages: [{ Code: 'Forbidden', Value: 'no access' }] },
      ],
    });
    const error = await tuneFromCloudWatch();
    expect(error?.exitCode).toBe(3);
    expect(error?.message).toBe(
      'GetMetricData answered Forbidden for the Invocations of ranker/AllTraffic: no access',
    );
  });

  it('reads the older days at 300 s and the last 14 at 60 s, and refuses a variant without data (exit 2)', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'invocations' }] });
    const error = await tuneFromCloudWatch();
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(
      /^ranker\/AllTraffic: CloudWatch has no AWS\/SageMaker Invocations data points/,
    );
    const to = Date.parse('2026-12-06T10:15:00.000Z');
    const boundary = new Date(to - 14 * 86_400_000);
    expect(cloudwatch).toHaveReceivedNthCommandWith(GetMetricDataCommand, 1, {
      StartTime: new Date(to - 20 * 86_400_000),
      EndTime: boundary,
      MetricDataQueries: [expect.objectContaining({ MetricStat: expect.objectContaining({ Period: 300 }) })],
    });
    expect(cloudwatch).toHaveReceivedNthCommandWith(GetMetricDataCommand, 2, {
      StartTime: boundary,
      EndTime: new Date(to),
      MetricDataQueries: [expect.objectContaining({ MetricStat: expect.objectContaining({ Period: 60 }) })],
    });
  });
});
