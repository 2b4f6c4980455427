/**
 * What the builders need to know about the deployment besides scaling.yml: the stage, the table
 * name, the alert e-mail, and the logical ids the serverless CLI gives the three functions and
 * their log groups (osls naming: `<FunctionKey>LambdaFunction`, `<FunctionKey>LogGroup`, with the
 * key's first letter upper-cased). The package tests check these ids against the real template.
 */

/** One of the three Lambdas, keyed as in serverless.yml `functions:`. */
export interface FunctionSpec {
  /** The key under `functions:` in serverless.yml. */
  key: 'onAlarm' | 'onSchedule' | 'onTick';
  /** The Powertools `serviceName` the function runs with: the `service` dimension of its metrics. */
  serviceName: 'on-alarm' | 'on-schedule' | 'on-tick';
  /** osls' logical id of the AWS::Lambda::Function. */
  functionId: string;
  /** osls' logical id of the function's AWS::Logs::LogGroup. */
  logGroupId: string;
  /** Our logical ids: its execution role and its on-failure queue. */
  roleId: string;
  failureQueueId: string;
}

function functionSpec(key: FunctionSpec['key'], serviceName: FunctionSpec['serviceName']): FunctionSpec {
  const pascal = key.charAt(0).toUpperCase() + key.slice(1);
  return {
    key,
    serviceName,
    functionId: `${pascal}LambdaFunction`,
    logGroupId: `${pascal}LogGroup`,
    roleId: `${pascal}ExecutionRole`,
    failureQueueId: `${pascal}FailureQueue`,
  };
}

export const ON_ALARM = functionSpec('onAlarm', 'on-alarm');
export const ON_SCHEDULE = functionSpec('onSchedule', 'on-schedule');
export const ON_TICK = functionSpec('onTick', 'on-tick');
export const FUNCTIONS: readonly FunctionSpec[] = [ON_ALARM, ON_SCHEDULE, ON_TICK];

/** Logical ids of the resources that are not per function or per scaling.yml entry. */
export const IDS = {
  table: 'ScalerTable',
  alarmRuleDlq: 'AlarmRuleDeadLetterQueue',
  tickRuleDlq: 'TickRuleDeadLetterQueue',
  scheduleDlq: 'ScheduleDeadLetterQueue',
  tickRule: 'TickRule',
  tickPermission: 'TickRuleInvokePermission',
  schedulerRole: 'SchedulerInvokeRole',
  alertTopic: 'AlertTopic',
  alertKey: 'AlertTopicKey',
  alertKeyAlias: 'AlertTopicKeyAlias',
  alertSubscription: 'AlertEmailSubscription',
  dashboard: 'ScalerDashboard',
} as const;

/** The CloudFormation condition that creates the e-mail subscription only when an address is given. */
export const ALERT_EMAIL_CONDITION = 'AlertEmailIsSet';

/** Deploy-time settings, from serverless.yml `custom.scaler` (stage, parameters). */
export interface StackSettings {
  service: string;
  stage: string;
  /** The DynamoDB table's name (SCALER_TABLE_NAME of the functions). */
  tableName: string;
  /** `--param="alertEmail=..."`; empty when not given. */
  alertEmail: string;
  /** The EMF namespace the functions publish to (SCALER_METRICS_NAMESPACE). */
  metricsNamespace: string;
  /**
   * `--param="nestedStacks=N"`: put the per-target resources in N nested stacks (0 or absent:
   * everything in one stack). Fixed once chosen: see docs/deploy.md "Large fleets".
   */
  nestedStacks?: number;
  /** `--param="tickShards=N"`: N tick rules, each ticking a shard of the targets (default 1). */
  tickShards?: number;
}
