/**
 * How long one request of a function's SDK client may take. Without a bound, an AWS endpoint (or a
 * local one) that accepts the connection and never answers holds the invocation until the Lambda
 * timeout (30 s): the platform's retry then meets the same hang, and nothing says what hung. With
 * it, the request fails with a TimeoutError the SDK retries like any transient error, and the
 * invocation fails well inside its timeout naming the call.
 *
 * Budget: 3 s a request. The clients retry up to 5 attempts (SageMaker, CloudWatch, AAS; DynamoDB
 * 3), so one hung dependency fails the invocation in at most about 15 s plus backoff. A healthy
 * call takes tens of milliseconds (DynamoDB, DescribeEndpoint) to a few hundred (GetMetricData).
 *
 * Passed as the client's `requestHandler` options, so the SDK builds the NodeHttpHandler it
 * builds anyway: no extra module on the cold-start path.
 */
export const FUNCTION_REQUEST_TIMEOUTS = {
  /** A TCP (and TLS) connection to a regional endpoint takes milliseconds. */
  connectionTimeout: 1_000,
  /** The whole request, response included. */
  requestTimeout: 3_000,
  /** Without it, the SDK only logs a warning when `requestTimeout` passes. */
  throwOnRequestTimeout: true,
} as const;
