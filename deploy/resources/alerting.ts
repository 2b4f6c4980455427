/**
 * Alerting: one encrypted SNS topic (with an e-mail subscription when `alertEmail` is given) and
 * the CloudWatch alarms that page it: failed scaling activities, anything in a dead-letter queue,
 * intents deferred for minutes, a failing tick, and malformed events dropped.
 */
import {
  FAILED_ACTIVITY_LOG_MESSAGE,
  MALFORMED_EVENTS_METRIC,
} from '../../shared/wiring/outcome-telemetry.ts';
import {
  type Conditions,
  getAtt,
  type Json,
  join,
  logicalId,
  policyDocument,
  type Resources,
  ref,
} from '../cfn.ts';
import { ALERT_EMAIL_CONDITION, FUNCTIONS, IDS, ON_TICK, type StackSettings } from '../stack.ts';

/** Where the failed-activity metric filters publish (one metric, no dimension, for one alarm). */
export const FAILED_ACTIVITY_FILTER_METRIC = 'FailedActivityLogLines';

/** The metric filter pattern matching the line every failed activity logs (Powertools JSON logs). */
export const FAILED_ACTIVITY_PATTERN = `{ $.message = "${FAILED_ACTIVITY_LOG_MESSAGE}" }`;

/**
 * The topic's key. A customer-managed key, not the AWS-managed alias/aws/sns: CloudWatch alarms
 * can only publish to an encrypted topic whose key policy lets cloudwatch.amazonaws.com use the
 * key, and the AWS-managed key's policy cannot be changed (alarms would fail silently).
 */
function alertKeyResources(settings: StackSettings): Resources {
  return {
    [IDS.alertKey]: {
      Type: 'AWS::KMS::Key',
      Properties: {
        Description: `sagemaker-scaler (${settings.stage}): encrypts the alert topic`,
        EnableKeyRotation: true,
        KeyPolicy: policyDocument([
          {
            Sid: 'AccountAdministersTheKey',
            Effect: 'Allow',
            Principal: {
              AWS: join(['arn:', ref('AWS::Partition'), ':iam::', ref('AWS::AccountId'), ':root']),
            },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'CloudWatchAlarmsPublishToTheTopic',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          },
        ]),
      },
    },
    [IDS.alertKeyAlias]: {
      Type: 'AWS::KMS::Alias',
      Properties: {
        AliasName: `alias/${settings.service}-${settings.stage}-alerts`,
        TargetKeyId: ref(IDS.alertKey),
      },
    },
  };
}

/** The topic and, only when an address was given, its e-mail subscription. */
function topicResources(settings: StackSettings): Resources {
  return {
    [IDS.alertTopic]: {
      Type: 'AWS::SNS::Topic',
      Properties: {
        DisplayName: `sagemaker-scaler ${settings.stage}`,
        KmsMasterKeyId: ref(IDS.alertKey),
      },
    },
    [IDS.alertSubscription]: {
      Type: 'AWS::SNS::Subscription',
      Condition: ALERT_EMAIL_CONDITION,
      Properties: { TopicArn: ref(IDS.alertTopic), Protocol: 'email', Endpoint: settings.alertEmail },
    },
  };
}

/** `alertEmail` set: `--param="alertEmail=ops@example.com"`. */
export function alertConditions(settings: StackSettings): Conditions {
  return { [ALERT_EMAIL_CONDITION]: { 'Fn::Not': [{ 'Fn::Equals': [settings.alertEmail, ''] }] } };
}

/** An alarm that pages the alert topic and tells it when the alarm is OK again. */
export function alertAlarm(
  name: string,
  description: string,
  properties: Record<string, Json>,
): Resources[string] {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: name,
      AlarmDescription: description,
      AlarmActions: [ref(IDS.alertTopic)],
      OKActions: [ref(IDS.alertTopic)],
      TreatMissingData: 'notBreaching',
      ...properties,
    },
  };
}

/** Failed activities: a metric filter on each function's log group, one alarm over their metric. */
function failedActivityResources(settings: StackSettings): Resources {
  const resources: Resources = {};
  for (const fn of FUNCTIONS) {
    resources[`${fn.logGroupId}FailedActivityFilter`] = {
      Type: 'AWS::Logs::MetricFilter',
      Properties: {
        LogGroupName: ref(fn.logGroupId),
        FilterPattern: FAILED_ACTIVITY_PATTERN,
        MetricTransformations: [
          {
            MetricNamespace: settings.metricsNamespace,
            MetricName: FAILED_ACTIVITY_FILTER_METRIC,
            MetricValue: '1',
            Unit: 'Count',
          },
        ],
      },
    };
  }
  resources.FailedActivitiesAlarm = alertAlarm(
    `${settings.service}-${settings.stage}-failed-activities`,
    `A scaling activity failed (a "${FAILED_ACTIVITY_LOG_MESSAGE}" log line): unknown endpoint or variant, ` +
      'ResourceLimitExceeded, a rollback. Not retried: look at the activity history.',
    {
      Namespace: settings.metricsNamespace,
      MetricName: FAILED_ACTIVITY_FILTER_METRIC,
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    },
  );
  return resources;
}

/** Any message visible in a dead-letter queue: an event whose retries are spent. */
function deadLetterAlarms(settings: StackSettings, queueIds: readonly string[]): Resources {
  const resources: Resources = {};
  for (const queueId of queueIds) {
    resources[logicalId('DeadLetterAlarm', queueId)] = alertAlarm(
      `${settings.service}-${settings.stage}-${queueId}-not-empty`,
      `Messages wait in ${queueId}: events whose retries are spent. Replay them by hand (docs/deploy.md).`,
      {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: getAtt(queueId, 'QueueName') }],
        Statistic: 'Maximum',
        // SQS publishes queue metrics every 5 minutes.
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      },
    );
  }
  return resources;
}

/**
 * Deferred intents older than about five minutes. The tick retries every deferred intent each
 * minute and counts it again while it stays deferred, so the tick's DeferredIntents sum being
 * above zero five minutes running approximates "an intent has waited five minutes" (an endpoint
 * stuck in Updating). It also fires for five different short deferrals in a row, which is rare.
 */
function deferredIntentAlarm(settings: StackSettings): Resources {
  return {
    DeferredIntentsAlarm: alertAlarm(
      `${settings.service}-${settings.stage}-deferred-intents`,
      'A scaling intent has stayed deferred for about 5 minutes (endpoint Updating / Creating / SystemUpdating).',
      {
        Namespace: settings.metricsNamespace,
        MetricName: 'DeferredIntents',
        Dimensions: [{ Name: 'service', Value: ON_TICK.serviceName }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 5,
        DatapointsToAlarm: 5,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      },
    ),
  };
}

/**
 * The tick failing: errors in 3 of the last 5 minutes. One failed tick is healed by the next;
 * repeated failures mean alarms still in ALARM are not stepped and drift is not corrected.
 */
function tickErrorAlarm(settings: StackSettings): Resources {
  return {
    TickErrorsAlarm: alertAlarm(
      `${settings.service}-${settings.stage}-tick-errors`,
      'on-tick fails: alarms in ALARM are not stepped again, deferred intents not retried, drift not corrected.',
      {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: ref(ON_TICK.functionId) }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 5,
        DatapointsToAlarm: 3,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      },
    ),
  };
}

/**
 * Malformed events: every one is dropped unretried (logged as `MalformedEvent` with its id and an
 * excerpt), so even one means an event source sends what the scaler cannot read (a rule sending
 * another kind of event, a hand-sent test event, a clock far off). Summed over the functions: the
 * metric carries Powertools' `service` dimension.
 */
function malformedEventAlarm(settings: StackSettings): Resources {
  const perFunction = FUNCTIONS.map((fn, index) => ({
    Id: `m${index}`,
    ReturnData: false,
    MetricStat: {
      Metric: {
        Namespace: settings.metricsNamespace,
        MetricName: MALFORMED_EVENTS_METRIC,
        Dimensions: [{ Name: 'service', Value: fn.serviceName }],
      },
      Period: 60,
      Stat: 'Sum',
    },
  }));
  return {
    MalformedEventsAlarm: alertAlarm(
      `${settings.service}-${settings.stage}-malformed-events`,
      'An event was dropped as malformed (a "MalformedEvent" log line names its id, the problems and an excerpt): ' +
        'fix its sender; it is not retried.',
      {
        Metrics: [
          {
            Id: 'malformed',
            Expression: `SUM([${perFunction.map((m) => m.Id).join(', ')}])`,
            Label: MALFORMED_EVENTS_METRIC,
            ReturnData: true,
          },
          ...perFunction,
        ],
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      },
    ),
  };
}

/** Everything alerting, given the dead-letter queues that exist in this stack. */
export function alertingResources(settings: StackSettings, queueIds: readonly string[]): Resources {
  return {
    ...alertKeyResources(settings),
    ...topicResources(settings),
    ...failedActivityResources(settings),
    ...deadLetterAlarms(settings, queueIds),
    ...deferredIntentAlarm(settings),
    ...tickErrorAlarm(settings),
    ...malformedEventAlarm(settings),
  };
}
