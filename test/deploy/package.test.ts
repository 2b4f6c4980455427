/**
 * `serverless package`, offline, on the example scaling.yml, on a two-target fixture and on an
 * invalid file: the generated CloudFormation template and the bundles it points at. Each
 * configuration is packaged once (beforeAll); the describe blocks run one after the other, since
 * serverless-esbuild builds in the repository's own .esbuild folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../deploy/cfn.ts';
import { FAILED_ACTIVITY_PATTERN } from '../../deploy/resources/alerting.ts';
import { FUNCTIONS, ON_ALARM, ON_SCHEDULE, ON_TICK } from '../../deploy/stack.ts';
import { zipEntries } from '../../deploy/zip-entries.ts';
import { PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '../../shared/adapters/aws/table-design.ts';
import { parseScheduledEvent } from '../../shared/events/index.ts';
import { FAILED_ACTIVITY_LOG_MESSAGE } from '../../shared/wiring/outcome-telemetry.ts';
import { schemaProblems } from './cfn-schema.ts';
import { type PackageRun, serverlessPackage } from './serverless-package.ts';
import {
  ACCOUNT,
  actionsOf,
  ofType,
  REGION,
  render,
  resource,
  resourcesOf,
  roleStatements,
  type Template,
} from './template.ts';

const arn = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;

function templateOf(run: PackageRun): Template {
  if (run.template === undefined)
    throw new Error(`serverless package failed (${run.exitCode}):\n${run.output}`);
  return run.template;
}

/** Every IAM statement of every role in the stack. */
function allRoleStatements(template: Template) {
  return ofType(template, 'AWS::IAM::Role').flatMap(([id, role]) =>
    roleStatements(role).map((statement) => ({ id, statement })),
  );
}

describe('serverless package with the example scaling.yml', () => {
  let run: PackageRun;
  let template: Template;

  beforeAll(async () => {
    run = await serverlessPackage();
    template = templateOf(run);
  });

  afterAll(() => {
    if (run) rmSync(run.workspace, { recursive: true, force: true });
  });

  it('conforms to the CloudFormation resource schemas: types, property names, required properties, shapes', () => {
    expect(Object.keys(template.Resources).length).toBeGreaterThan(40);
    expect(schemaProblems(template)).toEqual([]);
  });

  it('runs every function on nodejs24.x, arm64, with its own execution role and the table name', () => {
    for (const fn of FUNCTIONS) {
      const properties = resource(template, fn.functionId).Properties ?? {};
      expect(properties.Runtime).toBe('nodejs24.x');
      expect(properties.Architectures).toEqual(['arm64']);
      expect(properties.Role).toEqual({ 'Fn::GetAtt': [fn.roleId, 'Arn'] });
      const variables = (properties.Environment as { Variables: Record<string, string> }).Variables;
      expect(variables.SCALER_TABLE_NAME).toBe('sagemaker-scaler-test');
      expect(variables).not.toHaveProperty('SCALER_CONFIG_FILE');
    }
    expect(ofType(template, 'AWS::IAM::Role').map(([id]) => id)).not.toContain('IamRoleLambdaExecution');
  });

  it('reserves a concurrency of one for the tick only, with a timeout under the minute', () => {
    expect(resource(template, ON_TICK.functionId).Properties?.ReservedConcurrentExecutions).toBe(1);
    expect(resource(template, ON_TICK.functionId).Properties?.Timeout).toBeLessThan(60);
    expect(resource(template, ON_ALARM.functionId).Properties).not.toHaveProperty(
      'ReservedConcurrentExecutions',
    );
    expect(resource(template, ON_SCHEDULE.functionId).Properties).not.toHaveProperty(
      'ReservedConcurrentExecutions',
    );
  });

  it('sends every function failed async invocations to its own queue, after bounded retries', () => {
    const expected = { onAlarm: [2, 3600], onSchedule: [2, 21600], onTick: [0, 60] };
    for (const fn of FUNCTIONS) {
      const [config] = ofType(template, 'AWS::Lambda::EventInvokeConfig').filter(
        ([, candidate]) =>
          JSON.stringify(candidate.Properties?.FunctionName) === JSON.stringify({ Ref: fn.functionId }),
      );
      const properties = config?.[1].Properties ?? {};
      expect(properties.DestinationConfig).toEqual({
        OnFailure: { Destination: { 'Fn::GetAtt': [fn.failureQueueId, 'Arn'] } },
      });
      expect([properties.MaximumRetryAttempts, properties.MaximumEventAgeInSeconds]).toEqual(
        expected[fn.key],
      );
    }
  });

  it('keeps the deployment bucket private and versioned', () => {
    const bucket = resource(template, 'ServerlessDeploymentBucket').Properties ?? {};
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('keeps each log group 30 days', () => {
    for (const fn of FUNCTIONS) {
      expect(resource(template, fn.logGroupId).Properties?.RetentionInDays).toBe(30);
    }
  });

  it('creates the table from the table design, with PITR, SSE, TTL, deletion protection and Retain', () => {
    const table = resource(template, 'ScalerTable');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      TableName: 'sagemaker-scaler-test',
      KeySchema: [
        { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
        { AttributeName: SORT_KEY, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it('creates each declared alarm on the variant, with no alarm actions', () => {
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm')
      .map(([, alarm]) => alarm.Properties ?? {})
      .filter((properties) => String(properties.AlarmName).startsWith('fraud-detector-'));
    expect(alarms.map((properties) => properties.AlarmName).sort()).toEqual([
      'fraud-detector-invocations-high',
      'fraud-detector-invocations-low',
    ]);
    for (const properties of alarms) {
      expect(properties).toMatchObject({
        Namespace: 'AWS/SageMaker',
        MetricName: 'InvocationsPerInstance',
        Dimensions: [
          { Name: 'EndpointName', Value: 'fraud-detector' },
          { Name: 'VariantName', Value: 'AllTraffic' },
        ],
        Statistic: 'Sum',
        Period: 60,
        TreatMissingData: 'missing',
      });
      expect(properties).not.toHaveProperty('AlarmActions');
    }
    const high = alarms.find((properties) => properties.AlarmName === 'fraud-detector-invocations-high');
    expect(high).toMatchObject({
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Threshold: 800,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('routes the managed alarms state changes to on-alarm, with retries and a dead-letter queue', () => {
    const rule = resource(template, 'AlarmStateChangeRule').Properties ?? {};
    expect(rule.EventPattern).toEqual({
      source: ['aws.cloudwatch'],
      'detail-type': ['CloudWatch Alarm State Change'],
      detail: {
        alarmName: [
          'fraud-detector-invocations-high',
          'fraud-detector-invocations-low',
          'ScalerTargetTracking-endpoint/fraud-detector/variant/AllTraffic-invocations-per-instance-AlarmHigh',
          'ScalerTargetTracking-endpoint/fraud-detector/variant/AllTraffic-invocations-per-instance-AlarmLow',
        ],
      },
    });
    const [target] = rule.Targets as Record<string, Json>[];
    expect(target).toMatchObject({
      Arn: { 'Fn::GetAtt': [ON_ALARM.functionId, 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: 3600 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['AlarmRuleDeadLetterQueue', 'Arn'] } },
    });
    expect(resource(template, 'AlarmStateChangeRuleInvokePermission').Properties).toMatchObject({
      FunctionName: { 'Fn::GetAtt': [ON_ALARM.functionId, 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['AlarmStateChangeRule', 'Arn'] },
    });
  });

  it("creates the target tracking policy's two alarms with the scaler's names and no actions", () => {
    const tracking = ofType(template, 'AWS::CloudWatch::Alarm')
      .map(([, alarm]) => alarm.Properties ?? {})
      .filter((properties) => String(properties.AlarmName).startsWith('ScalerTargetTracking-'));
    const dimensions = [
      { Name: 'EndpointName', Value: 'fraud-detector' },
      { Name: 'VariantName', Value: 'AllTraffic' },
    ];
    const common = {
      Namespace: 'AWS/SageMaker',
      MetricName: 'InvocationsPerInstance',
      Statistic: 'Sum',
      Period: 60,
      Dimensions: dimensions,
      TreatMissingData: 'missing',
    };
    expect(tracking).toEqual([
      expect.objectContaining({
        ...common,
        AlarmName:
          'ScalerTargetTracking-endpoint/fraud-detector/variant/AllTraffic-invocations-per-instance-AlarmHigh',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
        Threshold: 600,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
      expect.objectContaining({
        ...common,
        AlarmName:
          'ScalerTargetTracking-endpoint/fraud-detector/variant/AllTraffic-invocations-per-instance-AlarmLow',
        EvaluationPeriods: 15,
        DatapointsToAlarm: 15,
        Threshold: 540,
        ComparisonOperator: 'LessThanThreshold',
      }),
    ]);
    for (const properties of tracking) expect(properties.AlarmActions).toBeUndefined();
  });

  it('ticks on-tick every minute, with its own dead-letter queue', () => {
    const rule = resource(template, 'TickRule').Properties ?? {};
    expect(rule.ScheduleExpression).toBe('rate(1 minute)');
    expect((rule.Targets as Json[])[0]).toMatchObject({
      Arn: { 'Fn::GetAtt': [ON_TICK.functionId, 'Arn'] },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['TickRuleDeadLetterQueue', 'Arn'] } },
    });
  });

  it('schedules each action in its time zone, exactly on time, with the scaled-action event as input', () => {
    const schedules = ofType(template, 'AWS::Scheduler::Schedule').map(
      ([, schedule]) => schedule.Properties ?? {},
    );
    expect(schedules.map((schedule) => schedule.ScheduleExpression).sort()).toEqual([
      'cron(0 18 ? * FRI *)',
      'cron(0 6 ? * MON *)',
    ]);
    for (const schedule of schedules) {
      expect(schedule.ScheduleExpressionTimezone).toBe('Europe/Berlin');
      expect(schedule.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
      const target = schedule.Target as Record<string, Json>;
      expect(target.Arn).toEqual({ 'Fn::GetAtt': [ON_SCHEDULE.functionId, 'Arn'] });
      expect(target.RoleArn).toEqual({ 'Fn::GetAtt': ['SchedulerInvokeRole', 'Arn'] });
      expect(target.RetryPolicy).toMatchObject({ MaximumEventAgeInSeconds: expect.any(Number) });
      expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': ['ScheduleDeadLetterQueue', 'Arn'] } });
      const input = JSON.parse(String(target.Input)) as Record<string, unknown>;
      expect(input).toMatchObject({
        version: '0',
        id: '<aws.scheduler.execution-id>',
        'detail-type': 'Scheduled Scaling Action',
        source: 'sagemaker-scaler',
        time: '<aws.scheduler.scheduled-time>',
        detail: { endpointName: 'fraud-detector', variantName: 'AllTraffic' },
      });
      // What the Scheduler delivers once it has filled in its context attributes parses.
      const delivered = String(target.Input)
        .replace('<aws.scheduler.execution-id>', 'c0ffee00-0000-4000-8000-000000000001')
        .replace('<aws.scheduler.scheduled-time>', '2026-11-27T17:00:00Z');
      expect(parseScheduledEvent(JSON.parse(delivered)).scheduledTime).toBe(
        Date.parse('2026-11-27T17:00:00Z'),
      );
    }
  });

  it('lets the Scheduler role invoke on-schedule only, and write only its dead-letter queue', () => {
    const statements = roleStatements(resource(template, 'SchedulerInvokeRole'));
    expect(statements.map((statement) => [actionsOf(statement), resourcesOf(statement)])).toEqual([
      [['lambda:InvokeFunction'], [`<${ON_SCHEDULE.functionId}.Arn>`]],
      [['sqs:SendMessage'], ['<ScheduleDeadLetterQueue.Arn>']],
    ]);
  });

  it('encrypts every queue and lets exactly one sender write it', () => {
    const queues = ofType(template, 'AWS::SQS::Queue');
    expect(queues.map(([id]) => id).sort()).toEqual(
      [
        'AlarmRuleDeadLetterQueue',
        'OnAlarmFailureQueue',
        'OnScheduleFailureQueue',
        'OnTickFailureQueue',
        'ScheduleDeadLetterQueue',
        'TickRuleDeadLetterQueue',
      ].sort(),
    );
    for (const [id, queue] of queues) {
      expect(queue.Properties?.SqsManagedSseEnabled).toBe(true);
      const policy = resource(template, `${id}Policy`).Properties?.PolicyDocument as {
        Statement: { Effect: string; Principal: Json; Action: string; Condition?: Json }[];
      };
      const allows = policy.Statement.filter((statement) => statement.Effect === 'Allow');
      expect(allows).toHaveLength(1);
      expect(allows[0]?.Action).toBe('sqs:SendMessage');
      expect(allows[0]?.Principal).not.toBe('*');
    }
    const ruleSender = resource(template, 'AlarmRuleDeadLetterQueuePolicy').Properties?.PolicyDocument as {
      Statement: { Principal: Json; Condition?: Json }[];
    };
    expect(ruleSender.Statement[0]).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Condition: { ArnEquals: { 'aws:SourceArn': [{ 'Fn::GetAtt': ['AlarmStateChangeRule', 'Arn'] }] } },
    });
  });

  it('never grants a sagemaker: or dynamodb: action on "*"', () => {
    const scoped = allRoleStatements(template).filter(({ statement }) =>
      actionsOf(statement).some(
        (action) => action.startsWith('sagemaker:') || action.startsWith('dynamodb:'),
      ),
    );
    expect(scoped.length).toBeGreaterThan(0);
    for (const { statement } of scoped) {
      expect(resourcesOf(statement)).not.toContain('*');
    }
  });

  it('grants each function the table, its own log group and failure queue, and the endpoints tagged for it', () => {
    for (const fn of FUNCTIONS) {
      const statements = roleStatements(resource(template, fn.roleId));
      const grants = (action: string) =>
        statements.filter((statement) => actionsOf(statement).includes(action)).flatMap(resourcesOf);
      expect(grants('dynamodb:BatchGetItem')).toEqual(['<ScalerTable.Arn>']);
      expect(grants('dynamodb:PutItem')).toEqual(['<ScalerTable.Arn>']);
      expect(grants('dynamodb:DeleteItem')).toEqual(['<ScalerTable.Arn>']);
      expect(grants('logs:PutLogEvents')).toEqual([`<${fn.logGroupId}.Arn>`]);
      expect(grants('sqs:SendMessage')).toEqual([`<${fn.failureQueueId}.Arn>`]);
      // Endpoints by the deployment's tag (test/deploy/iam-policy-logic.test.ts evaluates it).
      const resize = statements.find((statement) =>
        actionsOf(statement).includes('sagemaker:UpdateEndpointWeightsAndCapacities'),
      );
      expect(resize && resourcesOf(resize)).toEqual([arn('sagemaker', 'endpoint/*')]);
      expect(resize?.Condition).toEqual({
        StringEquals: { 'aws:ResourceTag/sagemaker-scaler:test': 'active' },
      });
    }
  });

  it('gives CloudWatch reads to the tick only, naming the statement AWS allows no narrower', () => {
    const tick = roleStatements(resource(template, ON_TICK.roleId));
    const describe = tick.filter((statement) => actionsOf(statement).includes('cloudwatch:DescribeAlarms'));
    expect(describe.flatMap(resourcesOf)).toEqual([
      arn('cloudwatch', 'alarm:ScalerTargetTracking-*'),
      arn('cloudwatch', 'alarm:*'),
    ]);
    expect(describe[1]?.Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/sagemaker-scaler:test': 'alarm' },
    });
    const metricData = tick.find((statement) => actionsOf(statement).includes('cloudwatch:GetMetricData'));
    expect(metricData).toMatchObject({
      Sid: 'GetMetricDataSupportsNoResourceLevelPermissions',
      Resource: '*',
    });
    for (const fn of [ON_ALARM, ON_SCHEDULE]) {
      const actions = roleStatements(resource(template, fn.roleId)).flatMap(actionsOf);
      expect(actions.filter((action) => action.startsWith('cloudwatch:'))).toEqual([]);
    }
    const alarmActions = roleStatements(resource(template, ON_ALARM.roleId)).flatMap(actionsOf);
    expect(alarmActions.filter((action) => action.startsWith('application-autoscaling:'))).toEqual([]);
  });

  it('alerts on failed activities, dead letters, long deferrals and tick errors, through one encrypted topic', () => {
    const topic = resource(template, 'AlertTopic').Properties ?? {};
    expect(topic.KmsMasterKeyId).toEqual({ Ref: 'AlertTopicKey' });
    expect(resource(template, 'AlertEmailSubscription').Condition).toBe('AlertEmailIsSet');
    expect(template.Conditions?.AlertEmailIsSet).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });

    const alerts = ofType(template, 'AWS::CloudWatch::Alarm')
      .map(([, alarm]) => alarm.Properties ?? {})
      .filter((properties) => properties.AlarmActions !== undefined);
    for (const properties of alerts) expect(properties.AlarmActions).toEqual([{ Ref: 'AlertTopic' }]);
    const metrics = alerts.map((properties) => `${properties.Namespace}/${properties.MetricName}`);
    expect(metrics).toContain('SageMakerScaler/FailedActivityLogLines');
    expect(metrics).toContain('SageMakerScaler/DeferredIntents');
    expect(metrics).toContain('AWS/Lambda/Errors');
    expect(metrics.filter((metric) => metric === 'AWS/SQS/ApproximateNumberOfMessagesVisible')).toHaveLength(
      ofType(template, 'AWS::SQS::Queue').length,
    );
    const tickErrors = alerts.find((properties) => properties.MetricName === 'Errors');
    expect(tickErrors?.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: ON_TICK.functionId } }]);

    const filters = ofType(template, 'AWS::Logs::MetricFilter').map(([, filter]) => filter.Properties ?? {});
    expect(filters.map((filter) => filter.LogGroupName)).toEqual(
      FUNCTIONS.map((fn) => ({ Ref: fn.logGroupId })),
    );
    for (const filter of filters) {
      expect(filter.FilterPattern).toBe(FAILED_ACTIVITY_PATTERN);
      expect(String(filter.FilterPattern)).toContain(FAILED_ACTIVITY_LOG_MESSAGE);
    }
  });

  it('draws a dashboard with the desired capacity and each alarm metric against its threshold', () => {
    const dashboard = resource(template, 'ScalerDashboard').Properties ?? {};
    const body = JSON.parse(render(dashboard.DashboardBody)) as {
      widgets: { properties: Record<string, unknown> }[];
    };
    const text = JSON.stringify(body);
    expect(text).toContain(
      'MetricName=\\"DesiredCapacity\\" target=\\"endpoint/fraud-detector/variant/AllTraffic\\"',
    );
    expect(text).toContain('MetricName=\\"Decisions\\" action=\\"scale-out\\"');
    const thresholds = body.widgets.flatMap(
      (widget) =>
        (widget.properties.annotations as { horizontal?: { value: number }[] } | undefined)?.horizontal ?? [],
    );
    expect(thresholds.map((annotation) => annotation.value)).toEqual(expect.arrayContaining([800, 300]));
    expect(text).toContain(`"region":"${REGION}"`);
  });

  it('ships only the minified bundle, which starts with the configuration inlined and no scaling.yml', () => {
    const files = readdirSync(run.directory).filter((name) => name.endsWith('.zip'));
    expect(files.sort()).toEqual(['onAlarm.zip', 'onSchedule.zip', 'onTick.zip']);
    const entries = zipEntries(join(run.directory, 'onAlarm.zip'));
    const names = [...entries.keys()];
    // One file: the bundle (ESM or CommonJS, whichever serverless.yml chose), no map, no YAML.
    expect(names).toHaveLength(1);
    const [name = ''] = names;
    expect(name).toMatch(/^functions\/on-alarm\.(cjs|mjs)$/);

    // Import it in a fresh process, in an empty directory with no scaling.yml and no config variable.
    const sandbox = mkdtempSync(join(tmpdir(), 'scaler-bundle-'));
    try {
      const bundle = join(sandbox, name);
      mkdirSync(dirname(bundle), { recursive: true });
      writeFileSync(bundle, entries.get(name) ?? '');
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, SCALER_TABLE_NAME: 't', AWS_REGION: REGION };
      const result = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(bundle)}); console.log(typeof m.handler);`,
        ],
        { cwd: sandbox, env, encoding: 'utf8', timeout: 30_000 },
      );
      expect(result.stderr).not.toContain('Error');
      expect(result.stdout.trim()).toBe('function');
    } finally {
      rmSync(sandbox, { recursive: true, force: true });
    }
  });
});

describe('serverless package with two targets', () => {
  let run: PackageRun;
  let template: Template;

  beforeAll(async () => {
    run = await serverlessPackage({
      config: 'test/fixtures/config/two-targets.yml',
      alertEmail: 'ops@example.com',
      logRetentionDays: '14',
    });
    template = templateOf(run);
  });

  afterAll(() => {
    if (run) rmSync(run.workspace, { recursive: true, force: true });
  });

  it('conforms to the CloudFormation resource schemas (an alert e-mail subscription included)', () => {
    expect(ofType(template, 'AWS::SNS::Subscription')).toHaveLength(1);
    expect(schemaProblems(template)).toEqual([]);
  });

  it('grants the SageMaker endpoint actions only on endpoints tagged for this deployment', () => {
    for (const { statement } of allRoleStatements(template)) {
      const sagemaker = actionsOf(statement).filter((action) => action.startsWith('sagemaker:'));
      if (sagemaker.length === 0 || sagemaker.includes('sagemaker:DescribeEndpointConfig')) continue;
      expect(resourcesOf(statement)).toEqual([arn('sagemaker', 'endpoint/*')]);
      expect(Object.keys((statement.Condition as { StringEquals: object }).StringEquals)).toEqual([
        'aws:ResourceTag/sagemaker-scaler:test',
      ]);
    }
  });

  it('creates one alarm, one schedule per target and rules for both alarm names', () => {
    const created = ofType(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});
    const cpu = created.find((properties) => properties.AlarmName === 'recommender-cpu-high');
    expect(cpu).toMatchObject({
      Namespace: '/aws/sagemaker/Endpoints',
      Dimensions: [
        { Name: 'EndpointName', Value: 'recommender' },
        { Name: 'VariantName', Value: 'Primary' },
      ],
      Statistic: 'Average',
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
    });
    const schedules = ofType(template, 'AWS::Scheduler::Schedule').map(
      ([, schedule]) => schedule.Properties ?? {},
    );
    // A scheduled action without a time zone runs in UTC.
    expect(schedules.map((schedule) => schedule.ScheduleExpressionTimezone).sort()).toEqual([
      'Europe/Berlin',
      'UTC',
    ]);
    const pattern = resource(template, 'AlarmStateChangeRule').Properties?.EventPattern as { detail: Json };
    expect(pattern.detail).toEqual({
      alarmName: ['fraud-detector-invocations-high', 'recommender-cpu-high'],
    });
  });

  it('takes the alert e-mail and the log retention from --param', () => {
    expect(template.Conditions?.AlertEmailIsSet).toEqual({
      'Fn::Not': [{ 'Fn::Equals': ['ops@example.com', ''] }],
    });
    expect(resource(template, 'AlertEmailSubscription').Properties).toMatchObject({
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    expect(resource(template, ON_TICK.logGroupId).Properties?.RetentionInDays).toBe(14);
  });
});

describe('serverless package with an invalid scaling.yml', () => {
  let run: PackageRun;

  beforeAll(async () => {
    run = await serverlessPackage({ config: 'test/fixtures/config/invalid-five-errors.yml' });
  });

  afterAll(() => {
    if (run) rmSync(run.workspace, { recursive: true, force: true });
  });

  it('fails with the validator path: message lines and packages nothing', () => {
    expect(run.exitCode).not.toBe(0);
    for (const line of [
      'targets[0].minCapacity: must be <= maxCapacity (found 6 > 2)',
      'targets[0].stepPolicies[0].stepAdjustments[1]: overlaps',
      "targets[0].scheduledActions[0].schedule: cron day-of-month and day-of-week: exactly one must be '?'",
      'targets[1].stepPolicies[0].stepAdjustments[1]: leaves a gap',
      'targets[1].scheduledActions[0].timezone: expected an IANA time zone name',
    ]) {
      expect(run.output).toContain(line);
    }
    expect(run.output).toContain('5 problems');
    expect(readdirSync(run.directory)).toEqual([]);
  });
});
