import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { FUNCTION_REQUEST_TIMEOUTS } from './request-timeouts.ts';

const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Builds the CloudWatch client, once per cold start, to inject into the CloudWatch adapters (the
 * tick's alarm reader, the forecast's load history). Throttling is retried with backoff (adaptive
 * mode); when attempts run out the invocation fails and its schedule runs it again. In a module of
 * its own so a function that only reads metrics does not bundle (or get granted) the alarm reader.
 */
export function createCloudWatchClient(options?: { maxAttempts?: number }): CloudWatchClient {
  return new CloudWatchClient({
    retryMode: 'adaptive',
    maxAttempts: options?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: FUNCTION_REQUEST_TIMEOUTS,
  });
}
