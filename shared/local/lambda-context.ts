import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * A Lambda-like context for handlers invoked in process (replay, the local stack, tests).
 * `awsRequestId` defaults to a fresh one, as each Lambda invocation gets.
 */
export function lambdaContext(
  functionName = 'sagemaker-scaler-local-onAlarm',
  awsRequestId: string = randomUUID(),
): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
