/**
 * Bounds on the event fields that end up in DynamoDB keys or name AWS resources. A value past
 * them can never be handled: DynamoDB refuses the write (a ValidationException the platform would
 * retry until the event dead-letters) or AWS could never have sent it. The schemas refuse such an
 * event as malformed instead, naming the field, so it is dropped with a clear log line.
 */
import * as z from 'zod/mini';
import { expectedFound } from './describe.ts';

/**
 * DynamoDB's limit on a sort key value: 1024 bytes (UTF-8). The partition key's is 2048.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-partition-sort-keys
 */
export const SORT_KEY_MAX_BYTES = 1024;

/**
 * The event key is stored as the sort key `EVENT#<eventKey>` (shared/adapters/aws/table-design.ts),
 * so it may take the sort key's bytes less the 6 of the prefix.
 */
export const EVENT_KEY_MAX_BYTES = SORT_KEY_MAX_BYTES - 'EVENT#'.length;

/**
 * CloudWatch AlarmName: 1 to 255 characters.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 */
export const ALARM_NAME_MAX_LENGTH = 255;

/**
 * SageMaker EndpointName and VariantName: at most 63 characters.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpointWeightsAndCapacities.html
 */
export const SAGEMAKER_NAME_MAX_LENGTH = 63;

/**
 * AAS ScheduledActionName: 1 to 256 characters. With its slot (`@2026-11-27T17:00:00.000Z`) it is
 * the event key: 256 UTF-16 units are at most 768 UTF-8 bytes, well inside the key's 1018.
 */
export const SCHEDULED_ACTION_NAME_MAX_LENGTH = 256;

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * A non-empty string of at most `maxLength` characters and `maxBytes` UTF-8 bytes; `why` says
 * where the limit comes from.
 */
export function boundedString(limits: { maxLength?: number; maxBytes?: number; why: string }) {
  return z.string().check(
    z.minLength(1),
    z.refine(
      (value) =>
        (limits.maxLength === undefined || value.length <= limits.maxLength) &&
        (limits.maxBytes === undefined || utf8Bytes(value) <= limits.maxBytes),
      {
        error: (issue) => {
          const value = issue.input as string;
          const bound = [
            ...(limits.maxLength === undefined ? [] : [`${limits.maxLength} characters`]),
            ...(limits.maxBytes === undefined ? [] : [`${limits.maxBytes} bytes (UTF-8)`]),
          ].join(' and ');
          return expectedFound(
            `at most ${bound}, ${limits.why}`,
            `${value.length} characters (${utf8Bytes(value)} bytes)`,
          );
        },
        abort: true,
      },
    ),
  );
}
