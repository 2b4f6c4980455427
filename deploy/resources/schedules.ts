/**
 * EventBridge Scheduler schedules, one per scheduled action of scaling.yml, each sending the
 * scaler's own "Scheduled Scaling Action" event to `on-schedule` at the exact minute, in the
 * action's time zone (daylight saving handled by the Scheduler).
 */
import { type ScalingConfig, type ScheduledAction, targetKey } from '../../shared/domain/model.ts';
import { SCALER_SOURCE, SCHEDULED_ACTION_DETAIL_TYPE } from '../../shared/events/scheduled-action.ts';
import { getAtt, logicalId, policyDocument, type Resources, ref } from '../cfn.ts';
import { type FunctionSpec, IDS, ON_SCHEDULE } from '../stack.ts';
import { deadLetterQueue } from './queues.ts';

/**
 * Delivery retries: a day, the Scheduler's maximum. A late slot is safe: the domain acts once per
 * slot and drops a slot a later one has superseded (`StaleEvent`); markers live 7 days.
 */
export const SCHEDULE_RETRY = { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 };

/**
 * The event a schedule sends. The Scheduler fills in the two context attributes on every attempt:
 * the execution id (new per attempt, kept for tracing) and the scheduled time (the slot, the same
 * on every retry: what the scaler deduplicates on).
 */
export function scheduledActionInput(endpointName: string, variantName: string, actionName: string): string {
  return JSON.stringify({
    version: '0',
    id: '<aws.scheduler.execution-id>',
    'detail-type': SCHEDULED_ACTION_DETAIL_TYPE,
    source: SCALER_SOURCE,
    time: '<aws.scheduler.scheduled-time>',
    detail: { endpointName, variantName, scheduledActionName: actionName },
  });
}

/** Epoch ms as the Scheduler's StartDate/EndDate: ISO-8601 UTC to the second. */
export function schedulerDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The logical id of a scheduled action's schedule. */
export function scheduleId(
  target: { endpointName: string; variantName: string },
  actionName: string,
): string {
  return logicalId('Schedule', `${targetKey(target)}/${actionName}`);
}

function scheduleResource(
  target: { endpointName: string; variantName: string },
  action: ScheduledAction,
  stage: string,
): Resources[string] {
  return {
    Type: 'AWS::Scheduler::Schedule',
    Properties: {
      Description: `sagemaker-scaler (${stage}) ${targetKey(target)}: ${action.scheduledActionName}`,
      State: 'ENABLED',
      ScheduleExpression: action.schedule,
      ScheduleExpressionTimezone: action.timezone,
      ...(action.startTime === undefined ? {} : { StartDate: schedulerDate(action.startTime) }),
      ...(action.endTime === undefined ? {} : { EndDate: schedulerDate(action.endTime) }),
      // The scheduled minute is the point: never spread the invocation over a window.
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: getAtt(ON_SCHEDULE.functionId, 'Arn'),
        RoleArn: getAtt(IDS.schedulerRole, 'Arn'),
        Input: scheduledActionInput(target.endpointName, target.variantName, action.scheduledActionName),
        RetryPolicy: SCHEDULE_RETRY,
        DeadLetterConfig: { Arn: getAtt(IDS.scheduleDlq, 'Arn') },
      },
    },
  };
}

/**
 * A Scheduler execution role that may invoke one function and write one dead-letter queue, nothing
 * else: `on-schedule`'s for the scheduled actions, `forecast`'s for the hourly forecast.
 */
export function schedulerInvokeRole(fn: FunctionSpec, queueId: string): Resources[string] {
  const pascal = fn.serviceName.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) =>
    letter.toUpperCase(),
  );
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: `EventBridge Scheduler: invoke ${fn.serviceName}, send dead letters`,
      AssumeRolePolicyDocument: policyDocument([
        {
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Action: 'sts:AssumeRole',
          // Confused-deputy guard: only schedules of this account may assume it.
          Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
        },
      ]),
      Policies: [
        {
          PolicyName: `invoke-${fn.serviceName}`,
          PolicyDocument: policyDocument([
            {
              Sid: `InvokeOnly${pascal}`,
              Effect: 'Allow',
              Action: 'lambda:InvokeFunction',
              Resource: getAtt(fn.functionId, 'Arn'),
            },
            // The Scheduler sends a schedule's dead letters with the schedule's execution role.
            {
              Sid: 'SendDeadLetters',
              Effect: 'Allow',
              Action: 'sqs:SendMessage',
              Resource: getAtt(queueId, 'Arn'),
            },
          ]),
        },
      ],
    },
  };
}

/** One schedule per scheduled action of these targets, and nothing else. */
export function scheduleEntries(config: ScalingConfig, stage: string): Resources {
  const resources: Resources = {};
  for (const target of config.targets) {
    for (const action of target.scheduledActions) {
      resources[scheduleId(target, action.scheduledActionName)] = scheduleResource(target, action, stage);
    }
  }
  return resources;
}

/** What every schedule shares: the Scheduler's role and the dead-letter queue. */
export function scheduleSupportResources(): Resources {
  return {
    [IDS.schedulerRole]: schedulerInvokeRole(ON_SCHEDULE, IDS.scheduleDlq),
    ...deadLetterQueue(IDS.scheduleDlq, { kind: 'role', roleId: IDS.schedulerRole }),
  };
}

/** Every schedule, the Scheduler's role and its dead-letter queue (nothing when there is no action). */
export function scheduleResources(config: ScalingConfig, stage: string): Resources {
  const resources = scheduleEntries(config, stage);
  if (Object.keys(resources).length === 0) return resources;
  return { ...resources, ...scheduleSupportResources() };
}
