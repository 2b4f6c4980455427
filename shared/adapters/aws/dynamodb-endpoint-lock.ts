import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EndpointLock } from '../../ports/endpoint-lock.ts';
import { endpointLockKey, expiresAtSeconds, TTL_ATTRIBUTE } from './table-design.ts';

/**
 * The endpoint lease as one item of the scaler's table, taken with a conditional Put (free, or
 * expired) and given back with a conditional Delete (still ours). A holder that dies leaves a
 * lease that simply expires; the table's TTL removes the item later.
 */
export class DynamoDbEndpointLock implements EndpointLock {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async acquire(endpointName: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...endpointLockKey(endpointName),
            owner,
            heldUntil: now + ttlMs,
            [TTL_ATTRIBUTE]: expiresAtSeconds(now, 1),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR heldUntil < :now OR #owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':now': now, ':owner': owner },
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof ConditionalCheckFailedException ||
        (error as Error).name === 'ConditionalCheckFailedException'
      ) {
        return false;
      }
      throw error;
    }
  }

  async release(endpointName: string, owner: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: endpointLockKey(endpointName),
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (error) {
      // Someone took an expired lease over: it is theirs now, nothing to give back.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}
