/**
 * How `DynamoDbStateStore` fails: the DynamoDB limits it reports as errors of its own, and
 * which transaction cancellations are a lost optimistic lock (a `VersionConflictError` to the caller).
 */
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** A commit needs more items than one DynamoDB transaction may hold. */
export class TransactionTooLargeError extends Error {
  override readonly name = 'TransactionTooLargeError';
}

/** DynamoDB kept returning keys unread (throttling) after every retry. */
export class UnprocessedReadError extends Error {
  override readonly name = 'UnprocessedReadError';
}

/** Whether a TransactWriteItems failed on the state item's version check (the commit's first item). */
export function stateConditionFailed(error: unknown): error is TransactionCanceledException {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return false;
  // Reasons come in the order of TransactItems; the state's Put is the first. A
  // TransactionConflict there means another writer's transaction on the same state item was
  // under way: as with a failed version check, deciding again from fresh state is the answer.
  const code = (error as TransactionCanceledException).CancellationReasons?.[0]?.Code;
  return code === 'ConditionalCheckFailed' || code === 'TransactionConflict';
}
