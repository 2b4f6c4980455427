/**
 * What the builders need to know about the deployment besides scaling.yml: the stage, the table
 * name, the alert e-mail, and the logical ids the serverless CLI gives the functions and their
 * log groups (osls naming: `<FunctionKey>LambdaFunction`, `<FunctionKey>LogGroup`, with the
 * key's first letter upper-cased). The package tests check these ids against the real template.
 */
import type { ScalingConfig } from '../shared/domain/model.ts';

/** The keys under `functions:` in serverless.yml. */
export type FunctionKey = 'onAlarm' | 'onSchedule' | 'onTick' | 'forecast';

/** One of the Lambdas, keyed as in serverless.yml `functions:`. */
export interface FunctionSpec<K extends FunctionKey = FunctionKey> {
  /** The key under `functions:` in serverless.yml. */
  key: K;
  /**
   * The Powertools `serviceName` the function runs with (the `service` dimension of its metrics),
   * which is also its file in `functions/`.
   */
  serviceName: 'on-alarm' | 'on-schedule' | 'on-tick' | 'forecast';
  /** osls' logical id of the AWS::Lambda::Function. */
  functionId: string;
  /** osls' logical id of the function's AWS::Logs::LogGroup. */
  logGroupId: string;
  /** Our logical ids: its execution role and its on-failure queue. */
  roleId: string;
  failureQueueId: string;
}

function functionSpec<K extends FunctionKey>(
  key: K,
  serviceName: FunctionSpec['serviceName'],
): FunctionSpec<K> {
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
/** The three functions every deployment has. */
export const FUNCTIONS: readonly FunctionSpec<'onAlarm' | 'onSchedule' | 'onTick'>[] = [
  ON_ALARM,
  ON_SCHEDULE,
  ON_TICK,
];
/** The hourly load forecast: deployed only when some target has a predictive policy. */
export const FORECAST = functionSpec('forecast', 'forecast');

/** Whether scaling.yml has a predictive policy anywhere: the forecast function is deployed then only. */
export function hasPredictivePolicies(config: ScalingConfig): boolean {
  return config.targets.some((target) => target.predictivePolicies.length > 0);
}

/** The functions this configuration deploys: the three, and `forecast` with predictive policies. */
export function deployedFunctions(config: ScalingConfig): readonly FunctionSpec[] {
  return hasPredictivePolicies(config) ? [...FUNCTIONS, FORECAST] : FUNCTIONS;
}

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
