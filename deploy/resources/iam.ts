/**
 * One execution role per function, granting exactly the API calls its adapters make
 * (shared/adapters/aws/*.ts) on the resources this deployment manages: endpoints and alarms by
 * the deployment's tag or name prefix (deploy/ownership.ts), so a role's policy has the same size
 * for one target or a thousand (IAM's 10,240-character limit on a role's inline policies). osls v3 has no
 * per-function IAM of its own, so the roles are built here and set with `role:` in serverless.yml.
 *
 * Where AWS offers no resource-level permission for an action, the statement must say `*`; its
 * Sid says why (JSON has no comments) and docs/deploy.md lists them.
 */
import type { ScalingConfig } from '../../shared/domain/model.ts';
import { getAtt, policyDocument, type Resources, type Statement, stackArn } from '../cfn.ts';
import {
  ALARM_TAG_VALUE,
  ENDPOINT_ACTIVE,
  ENDPOINT_SHADOW,
  ownershipTagKey,
  TARGET_TRACKING_ALARM_PREFIX,
} from '../ownership.ts';
import { type FunctionSpec, IDS, ON_ALARM, ON_SCHEDULE, ON_TICK, type StackSettings } from '../stack.ts';
import { managedAlarmNames } from './alarms.ts';

/** Every endpoint of this account and region; the tag condition picks the managed ones. */
const ANY_ENDPOINT = stackArn('sagemaker', 'endpoint/*');

/**
 * The endpoint statements: DescribeEndpoint on endpoints tagged for this deployment (active or
 * shadow), UpdateEndpointWeightsAndCapacities only on those tagged active. A shadow-only
 * configuration gets no update permission at all. Neither grows with the number of targets.
 */
export function endpointStatements(config: ScalingConfig, settings: OwnershipSettings): Statement[] {
  const tag = `aws:ResourceTag/${ownershipTagKey(settings)}`;
  const statements: Statement[] = [
    {
      Sid: 'ReadEndpointsTaggedForThisDeployment',
      Effect: 'Allow',
      Action: 'sagemaker:DescribeEndpoint',
      Resource: ANY_ENDPOINT,
      Condition: { StringEquals: { [tag]: [ENDPOINT_ACTIVE, ENDPOINT_SHADOW] } },
    },
  ];
  if (config.targets.some((target) => target.mode === 'active')) {
    statements.push({
      Sid: 'ResizeEndpointsTaggedActiveForThisDeployment',
      Effect: 'Allow',
      Action: 'sagemaker:UpdateEndpointWeightsAndCapacities',
      Resource: ANY_ENDPOINT,
      Condition: { StringEquals: { [tag]: ENDPOINT_ACTIVE } },
    });
  }
  return statements;
}

/** The deployment's identity, for the tag key. */
type OwnershipSettings = Pick<StackSettings, 'service' | 'stage'>;

/** A function's own log group (the Arn attribute ends in `:*`, which covers its log streams). */
export function ownLogGroupStatement(fn: FunctionSpec): Statement {
  return {
    Sid: 'WriteOwnLogGroup',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: getAtt(fn.logGroupId, 'Arn'),
  };
}

/** A function's on-failure destination: Lambda sends the record with the function's role. */
export function ownFailureQueueStatement(fn: FunctionSpec): Statement {
  return {
    Sid: 'SendOwnFailureRecords',
    Effect: 'Allow',
    Action: 'sqs:SendMessage',
    Resource: getAtt(fn.failureQueueId, 'Arn'),
  };
}

/** GetMetricData has no resource type: IAM takes only `*` for it. */
export const GET_METRIC_DATA_STATEMENT: Statement = {
  Sid: 'GetMetricDataSupportsNoResourceLevelPermissions',
  Effect: 'Allow',
  Action: 'cloudwatch:GetMetricData',
  Resource: '*',
};

/** What every scaling function does: its own log group, the table, its on-failure queue, the endpoints. */
function commonStatements(fn: FunctionSpec, config: ScalingConfig, settings: OwnershipSettings): Statement[] {
  return [
    ownLogGroupStatement(fn),
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
    ownFailureQueueStatement(fn),
    ...endpointStatements(config, settings),
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

/**
 * `on-tick` re-reads the alarms still in ALARM (adapters/aws/cloudwatch-alarms.ts): the alarms of
 * the scaler's own target-tracking policies by their name prefix, any other alarm a policy names
 * by the deployment's tag (set on the alarms it creates; a user tags the ones they bring).
 * Metric alarms only: composite alarms would need `*`, and the reader asks for MetricAlarm.
 */
function alarmReaderStatements(config: ScalingConfig, settings: OwnershipSettings): Statement[] {
  const statements: Statement[] = [GET_METRIC_DATA_STATEMENT];
  // No policy, no alarm to read (step and target tracking policies both listen to alarms).
  if (managedAlarmNames(config).length === 0) return statements;
  return [
    {
      Sid: 'DescribeOwnTargetTrackingAlarmsByPrefix',
      Effect: 'Allow',
      Action: 'cloudwatch:DescribeAlarms',
      Resource: stackArn('cloudwatch', `alarm:${TARGET_TRACKING_ALARM_PREFIX}*`),
    },
    {
      Sid: 'DescribeAlarmsTaggedForThisDeployment',
      Effect: 'Allow',
      Action: 'cloudwatch:DescribeAlarms',
      Resource: stackArn('cloudwatch', 'alarm:*'),
      Condition: { StringEquals: { [`aws:ResourceTag/${ownershipTagKey(settings)}`]: ALARM_TAG_VALUE } },
    },
    ...statements,
  ];
}

/** A function's execution role: assumed by Lambda, with these statements as its one inline policy. */
export function executionRole(fn: FunctionSpec, statements: Statement[]): Resources[string] {
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
export function executionRoleResources(config: ScalingConfig, settings: OwnershipSettings): Resources {
  return {
    [ON_ALARM.roleId]: executionRole(ON_ALARM, commonStatements(ON_ALARM, config, settings)),
    [ON_SCHEDULE.roleId]: executionRole(ON_SCHEDULE, [
      ...commonStatements(ON_SCHEDULE, config, settings),
      ...nativeBoundsStatements(),
    ]),
    [ON_TICK.roleId]: executionRole(ON_TICK, [
      ...commonStatements(ON_TICK, config, settings),
      ...alarmReaderStatements(config, settings),
    ]),
  };
}
