/**
 * The AWS Query protocol, as CloudWatch speaks it to clients other than the pinned JavaScript SDK
 * (Debian's AWS CLI 2.9 and boto3 1.26, whose botocore models CloudWatch with `"protocol":
 * "query"`). Seen on the wire with `aws --debug`:
 *
 * - `POST /`, `Content-Type: application/x-www-form-urlencoded; charset=utf-8`, no X-Amz-Target;
 *   the body is `Action=DescribeAlarms&Version=2010-08-01&...`.
 * - Lists are flattened as `AlarmNames.member.1=...`, structures as dotted paths:
 *   `MetricData.member.1.Dimensions.member.2.Name=...`. Every value is text; timestamps are
 *   ISO 8601.
 * - Answers are XML in the service's namespace: `<DescribeAlarmsResponse xmlns="...">
 *   <DescribeAlarmsResult>...</DescribeAlarmsResult><ResponseMetadata><RequestId>` (an operation
 *   without output answers the response element with its metadata only). Lists are `<member>`
 *   elements; timestamps ISO 8601.
 * - Errors: `<ErrorResponse><Error><Type>Sender</Type><Code>...</Code><Message>` with the Query
 *   code (`ValidationError`, `InvalidParameterValue`, `ResourceNotFound`, `Throttling`).
 *
 * This module turns the request into the JSON-shaped input the emulator's operations take (the
 * same operations serve both protocols); query-xml.ts writes their JSON-shaped result as XML. The
 * types of the few non-string members come from {@link CLOUDWATCH_QUERY_TYPES}.
 */
import type { IncomingMessage } from 'node:http';
import { AwsWireError, epochSeconds } from './wire.ts';

/** The API version a CloudWatch Query request names, and the XML namespace of its answers. */
export const CLOUDWATCH_QUERY_VERSION = '2010-08-01';

type ScalarType = 'integer' | 'double' | 'boolean' | 'timestamp';

/**
 * Every non-string member of the CloudWatch operations the emulator serves, by member name (the
 * model names each one the same way wherever it appears), from botocore's CloudWatch 2010-08-01
 * model; `test/e2e/aws-cli.test.ts` checks this table against the model the installed CLI ships.
 */
export const CLOUDWATCH_QUERY_TYPES: Readonly<Record<string, ScalarType>> = {
  MaxRecords: 'integer',
  Period: 'integer',
  EvaluationPeriods: 'integer',
  DatapointsToAlarm: 'integer',
  StorageResolution: 'integer',
  MaxDatapoints: 'integer',
  ActionsSuppressorWaitPeriod: 'integer',
  ActionsSuppressorExtensionPeriod: 'integer',
  Threshold: 'double',
  Value: 'double',
  Values: 'double',
  Counts: 'double',
  SampleCount: 'double',
  Sum: 'double',
  Average: 'double',
  Minimum: 'double',
  Maximum: 'double',
  ActionsEnabled: 'boolean',
  ReturnData: 'boolean',
  StartTime: 'timestamp',
  EndTime: 'timestamp',
  Timestamp: 'timestamp',
  Timestamps: 'timestamp',
  StateUpdatedTimestamp: 'timestamp',
  StateTransitionedTimestamp: 'timestamp',
  AlarmConfigurationUpdatedTimestamp: 'timestamp',
};

/**
 * Lists whose members are structures of strings only, whatever their names: a Dimension's (or a
 * Tag's, or a Message's) `Value` is text, a MetricDatum's `Value` a number.
 */
export const CLOUDWATCH_STRING_STRUCTURES: ReadonlySet<string> = new Set(['Dimensions', 'Tags', 'Messages']);

/** A request in the Query protocol: form-encoded, no X-Amz-Target. */
export function isQueryRequest(request: IncomingMessage): boolean {
  const type = request.headers['content-type'] ?? '';
  return (
    request.headers['x-amz-target'] === undefined && type.startsWith('application/x-www-form-urlencoded')
  );
}

/** A decoded Query request: the action, the API version and the input in its JSON shape. */
export interface QueryRequest {
  action: string;
  version: string;
  input: Record<string, unknown>;
}

function scalar(name: string, text: string, inStrings: boolean): unknown {
  const type = inStrings ? undefined : CLOUDWATCH_QUERY_TYPES[name];
  if (type === undefined) return text;
  if (type === 'boolean') {
    if (text !== 'true' && text !== 'false') throw invalidValue(name, text, 'true or false');
    return text === 'true';
  }
  if (type === 'timestamp') {
    // ISO 8601 (what the CLI sends), or epoch seconds.
    const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
    if (!Number.isFinite(ms)) throw invalidValue(name, text, 'an ISO 8601 timestamp');
    return epochSeconds(ms);
  }
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (type === 'integer' && !Number.isInteger(value))) {
    throw invalidValue(name, text, type === 'integer' ? 'an integer' : 'a number');
  }
  return value;
}

function invalidValue(name: string, text: string, expected: string): AwsWireError {
  return new AwsWireError(
    'ValidationException',
    `1 validation error detected: Value '${text}' at '${name}' failed to satisfy constraint: Member must be ${expected}`,
  );
}

type Node = Record<string, unknown>;

/** Sets `path` (`MetricData.member.1.Dimensions.member.2.Name`) in `root`, creating lists and structures. */
function assign(root: Node, path: readonly string[], text: string): void {
  let node: Node | unknown[] = root;
  let name = '';
  let inStrings = false;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as string;
    const last = i === path.length - 1;
    if (key === 'member' && Array.isArray(node)) continue;
    const index = Array.isArray(node) ? Number(key) - 1 : -1;
    if (Array.isArray(node) && !(Number.isInteger(index) && index >= 0 && index < 1000)) {
      throw new AwsWireError(
        'ValidationException',
        `${path.join('.')}: expected a list member number, found '${key}'`,
      );
    }
    const slot: string | number = Array.isArray(node) ? index : key;
    if (!Array.isArray(node)) name = key;
    if (CLOUDWATCH_STRING_STRUCTURES.has(key)) inStrings = true;
    if (last) {
      (node as Record<string | number, unknown>)[slot] = scalar(name, text, inStrings);
      return;
    }
    const container: Record<string | number, unknown> = node as Record<string | number, unknown>;
    const next = path[i + 1] === 'member' ? [] : {};
    container[slot] ??= next;
    node = container[slot] as Node | unknown[];
  }
}

/**
 * Decodes a form-encoded Query body.
 *
 * @throws {AwsWireError} without an Action, or for a value of the wrong type.
 */
export function decodeQueryRequest(body: string): QueryRequest {
  const input: Node = {};
  let action = '';
  let version = '';
  for (const [key, value] of new URLSearchParams(body)) {
    if (key === 'Action') action = value;
    else if (key === 'Version') version = value;
    else assign(input, key.split('.'), value);
  }
  if (action === '')
    throw new AwsWireError('MissingAction', 'the Query request names no Action', 400, 'MissingAction');
  // Lists were filled by member number: a gap would leave a hole.
  return { action, version, input: compact(input) as Node };
}

function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compact(item)]));
  }
  return value;
}
