/**
 * Every cdk-nag finding the packaged templates are allowed to have (the AwsSolutions and
 * Serverless rule packs, run by test/deploy/cdk-nag.test.ts), each with the rule, the resources it
 * covers and why. A finding not listed here fails the test, and so does an entry no finding needs.
 */
import { type Json, stackArn } from './cfn.ts';
import { TARGET_TRACKING_ALARM_PREFIX } from './ownership.ts';

/** One accepted finding. */
export interface NagSuppression {
  /** The rule as cdk-nag reports it, with the finding in brackets where it has one. */
  rule: string;
  /** Logical ids it applies to (`*` at the end: a prefix). */
  resources: readonly string[];
  reason: string;
}

const ROLES = ['OnAlarmExecutionRole', 'OnScheduleExecutionRole', 'OnTickExecutionRole'];
/** The functions, the forecast's included (deployed only with a predictive policy). */
const FUNCTIONS = [
  'OnAlarmLambdaFunction',
  'OnScheduleLambdaFunction',
  'OnTickLambdaFunction',
  'ForecastLambdaFunction',
];
const QUEUES = [
  'OnAlarmFailureQueue',
  'OnScheduleFailureQueue',
  'OnTickFailureQueue',
  'AlarmRuleDeadLetterQueue',
  'TickRuleDeadLetterQueue',
  'ScheduleDeadLetterQueue',
  'ForecastFailureQueue',
  'ForecastScheduleDeadLetterQueue',
];
/** The roles granting GetMetricData (the tick's and the forecast's) or the AAS reads (on-schedule's). */
const STAR_ROLES = ['OnScheduleExecutionRole', 'OnTickExecutionRole', 'ForecastExecutionRole'];

/** cdk-nag's wording of a wildcard resource finding, for a resource the builders write with stackArn. */
function wildcard(service: string, resource: string): string {
  const value = stackArn(service, resource) as { 'Fn::Sub': Json };
  return `AwsSolutions-IAM5[Resource::${JSON.stringify(value['Fn::Sub'])}]`;
}

export const NAG_SUPPRESSIONS: readonly NagSuppression[] = [
  {
    rule: 'AwsSolutions-IAM5[Resource::*]',
    resources: STAR_ROLES,
    reason:
      'cloudwatch:GetMetricData and the three application-autoscaling Describe calls have no resource type: IAM accepts only "*" (statement Sids say so; docs/deploy.md "IAM").',
  },
  {
    rule: wildcard('sagemaker', 'endpoint/*'),
    resources: ROLES,
    reason:
      'Endpoints are granted by the deployment tag (aws:ResourceTag/<service>:<stage>, active or shadow), not by name, so the policy does not grow per target (deploy/ownership.ts).',
  },
  {
    rule: wildcard('cloudwatch', 'alarm:*'),
    resources: ['OnTickExecutionRole'],
    reason:
      'DescribeAlarms only on alarms carrying the deployment tag (aws:ResourceTag condition): the step-policy alarms.',
  },
  {
    rule: wildcard('cloudwatch', `alarm:${TARGET_TRACKING_ALARM_PREFIX}*`),
    resources: ['OnTickExecutionRole'],
    reason:
      "DescribeAlarms on the scaler's own target-tracking alarms by their name prefix (never AAS's TargetTracking-).",
  },
  {
    rule: wildcard('application-autoscaling', 'scalable-target/*'),
    resources: ['OnScheduleExecutionRole'],
    reason:
      'A scalable target ARN carries a random id AAS assigns; the statement is narrowed to SageMaker variant targets by the service-namespace and scalable-dimension condition keys.',
  },
  {
    rule: wildcard('sagemaker', 'endpoint-config/*'),
    resources: ['OnScheduleExecutionRole'],
    reason:
      "RegisterScalableTarget checks the caller may read the variant's endpoint configuration, whose name scaling.yml does not know (read only).",
  },
  {
    rule: 'Serverless-LambdaStarPermissions',
    resources: STAR_ROLES,
    reason:
      'The same wildcard resources as the AwsSolutions-IAM5 entries above, reported again by the Serverless pack.',
  },
  {
    rule: 'AwsSolutions-SQS3',
    resources: QUEUES,
    reason:
      'These queues are the dead-letter queues: Lambda on-failure destinations, EventBridge rule and Scheduler DeadLetterConfig reach them, which cdk-nag cannot see (it looks for RedrivePolicy only).',
  },
  {
    rule: 'Serverless-SQSRedrivePolicy',
    resources: QUEUES,
    reason:
      'A dead-letter queue has no dead-letter queue of its own: its messages stay 14 days and raise an alarm.',
  },
  {
    rule: 'Serverless-LambdaDLQ',
    resources: FUNCTIONS,
    reason:
      'Each function has an on-failure destination (AWS::Lambda::EventInvokeConfig) to its own queue, which records the error as well as the event; a DeadLetterConfig would duplicate it with less.',
  },
  {
    rule: 'Serverless-LambdaTracing',
    resources: FUNCTIONS,
    reason:
      'No X-Ray: every decision is recorded with its reason in the activity history, logged with its ids and counted in EMF metrics; active tracing would add a cost per invocation and nothing here is instrumented for it.',
  },
  {
    rule: 'AwsSolutions-L1',
    resources: FUNCTIONS,
    reason:
      "nodejs24.x is the newest Node.js runtime in Lambda's runtime list (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html) and the newest osls 4.3.1 accepts; aws-cdk-lib 2.278 already names nodejs26.x, which the rule takes as the latest.",
  },
  {
    rule: 'Serverless-LambdaLatestVersion',
    resources: FUNCTIONS,
    reason: 'The same runtime check as AwsSolutions-L1 above, from the Serverless pack.',
  },
  {
    rule: 'AwsSolutions-S1',
    resources: ['ServerlessDeploymentBucket'],
    reason:
      'The deployment bucket holds only artifacts written by deploys (recorded by CloudTrail); access logging would need a second bucket per stage. It blocks public access and keeps versions.',
  },
  {
    rule: 'Serverless-SNSRedrivePolicy',
    resources: ['AlertEmailSubscription'],
    reason:
      'The e-mail subscription of the alert topic: a dead-letter queue for undeliverable alert mail would alert through the same topic; the alarms stay visible in the console and on the dashboard.',
  },
];

/** The suppression covering a finding, if any. */
export function suppressionFor(rule: string, logicalId: string): NagSuppression | undefined {
  return NAG_SUPPRESSIONS.find(
    (entry) =>
      entry.rule === rule &&
      entry.resources.some((id) =>
        id.endsWith('*') ? logicalId.startsWith(id.slice(0, -1)) : id === logicalId,
      ),
  );
}
