/**
 * The scaler's one DynamoDB table, hardened: its keys and time to live come from THE table design
 * (shared/adapters/aws/table-design.ts) so the deployed table and the local stack's never differ.
 */
import { createTableInput, timeToLiveInput } from '../../shared/adapters/aws/table-design.ts';
import type { Json, Resources } from '../cfn.ts';
import { IDS } from '../stack.ts';

/**
 * The table: on-demand, point-in-time recovery, encrypted, items expiring on the TTL attribute,
 * protected from deletion twice over: `DeletionProtectionEnabled` refuses a DeleteTable call, and
 * `Retain` keeps it when the stack is removed or the resource would be replaced. The history and
 * the scaling state outlive any one deployment.
 */
export function tableResources(tableName: string): Resources {
  const design = createTableInput(tableName);
  const ttl = timeToLiveInput(tableName).TimeToLiveSpecification;
  return {
    [IDS.table]: {
      Type: 'AWS::DynamoDB::Table',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        TableName: tableName,
        AttributeDefinitions: design.AttributeDefinitions as unknown as Json,
        KeySchema: design.KeySchema as unknown as Json,
        BillingMode: design.BillingMode ?? 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        // SSE with the AWS-managed key (aws/dynamodb), rather than the default AWS-owned key:
        // key use shows in CloudTrail and the table passes "encrypted with KMS" checks.
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: ttl?.AttributeName ?? '', Enabled: true },
        DeletionProtectionEnabled: true,
      },
    },
  };
}
