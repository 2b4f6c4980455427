/**
 * What the operate commands say when AWS (or the user's setup) stands in the way: a sentence a
 * person can act on and an exit code, instead of a stack trace.
 */

/** Invalid configuration: scaling.yml (or the one `scaler import` produced) fails validation. */
export const EXIT_FAILURE = 1;
/** Bad usage or input: unknown target or flag, malformed time, unreadable trace, nothing to import. */
export const EXIT_USAGE = 2;
/**
 * AWS access: no or rejected credentials, no region, table not found, access denied, unreachable,
 * an AWS error we have no sentence for; locally, DynamoDB Local or the emulator failing.
 */
export const EXIT_ENVIRONMENT = 3;

/** Where the command was looking, for the messages. */
export interface FailureContext {
  stage: string;
  tableName: string;
  region?: string | undefined;
}

export interface FailureDescription {
  message: string;
  exitCode: number;
}

const REJECTED_CREDENTIALS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
]);

const USAGE = new Set([
  'UnknownTargetError',
  'TimeArgumentError',
  'InvalidArgumentError',
  'UnknownMarkError',
]);

const CREDENTIALS_HELP =
  'provide them the standard way: `aws configure`, or `aws sso login --profile NAME` and AWS_PROFILE=NAME, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN); for the local stack, export the variables `scaler local` prints';

/** The sentence and exit code for an error, or undefined when it is not one of the known kinds. */
export function describeFailure(error: unknown, where: FailureContext): FailureDescription | undefined {
  if (!(error instanceof Error)) return undefined;
  const { name, message } = error;
  const region = where.region ?? 'the configured region';
  if (USAGE.has(name)) return { message, exitCode: EXIT_USAGE };
  // The endpoint named has no native scaling to import: the input, not the configuration.
  if (name === 'NotRegisteredError') return { message, exitCode: EXIT_USAGE };
  if (name === 'CredentialsProviderError') {
    return {
      message: `no AWS credentials found (${message}): ${CREDENTIALS_HELP}`,
      exitCode: EXIT_ENVIRONMENT,
    };
  }
  if (REJECTED_CREDENTIALS.has(name)) {
    return {
      message: `AWS rejected the credentials (${name}: ${message}): refresh them (e.g. \`aws sso login\`) and try again`,
      exitCode: EXIT_ENVIRONMENT,
    };
  }
  if (name === 'ResourceNotFoundException') {
    return {
      message: `table ${where.tableName} not found in ${region}: deployed? (check --stage ${where.stage} and --region, or set SCALER_TABLE_NAME)`,
      exitCode: EXIT_ENVIRONMENT,
    };
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return { message: `not allowed in ${region}: ${message}`, exitCode: EXIT_ENVIRONMENT };
  }
  if (/region is missing/i.test(message)) {
    return {
      message: 'no AWS region: pass --region, or set AWS_REGION (or a region in your AWS profile)',
      exitCode: EXIT_ENVIRONMENT,
    };
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
    return {
      message: `cannot reach AWS (${message}): check the network; for the local stack, that it is running and AWS_ENDPOINT_URL_* point at it`,
      exitCode: EXIT_ENVIRONMENT,
    };
  }
  // Any other error an AWS service returned (the SDK's service exceptions carry $metadata).
  if ('$metadata' in error) {
    return { message: `AWS refused the call in ${region} (${name}: ${message})`, exitCode: EXIT_ENVIRONMENT };
  }
  return undefined;
}
