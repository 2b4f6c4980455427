import { describe, expect, it } from 'vitest';
import { schemaProblems } from './cfn-schema.ts';

const table = {
  Type: 'AWS::DynamoDB::Table',
  Properties: {
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: 'true' },
    Tags: [{ Key: 'team', Value: 'ml' }],
  },
};

describe('the CloudFormation schema check', () => {
  it('accepts a resource whose properties, nested types, tags and scalars conform', () => {
    expect(schemaProblems({ Resources: { Table: table } })).toEqual([]);
  });

  it('does not judge values built with intrinsic functions, nor custom resources', () => {
    const withRefs = {
      ...table,
      Properties: {
        ...table.Properties,
        TableName: { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, 'state']] },
        KeySchema: { Ref: 'Keys' },
      },
    };
    const custom = { Type: 'Custom::Anything', Properties: { Whatever: 1 } };
    expect(schemaProblems({ Resources: { Table: withRefs, Custom: custom } })).toEqual([]);
  });

  it('names an unknown resource type, a misspelt property and a missing required one, with their paths', () => {
    const problems = schemaProblems({
      Resources: {
        Queue: { Type: 'AWS::SQS::Queu', Properties: {} },
        Table: {
          Type: 'AWS::DynamoDB::Table',
          Properties: { ...table.Properties, PointInTimeRecovery: { Enabled: true } },
        },
        Schedule: {
          Type: 'AWS::Scheduler::Schedule',
          Properties: {
            ScheduleExpression: 'cron(0 18 ? * FRI *)',
            FlexibleTimeWindow: { Mode: 'OFF' },
            Target: {
              Arn: 'arn:aws:lambda:eu-west-1:123456789012:function:f',
              RetryPolicy: { MaxRetries: 3 },
            },
          },
        },
      },
    });
    expect(problems).toEqual([
      'Queue: AWS::SQS::Queu is not a CloudFormation resource type',
      expect.stringMatching(
        /^Table\.Properties\.PointInTimeRecovery: not a property here \(known: .*PointInTimeRecoverySpecification/,
      ),
      'Schedule.Properties.Target.RoleArn: required, but missing',
      expect.stringMatching(
        /^Schedule\.Properties\.Target\.RetryPolicy\.MaxRetries: not a property here \(known: MaximumEventAgeInSeconds, MaximumRetryAttempts\)$/,
      ),
    ]);
  });

  it('names values of the wrong shape: a scalar for an object, an object for a list, text for a number', () => {
    const problems = schemaProblems({
      Resources: {
        Table: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            ...table.Properties,
            PointInTimeRecoverySpecification: true,
            AttributeDefinitions: { AttributeName: 'pk', AttributeType: 'S' },
            Tags: [{ Key: 'team' }],
          },
        },
        Queue: {
          Type: 'AWS::SQS::Queue',
          Properties: { MessageRetentionPeriod: 'two weeks', FifoQueue: 'yes' },
        },
      },
    });
    expect(problems).toEqual([
      'Table.Properties.AttributeDefinitions: expected a list, found an object',
      'Table.Properties.PointInTimeRecoverySpecification: expected an object, found boolean true',
      'Table.Properties.Tags[0].Value: required, but missing',
      'Queue.Properties.MessageRetentionPeriod: expected a number, found string "two weeks"',
      'Queue.Properties.FifoQueue: expected true or false, found string "yes"',
    ]);
  });
});
