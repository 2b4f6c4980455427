import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { Command } from 'commander';
import { beforeEach, describe, expect, it } from 'vitest';
import { registerForecast } from '../../../shared/cli/commands/forecast.ts';
import { defaultOperateDeps } from '../../../shared/cli/commands/operate-support.ts';
import { CliError } from '../../../shared/cli/errors.ts';
import { createOperateClients } from '../../../shared/operate/clients.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2025-03-03T10:17:00.000Z');
const cloudwatch = mockClient(CloudWatchClient);

/** Answers GetMetricData with one data point a minute, `requests` each, for the last `hours` hours before NOW. */
function invocationsFor(hours: number, requests = 30) {
  cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
    const from = Math.max((input.StartTime as Date).getTime(), NOW - hours * HOUR);
    const to = (input.EndTime as Date).getTime();
    const timestamps: Date[] = [];
    for (let time = Math.ceil(from / MINUTE) * MINUTE; time < Math.min(to, NOW); time += MINUTE)
      timestamps.push(new Date(time));
    return {
      MetricDataResults: [
        { Id: 'invocations', Timestamps: timestamps, Values: timestamps.map(() => requests) },
      ],
    };
  });
}

async function runForecast(args: string[]) {
  let output = '';
  const program = new Command('scaler').exitOverride();
  registerForecast(program, {
    ...defaultOperateDeps,
    env: {},
    now: () => NOW,
    write: (text) => {
      output += text;
    },
    clients: () => createOperateClients({ region: 'eu-west-1' }),
  });
  try {
    await program.parseAsync(['node', 'scaler', 'forecast', ...args]);
    return { output, error: undefined };
  } catch (error) {
    if (error instanceof CliError) return { output, error };
    throw error;
  }
}

beforeEach(() => cloudwatch.reset());

describe('scaler forecast --from-cloudwatch', () => {
  it("forecasts from the variant's Invocations over the 14 days before the current whole hour", async () => {
    invocationsFor(3 * 24);
    const run = await runForecast(['--from-cloudwatch', '--target', 'reco-prod/AllTraffic', '--json']);
    expect(run.error).toBeUndefined();
    const origin = Date.parse('2025-03-03T10:00:00.000Z');
    expect(cloudwatch).toHaveReceivedNthCommandWith(GetMetricDataCommand, 1, {
      StartTime: new Date(origin - 14 * 24 * HOUR),
      EndTime: new Date(origin),
    });
    const printed = JSON.parse(run.output);
    expect(printed.points).toHaveLength(48);
    expect(printed.points[0]).toEqual({ time: '2025-03-03T10:00:00.000Z', requests: 1800 });
    expect(printed.history).toEqual({
      from: '2025-02-28T11:00:00.000Z',
      to: '2025-03-03T10:00:00.000Z',
      hours: 71,
      hoursWithData: 71,
    });
  });

  it('says there is not enough history for a variant that has served less than a day (exit 2)', async () => {
    invocationsFor(10);
    const run = await runForecast(['--from-cloudwatch', '--target', 'reco-prod/AllTraffic']);
    expect(run.error?.exitCode).toBe(2);
    expect(run.error?.message).toMatch(
      /^reco-prod\/AllTraffic: not enough history: 9 hours with data in the 14 days before 2025-03-03T10:00:00Z; a forecast needs 24 \(/,
    );
  });

  it('needs a target written endpoint/variant (exit 2)', async () => {
    const run = await runForecast(['--from-cloudwatch', '--target', 'reco-prod']);
    expect(run.error?.exitCode).toBe(2);
    expect(run.error?.message).toBe("--from-cloudwatch needs --target endpoint/variant, found 'reco-prod'");
    expect(cloudwatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 0);
  });

  it('refuses two histories at once (exit 2)', async () => {
    const run = await runForecast(['--from-cloudwatch', '--trace', 'x.csv', '--target', 'a/b']);
    expect(run.error?.message).toBe('choose one history: --trace FILE or --from-cloudwatch, not both');
  });

  it('turns access denied into a sentence and exit 3', async () => {
    cloudwatch
      .on(GetMetricDataCommand)
      .rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDenied' }));
    const run = await runForecast([
      '--from-cloudwatch',
      '--target',
      'reco-prod/AllTraffic',
      '--region',
      'eu-west-1',
    ]);
    expect(run.error?.exitCode).toBe(3);
    expect(run.error?.message).toBe('not allowed in eu-west-1: User is not authorized');
  });
});
