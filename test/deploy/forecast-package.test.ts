/**
 * `serverless package`, offline, with predictive policies (test/fixtures/config/predictive.yml) and
 * with the same file without them: the forecast function with its own bundle, role, schedule,
 * dead-letter queues and alarms in the first; none of it, and nothing else changed, in the second.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Json } from '../../deploy/cfn.ts';
import { FAILED_ACTIVITY_PATTERN } from '../../deploy/resources/alerting.ts';
import { FORECAST_IDS, TARGET_PARTITION_PATTERN } from '../../deploy/resources/forecast.ts';
import { FORECAST_ERRORS_ALARM, forecastFunctionName } from '../../deploy/resources/forecast-alerting.ts';
import { FORECAST, FUNCTIONS } from '../../deploy/stack.ts';
import { zipEntries } from '../../deploy/zip-entries.ts';
import { schemaProblems } from './cfn-schema.ts';
import { expectWithinLimits } from './fleet-limits.ts';
import { type PackageRun, ROOT, serverlessPackage } from './serverless-package.ts';
import {
  actionsOf,
  ofType,
  REGION,
  resource,
  resourcesOf,
  roleStatements,
  type Template,
} from './template.ts';

const FIXTURE = 'test/fixtures/config/predictive.yml';
const WITHOUT = 'reactive-scaling.yml';

/** The fixture with every predictive policy taken out. */
function withoutPredictivePolicies(): string {
  const document = parse(readFileSync(join(ROOT, FIXTURE), 'utf8')) as { targets: Record<string, unknown>[] };
  for (const target of document.targets) delete target.predictivePolicies;
  return stringify(document);
}

function templateOf(run: PackageRun | undefined): Template {
  if (run?.template === undefined)
    throw new Error(`serverless package failed (${run?.exitCode}):\n${run?.output}`);
  return run.template;
}

/** The bundle file inside a function's zip, and its text. */
function bundleOf(run: PackageRun, key: string): [string, string] {
  const entries = zipEntries(join(run.directory, `${key}.zip`));
  const [name = ''] = [...entries.keys()];
  return [name, String(entries.get(name) ?? '')];
}

describe('serverless package with and without predictive policies', () => {
  let withForecast: PackageRun;
  let without: PackageRun;
  let template: Template;

  beforeAll(async () => {
    [withForecast, without] = await Promise.all([
      serverlessPackage({ config: FIXTURE }),
      serverlessPackage({ config: WITHOUT }, 100_000, { [WITHOUT]: withoutPredictivePolicies() }),
    ]);
    template = templateOf(withForecast);
    templateOf(without);
  }, 200_000);

  afterAll(() => {
    for (const run of [withForecast, without])
      if (run) rmSync(run.workspace, { recursive: true, force: true });
  });

  it('packages the forecast function like the others: nodejs24.x, arm64, the table, its role, a 5-minute timeout, 30-day logs', () => {
    const properties = resource(template, FORECAST.functionId).Properties ?? {};
    expect(properties).toMatchObject({
      Handler: 'functions/forecast.handler',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 300,
      FunctionName: forecastFunctionName({ service: 'sagemaker-scaler', stage: 'test' }),
      Role: { 'Fn::GetAtt': [FORECAST.roleId, 'Arn'] },
      Environment: { Variables: { SCALER_TABLE_NAME: 'sagemaker-scaler-test' } },
    });
    // One run an hour never races itself: no reservation taken from the account's pool.
    expect(properties).not.toHaveProperty('ReservedConcurrentExecutions');
    expect(resource(template, FORECAST.logGroupId).Properties?.RetentionInDays).toBe(30);
    expect(schemaProblems(template)).toEqual([]);
    expectWithinLimits('root', template);
  });

  it('sends a failed run, after two retries within 55 minutes, to its own encrypted queue', () => {
    const [[, config] = []] = ofType(template, 'AWS::Lambda::EventInvokeConfig').filter(
      ([, candidate]) =>
        JSON.stringify(candidate.Properties?.FunctionName) === JSON.stringify({ Ref: FORECAST.functionId }),
    );
    expect(config?.Properties).toMatchObject({
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3300,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [FORECAST.failureQueueId, 'Arn'] } } },
    });
    for (const queue of [FORECAST.failureQueueId, FORECAST_IDS.scheduleDlq]) {
      expect(resource(template, queue).Properties?.SqsManagedSseEnabled).toBe(true);
      const policy = resource(template, `${queue}Policy`).Properties?.PolicyDocument as {
        Statement: { Effect: string; Principal: Json }[];
      };
      expect(policy.Statement.filter((statement) => statement.Effect === 'Allow')).toHaveLength(1);
    }
  });

  it("grants its role the log group, the targets' items, its queue and GetMetricData, and nothing of SageMaker", () => {
    const statements = roleStatements(resource(template, FORECAST.roleId));
    expect(
      statements.map((statement) => [statement.Sid, actionsOf(statement), resourcesOf(statement)]),
    ).toEqual([
      ['WriteOwnLogGroup', ['logs:CreateLogStream', 'logs:PutLogEvents'], [`<${FORECAST.logGroupId}.Arn>`]],
      [
        'ReadStateWriteForecastsAndHistoryOfTargetsOnly',
        ['dynamodb:BatchGetItem', 'dynamodb:PutItem'],
        ['<ScalerTable.Arn>'],
      ],
      ['SendOwnFailureRecords', ['sqs:SendMessage'], [`<${FORECAST.failureQueueId}.Arn>`]],
      ['GetMetricDataSupportsNoResourceLevelPermissions', ['cloudwatch:GetMetricData'], ['*']],
    ]);
    expect(statements[1]?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [TARGET_PARTITION_PATTERN] },
    });
    const actions = statements.flatMap(actionsOf);
    expect(actions.filter((action) => action.startsWith('sagemaker:'))).toEqual([]);
    expect(JSON.stringify(resource(template, FORECAST.roleId))).not.toContain(
      'UpdateEndpointWeightsAndCapacities',
    );
  });

  it('runs it every hour at :05 UTC from EventBridge Scheduler, with a role that may invoke it only', () => {
    const schedules = ofType(template, 'AWS::Scheduler::Schedule').filter(([, schedule]) =>
      JSON.stringify(schedule.Properties?.Target ?? {}).includes(`"${FORECAST.functionId}","Arn"`),
    );
    expect(schedules.map(([id]) => id)).toEqual([FORECAST_IDS.schedule]);
    expect(schedules[0]?.[1].Properties).toMatchObject({
      ScheduleExpression: 'cron(5 * * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        RoleArn: { 'Fn::GetAtt': [FORECAST_IDS.schedulerRole, 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [FORECAST_IDS.scheduleDlq, 'Arn'] } },
      },
    });
    const invokes = roleStatements(resource(template, FORECAST_IDS.schedulerRole)).filter((statement) =>
      actionsOf(statement).includes('lambda:InvokeFunction'),
    );
    expect(invokes.flatMap(resourcesOf)).toEqual([`<${FORECAST.functionId}.Arn>`]);
  });

  it('alarms on its two queues and its errors, and counts its failed-activity log lines', () => {
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm').map(
      ([id, alarm]) => [id, alarm.Properties ?? {}] as const,
    );
    const onQueue = (queue: string) =>
      alarms.filter(([, p]) => JSON.stringify(p.Dimensions ?? []).includes(`"${queue}","QueueName"`));
    expect(onQueue(FORECAST.failureQueueId)).toHaveLength(1);
    expect(onQueue(FORECAST_IDS.scheduleDlq)).toHaveLength(1);
    expect(resource(template, FORECAST_ERRORS_ALARM).Properties).toMatchObject({
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: FORECAST.functionId } }],
      AlarmActions: [{ Ref: 'AlertTopic' }],
    });
    const filter = resource(template, `${FORECAST.logGroupId}FailedActivityFilter`).Properties ?? {};
    expect(filter).toMatchObject({
      LogGroupName: { Ref: FORECAST.logGroupId },
      FilterPattern: FAILED_ACTIVITY_PATTERN,
    });
  });

  it('builds its own bundle, with the forecasting model that no other bundle carries and no SageMaker client', () => {
    expect(
      readdirSync(withForecast.directory)
        .filter((name) => name.endsWith('.zip'))
        .sort(),
    ).toEqual(['forecast.zip', 'onAlarm.zip', 'onSchedule.zip', 'onTick.zip']);
    const [name, forecast] = bundleOf(withForecast, 'forecast');
    expect(name).toMatch(/^functions\/forecast\.(cjs|mjs)$/);
    // A sentence only the forecasting model (shared/domain/forecast) writes.
    const modelText = 'hours with data in the';
    expect(forecast).toContain(modelText);
    expect(forecast).not.toContain('UpdateEndpointWeightsAndCapacities');
    for (const fn of FUNCTIONS) expect(bundleOf(withForecast, fn.key)[1], fn.key).not.toContain(modelText);

    // It loads in a fresh process with nothing but its environment, as Lambda starts it.
    const sandbox = mkdtempSync(join(tmpdir(), 'scaler-forecast-bundle-'));
    try {
      const file = join(sandbox, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, forecast);
      const result = spawnSync(
        process.execPath,
        ['-e', `const m = require(${JSON.stringify(file)}); console.log(typeof m.handler);`],
        {
          cwd: sandbox,
          env: { PATH: process.env.PATH, SCALER_TABLE_NAME: 't', AWS_REGION: REGION },
          encoding: 'utf8',
          timeout: 30_000,
        },
      );
      expect(result.stderr).not.toContain('Error');
      expect(result.stdout.trim()).toBe('function');
    } finally {
      rmSync(sandbox, { recursive: true, force: true });
    }
  });

  it('deploys none of it without a predictive policy, and changes nothing else', () => {
    const plain = templateOf(without);
    expect(
      readdirSync(without.directory)
        .filter((name) => name.endsWith('.zip'))
        .sort(),
    ).toEqual(['onAlarm.zip', 'onSchedule.zip', 'onTick.zip']);
    expect(Object.keys(plain.Resources).filter((id) => id.includes('Forecast'))).toEqual([]);
    const added = Object.keys(template.Resources).filter((id) => !(id in plain.Resources));
    expect(added.filter((id) => !id.includes('Forecast'))).toEqual([]);
    expect(Object.keys(plain.Resources).filter((id) => !(id in template.Resources))).toEqual([]);
    // Every shared resource is the same, but where the code is (a new S3 key per packaging) and
    // the dashboard (the forecast's widget and alarms).
    const located = (value: unknown) => JSON.stringify(value).replace(/"S3Key":"[^"]*"/g, '"S3Key":"<key>"');
    for (const [id, built] of Object.entries(plain.Resources)) {
      if (id === 'ScalerDashboard') continue;
      expect(located(template.Resources[id]), id).toBe(located(built));
    }
  });
});
