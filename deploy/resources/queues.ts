/**
 * Dead-letter queues: where an event lands once every retry is spent (reliability item 24), with
 * enough context to replay it by hand. Encrypted with SQS-managed keys, kept 14 days (the SQS
 * maximum), and writable by exactly one sender each.
 */
import { type Json, policyDocument, type Resources, ref, type Statement } from '../cfn.ts';

/** SQS' longest retention: two weeks to notice the alert and replay. */
export const DLQ_RETENTION_SECONDS = 1_209_600;

/** Who may send to a queue. */
export type QueueSender =
  /** An EventBridge rule (its target's DeadLetterConfig): the events service, for these rules only. */
  | { kind: 'rule'; ruleArns: Json[] }
  /** EventBridge rules in nested stacks, known to the parent by their name prefix only. */
  | { kind: 'rule-pattern'; ruleArnPattern: Json }
  /**
   * An IAM role: a Lambda function's execution role (Lambda sends on-failure destination records
   * with it) or the Scheduler's execution role (EventBridge Scheduler sends dead letters with it).
   */
  | { kind: 'role'; roleId: string };

function senderStatement(sender: QueueSender, queueId: string): Statement {
  const base = {
    Effect: 'Allow' as const,
    Action: 'sqs:SendMessage',
    Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
  };
  if (sender.kind === 'rule') {
    return {
      Sid: 'AllowOnlyTheRulesDeadLetters',
      ...base,
      Principal: { Service: 'events.amazonaws.com' },
      Condition: { ArnEquals: { 'aws:SourceArn': sender.ruleArns } },
    };
  }
  if (sender.kind === 'rule-pattern') {
    return {
      Sid: 'AllowOnlyTheRulesDeadLetters',
      ...base,
      Principal: { Service: 'events.amazonaws.com' },
      Condition: { ArnLike: { 'aws:SourceArn': sender.ruleArnPattern } },
    };
  }
  return {
    Sid: 'AllowOnlyTheSendingRole',
    ...base,
    Principal: { AWS: { 'Fn::GetAtt': [sender.roleId, 'Arn'] } },
  };
}

/** A dead-letter queue and the queue policy naming its one sender. */
export function deadLetterQueue(queueId: string, sender: QueueSender): Resources {
  return {
    [queueId]: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: DLQ_RETENTION_SECONDS,
      },
    },
    [`${queueId}Policy`]: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [ref(queueId)],
        PolicyDocument: policyDocument([
          senderStatement(sender, queueId),
          {
            Sid: 'DenyUnencryptedTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sqs:*',
            Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ]),
      },
    },
  };
}
