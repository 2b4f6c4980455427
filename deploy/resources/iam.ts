/**
 * One execution role per function, granting exactly the API calls its adapters make
 * (shared/adapters/aws/*.ts) on exactly the resources scaling.yml names. osls v3 has no
 * per-function IAM of its own, so the roles are built here and set with `role:` in serverless.yml.
 *
 * Where AWS offers no resource-level permission for an action, the statement must say `*`; its
 * Sid says why (JSON has no comments) and docs/deploy.md lists them.
 */
import type { ScalingConfig } from '../../shared/domain/model.ts';
import { getAtt, type Json, policyDocument, type Resources, type Statement, stackArn } from '../cfn.ts';
import { type FunctionSpec, IDS, ON_ALARM, ON_SCHEDULE, ON_TICK } from '../stack.ts';
import { managedAlarmNames } from './alarms.ts';

/**
 * ARNs of the configured endpoints. SageMaker lower-cases names in the ARNs it reports and
 * authorizes (`MyEndpoint` is `endpoint/myendpoint`), and IAM matches ARNs case-sensitively: the
 * lower-cased ARN is the one that counts; the name as written is added when it differs.
 */
export function endpointArns(config: ScalingConfig): Json[] {
  const names = new Set<string>();
  for (const target of config.targets) {
    names.add(target.endpointName.toLowerCase());
    names.add(target.endpointName);
  }
  return [...names].map((name) => stackArn('sagemaker', `endpoint/${name}`));
}

/** ARNs of the alarms the policies listen to (created here or not). */
export function alarmArns(config: ScalingConfig): Json[] {
  return managedAlarmNames(config).map((name) => stackArn('cloudwatch', `alarm:${name}`));
}

/** What every function does: its own log group, the table, its on-failure queue, the endpoints. */
function commonStatements(fn: FunctionSpec, config: ScalingConfig): Statement[] {
  return [
    {
      Sid: 'WriteOwnLogGroup',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      // The log group's Arn attribute ends in `:*`, which covers its log streams.
      Resource: getAtt(fn.logGroupId, 'Arn'),
    },
    {
      // The state store: load = one BatchGetItem; commit = one TransactWriteItems of Puts only,
      // which IAM authorizes as dynamodb:PutItem per item. The endpoint lock: a conditional
      // PutItem to take the lease, a conditional DeleteItem to give it back. Nothing else is
      // sent (Query serves the `scaler history` CLI, run with the operator's own credentials).
      Sid: 'ReadAndCommitScalingState',
      Effect: 'Allow',
      Action: ['dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      Resource: getAtt(IDS.table, 'Arn'),
    },
    {
      Sid: 'SendOwnFailureRecords',
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: getAtt(fn.failureQueueId, 'Arn'),
    },
    {
      Sid: 'ReadAndResizeConfiguredEndpoints',
      Effect: 'Allow',
      Action: ['sagemaker:DescribeEndpoint', 'sagemaker:UpdateEndpointWeightsAndCapacities'],
      Resource: endpointArns(config),
    },
  ];
}

/** `on-schedule` keeps a natively registered target's min/max in step (adapters/aws/application-auto-scaling.ts). */
function nativeBoundsStatements(): Statement[] {
  return [
    {
      Sid: 'AasDescribeSupportsNoResourceLevelPermissions',
      Effect: 'Allow',
      Action: [
        'application-autoscaling:DescribeScalableTargets',
        'application-autoscaling:DescribeScalingPolicies',
        'application-autoscaling:DescribeScheduledActions',
      ],
      Resource: '*',
    },
    {
      // A scalable target's ARN carries a random id, unknown before AAS registers it: scoped to
      // this account's and region's scalable targets, and by condition to SageMaker variants.
      Sid: 'RegisterOnlySageMakerVariantTargets',
      Effect: 'Allow',
      Action: 'application-autoscaling:RegisterScalableTarget',
      Resource: stackArn('application-autoscaling', 'scalable-target/*'),
      Condition: {
        StringEquals: {
          'application-autoscaling:service-namespace': 'sagemaker',
          'application-autoscaling:scalable-dimension': 'sagemaker:variant:DesiredInstanceCount',
        },
      },
    },
    {
      // AAS checks that the caller of RegisterScalableTarget may itself describe and resize the
      // variant (the endpoint statement above) and read its endpoint configuration, whose name
      // scaling.yml does not know.
      Sid: 'AasRegisterChecksEndpointConfigRead',
      Effect: 'Allow',
      Action: 'sagemaker:DescribeEndpointConfig',
      Resource: stackArn('sagemaker', 'endpoint-config/*'),
    },
  ];
}

/** `on-tick` re-reads the alarms still in ALARM (adapters/aws/cloudwatch-alarms.ts). */
function alarmReaderStatements(config: ScalingConfig): Statement[] {
  const statements: Statement[] = [
    {
      Sid: 'GetMetricDataSupportsNoResourceLevelPermissions',
      Effect: 'Allow',
      Action: 'cloudwatch:GetMetricData',
      Resource: '*',
    },
  ];
  const alarms = alarmArns(config);
  if (alarms.length > 0) {
    statements.unshift({
      // Metric alarms only: composite alarms would need `*`, and the reader asks for MetricAlarm.
      Sid: 'DescribeManagedAlarmsOnly',
      Effect: 'Allow',
      Action: 'cloudwatch:DescribeAlarms',
      Resource: alarms,
    });
  }
  return statements;
}

function executionRole(fn: FunctionSpec, statements: Statement[]): Resources[string] {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: `sagemaker-scaler ${fn.serviceName}: exactly the calls its adapters make`,
      AssumeRolePolicyDocument: policyDocument([
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]),
      Policies: [{ PolicyName: fn.serviceName, PolicyDocument: policyDocument(statements) }],
    },
  };
}

/** The three execution roles. */
export function executionRoleResources(config: ScalingConfig): Resources {
  return {
    [ON_ALARM.roleId]: executionRole(ON_ALARM, commonStatements(ON_ALARM, config)),
    [ON_SCHEDULE.roleId]: executionRole(ON_SCHEDULE, [
      ...commonStatements(ON_SCHEDULE, config),
      ...nativeBoundsStatements(),
    ]),
    [ON_TICK.roleId]: executionRole(ON_TICK, [
      ...commonStatements(ON_TICK, config),
      ...alarmReaderStatements(config),
    ]),
  };
}
