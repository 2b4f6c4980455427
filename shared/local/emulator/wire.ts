/**
 * The AWS JSON wire protocols the emulated services speak, as the installed SDK clients read them
 * (`@aws-sdk/core` AwsJsonRpcProtocol over `@smithy/core` JsonCodec2):
 *
 * - SageMaker and Application Auto Scaling: AWS JSON 1.1 (`application/x-amz-json-1.1`).
 * - CloudWatch: AWS JSON 1.0 in *query-compatible* mode (`application/x-amz-json-1.0`; the SDK
 *   sends `x-amzn-query-mode: true` and reads an error's code first from the
 *   `x-amzn-query-error: <Code>;<Sender|Receiver>` header, the code the old Query API used).
 * - Requests are `POST /` with `X-Amz-Target: <ServiceTarget>.<Operation>` and a JSON body.
 * - Timestamps travel as epoch seconds (JSON numbers, fractions allowed): the codec's default
 *   format 7. The SDK parses them back with `new Date(Math.round(seconds * 1000))`.
 * - Errors: HTTP 4xx/5xx, body `{"__type": "<code>", "message": "..."}`, header
 *   `x-amzn-ErrorType: <code>`. The SDK turns the code into the error's `name`; codes in its
 *   retry tables (ThrottlingException, Throttling) make its retry strategy back off and retry.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A service's protocol: content type, and whether errors also carry the query-compatible header. */
export interface WireProtocol {
  contentType: string;
  queryCompatible: boolean;
}

export const AWS_JSON_1_1: WireProtocol = {
  contentType: 'application/x-amz-json-1.1',
  queryCompatible: false,
};
export const AWS_JSON_1_0_QUERY_COMPATIBLE: WireProtocol = {
  contentType: 'application/x-amz-json-1.0',
  queryCompatible: true,
};

/**
 * The Query API codes of the JSON error codes CloudWatch answers with (its model's `awsQueryError`
 * traits; throttling is unmodelled and keeps the Query API's `Throttling`).
 */
const QUERY_CODES: Readonly<Record<string, string>> = {
  ValidationException: 'ValidationError',
  ThrottlingException: 'Throttling',
  InvalidParameterValueException: 'InvalidParameterValue',
  ResourceNotFoundException: 'ResourceNotFoundException',
  InternalServiceFault: 'InternalServiceError',
};

/**
 * An error answered the way AWS answers it. `code` is the `__type` (and `x-amzn-ErrorType`);
 * `queryCode` is the query-compatible code CloudWatch puts in `x-amzn-query-error` (the code the
 * SDK reads first for CloudWatch), by default the Query API's code of `code`.
 */
export class AwsWireError extends Error {
  override readonly name = 'AwsWireError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly queryCode: string = QUERY_CODES[code] ?? code,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A request the emulator does not know how to answer (unknown target or operation). */
export function unknownOperation(target: string | undefined): AwsWireError {
  return new AwsWireError(
    'UnknownOperationException',
    `the local emulator does not implement ${target ?? '(no X-Amz-Target header)'}`,
  );
}

/** Epoch ms as the JSON protocols' epoch-seconds timestamp. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** An epoch-seconds timestamp from a request, as epoch ms (the SDK's own rounding). */
export function fromEpochSeconds(value: unknown, field: string): number {
  const seconds = typeof value === 'string' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    throw new AwsWireError('ValidationException', `${field}: expected an epoch-seconds timestamp`);
  }
  return Math.round(seconds * 1000);
}

/** Writes a successful answer. */
export function writeResult(response: ServerResponse, protocol: WireProtocol, body: unknown): void {
  write(response, protocol, 200, JSON.stringify(body ?? {}), {});
}

/** Writes an error in the service's error format. */
export function writeError(response: ServerResponse, protocol: WireProtocol, error: AwsWireError): void {
  const headers: Record<string, string> = { 'x-amzn-ErrorType': error.code };
  if (protocol.queryCompatible) {
    headers['x-amzn-query-error'] = `${error.queryCode};${error.status >= 500 ? 'Receiver' : 'Sender'}`;
  }
  write(
    response,
    protocol,
    error.status,
    JSON.stringify({ __type: error.code, message: error.message }),
    headers,
  );
}

function write(
  response: ServerResponse,
  protocol: WireProtocol,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  response.writeHead(status, {
    'content-type': protocol.contentType,
    'content-length': Buffer.byteLength(text),
    // The SDK reads it into `$metadata.requestId`.
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  response.end(text);
}

/** A request field that must be a non-empty string. */
export function requiredString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') {
    throw new AwsWireError(
      'ValidationException',
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** A request field that must be a number (or absent, when `fallback` is given). */
export function requiredNumber(input: Record<string, unknown>, field: string, fallback?: number): number {
  const value = input[field] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AwsWireError(
      'ValidationException',
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** A request field that must be a list (empty when absent). */
export function listOf(input: Record<string, unknown>, field: string): Record<string, unknown>[] {
  const value = input[field] ?? [];
  if (!Array.isArray(value)) throw new AwsWireError('ValidationException', `${field}: expected a list`);
  return value as Record<string, unknown>[];
}

/** The whole body of a request, as text. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON-protocol request body as its input object (an empty body is `{}`). */
export function parseInput(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new AwsWireError('SerializationException', 'the request body is not JSON', 400, undefined, {
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AwsWireError('SerializationException', 'the request body is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Anything else that escaped an operation is the emulator's fault: a 500 the SDK retries. */
export function asWireError(error: unknown): AwsWireError {
  if (error instanceof AwsWireError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AwsWireError(
    'InternalFailure',
    `the local emulator failed: ${message}`,
    500,
    'InternalFailure',
    {
      cause: error,
    },
  );
}

/**
 * An optional integer field with AWS's range check (a page size: `MaxRecords`, `MaxResults`), or
 * `fallback` when absent. Out of range or not an integer is AWS's ValidationException, worded as
 * AWS words it: a page size of 0 would otherwise page forever.
 */
export function integerInRange(
  input: Record<string, unknown>,
  field: string,
  range: { min: number; max: number; fallback: number },
): number {
  const value = input[field];
  if (value === undefined) return range.fallback;
  const fieldName = `${field.charAt(0).toLowerCase()}${field.slice(1)}`;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new AwsWireError(
      'ValidationException',
      `1 validation error detected: Value '${String(value)}' at '${fieldName}' failed to satisfy constraint: Member must be an integer`,
    );
  }
  if (value < range.min || value > range.max) {
    const bound =
      value < range.min ? `greater than or equal to ${range.min}` : `less than or equal to ${range.max}`;
    throw new AwsWireError(
      'ValidationException',
      `1 validation error detected: Value '${value}' at '${fieldName}' failed to satisfy constraint: Member must have value ${bound}`,
    );
  }
  return value;
}
