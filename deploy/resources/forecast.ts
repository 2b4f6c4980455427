/**
 * The forecast function's deployment (predictive scaling: docs/predictive.md, docs/deploy.md
 * "Predictive scaling"), all of it only when some target of scaling.yml has a predictive policy,
 * so a deployment without one is exactly what it was: the function's definition for
 * serverless.yml `functions:` (the rest of its settings are the provider's, as for the others),
 * its execution role, its on-failure queue (built with the other functions' in
 * build-resources.ts), and the EventBridge Scheduler schedule that runs it every hour with its
 * own role and dead-letter queue. Its alerts and dashboard widget: forecast-alerting.ts.
 */
import type { ScalingConfig } from '../../shared/domain/model.ts';
import { getAtt, type Json, type Resources, type Statement } from '../cfn.ts';
import { FORECAST, hasPredictivePolicies, IDS, type StackSettings } from '../stack.ts';
import {
  executionRole,
  GET_METRIC_DATA_STATEMENT,
  ownFailureQueueStatement,
  ownLogGroupStatement,
} from './iam.ts';
import { deadLetterQueue } from './queues.ts';
import { schedulerInvokeRole } from './schedules.ts';

/** Logical ids of the forecast's own resources (its role and queue follow FORECAST's naming). */
export const FORECAST_IDS = {
  schedule: 'ForecastSchedule',
  schedulerRole: 'ForecastSchedulerRole',
  scheduleDlq: 'ForecastScheduleDeadLetterQueue',
} as const;

/**
 * Five minutes past every hour, UTC. A forecast learns from the whole hours before the one it is
 * made in (shared/usecases/forecast/forecast-target-load.ts), and SageMaker publishes Invocations
 * once a minute, each datapoint after its minute ends: five minutes in, the last hour's minutes
 * are in CloudWatch, where a run on the hour would read its last minutes as quiet. A cron rather
 * than `rate(1 hour)`, whose minute is whenever the schedule was created: the run must land
 * early in the hour, because the next interval's floor applies from `schedulingBufferTime`
 * before it starts (300 s by default: from :55). Every forecast covers 48 hours, so the floor
 * never lacks one; the run at :05 only makes the next hour's floor come from the newest.
 */
export const FORECAST_SCHEDULE_EXPRESSION = 'cron(5 * * * ? *)';

/**
 * The forecast reads 14 days of one-minute data per predictive policy (one GetMetricData call of
 * 20,160 datapoints, up to 100,800 a call), forecasts it in a millisecond or two and writes twice
 * to the table, one policy after the other. Five minutes leave room for hundreds of policies
 * at a few hundred milliseconds each; with the two retries (Lambda waits 1, then 2 minutes:
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html) the last
 * possible attempt still ends by :23, well before the next interval's default buffer (:55).
 */
export const FORECAST_TIMEOUT_SECONDS = 300;

/**
 * Async retries of a failed run, and the longest a run may wait: 55 minutes, when the next hourly
 * run is due and makes a newer forecast anyway (the failed one lands in the function's queue).
 */
export const FORECAST_RETRY = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 3300 } as const;

/**
 * The Scheduler's delivery retries (throttling, Lambda unavailable): as many as it allows, for as
 * long as the run is worth making, then the schedule's dead-letter queue.
 */
export const FORECAST_SCHEDULE_RETRY = {
  MaximumRetryAttempts: 185,
  MaximumEventAgeInSeconds: FORECAST_RETRY.maximumEventAgeSeconds,
};

/**
 * serverless.yml `functions.forecast`, or null (osls drops a function defined as null) when no
 * target has a predictive policy. Runtime, architecture, memory, log retention, environment and
 * packaging are the provider's, like every function's; no reserved concurrency: one run an hour,
 * and a retry starts only once the failed attempt has ended, so it never races itself, and a
 * reservation would take one more from the account's unreserved pool for nothing.
 */
export function forecastFunctionDefinition(config: ScalingConfig): Record<string, Json> | null {
  if (!hasPredictivePolicies(config)) return null;
  return {
    handler: `functions/${FORECAST.serviceName}.handler`,
    role: FORECAST.roleId,
    timeout: FORECAST_TIMEOUT_SECONDS,
    maximumRetryAttempts: FORECAST_RETRY.maximumRetryAttempts,
    maximumEventAge: FORECAST_RETRY.maximumEventAgeSeconds,
    destinations: { onFailure: { type: 'sqs', arn: getAtt(FORECAST.failureQueueId, 'Arn') } },
  };
}

/**
 * The partition keys of the targets' items (`endpoint/<E>/variant/<V>`, table-design.ts): the
 * forecast reads and writes nothing else, never an endpoint's update lease (`lock/endpoint/<E>`).
 * A pattern, not the predictive targets' keys, so the policy does not grow per target.
 */
export const TARGET_PARTITION_PATTERN = 'endpoint/*/variant/*';

/**
 * Exactly what the forecast sends (shared/wiring/forecast-runtime.ts, its adapters checked by
 * test/deploy/iam-coverage.test.ts): no SageMaker action at all, no DeleteItem (it takes no lease).
 */
export function forecastStatements(): Statement[] {
  return [
    ownLogGroupStatement(FORECAST),
    {
      // The target's state: one BatchGetItem to read it, one TransactWriteItems of Puts (state
      // and the ForecastUpdated or NotEnoughHistory activity), which IAM authorizes as PutItem
      // per item; the forecast itself: one PutItem of `FORECAST#<policy>`. The condition holds
      // every key of the request to a target's partition
      // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html).
      Sid: 'ReadStateWriteForecastsAndHistoryOfTargetsOnly',
      Effect: 'Allow',
      Action: ['dynamodb:BatchGetItem', 'dynamodb:PutItem'],
      Resource: getAtt(IDS.table, 'Arn'),
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [TARGET_PARTITION_PATTERN] } },
    },
    ownFailureQueueStatement(FORECAST),
    // The load history: the variant's Invocations, or a policy's customized load metric.
    GET_METRIC_DATA_STATEMENT,
  ];
}

/** The hourly schedule: the forecast function, exactly at :05 UTC, dead letters to its queue. */
function forecastSchedule(stage: string): Resources[string] {
  return {
    Type: 'AWS::Scheduler::Schedule',
    Properties: {
      Description: `sagemaker-scaler (${stage}): the hourly load forecast of the predictive policies`,
      State: 'ENABLED',
      ScheduleExpression: FORECAST_SCHEDULE_EXPRESSION,
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: getAtt(FORECAST.functionId, 'Arn'),
        RoleArn: getAtt(FORECAST_IDS.schedulerRole, 'Arn'),
        // The handler reads nothing from it (the forecast is made at the clock's hour); the slot
        // says which run a dead letter was.
        Input: JSON.stringify({ schedule: 'forecast', scheduledTime: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: FORECAST_SCHEDULE_RETRY,
        DeadLetterConfig: { Arn: getAtt(FORECAST_IDS.scheduleDlq, 'Arn') },
      },
    },
  };
}

/** The forecast's role, schedule, Scheduler role and schedule queue; nothing without a predictive policy. */
export function forecastResources(config: ScalingConfig, settings: StackSettings): Resources {
  if (!hasPredictivePolicies(config)) return {};
  return {
    [FORECAST.roleId]: executionRole(FORECAST, forecastStatements()),
    [FORECAST_IDS.schedule]: forecastSchedule(settings.stage),
    [FORECAST_IDS.schedulerRole]: schedulerInvokeRole(FORECAST, FORECAST_IDS.scheduleDlq),
    ...deadLetterQueue(FORECAST_IDS.scheduleDlq, { kind: 'role', roleId: FORECAST_IDS.schedulerRole }),
  };
}
