import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidEventError, parseTriggerEvent } from '../../../shared/events/index.ts';
import { ALARM_SAMPLES, failureOf, loadEvent, SCHEDULED_SAMPLES, withValue } from './fixtures.ts';

describe('parseTriggerEvent', () => {
  it('dispatches an alarm state change to the alarm schema', () => {
    // Prepare
    const event = loadEvent('alarm/invocations-low-alarm.json');

    // Act
    const trigger = parseTriggerEvent(event);

    // Assess
    expect(trigger).toMatchObject({
      kind: 'alarm',
      alarmName: 'fraud-detector-invocations-low',
      threshold: 300,
    });
  });

  it('dispatches a scheduled-action event to the scheduled schema', () => {
    // Prepare
    const event = loadEvent('scheduled/weekday-baseline.json');

    // Act
    const trigger = parseTriggerEvent(event);

    // Assess
    expect(trigger).toMatchObject({ kind: 'scheduled', scheduledActionName: 'weekday-baseline' });
  });

  it('rejects an unknown kind, naming what it found and what it accepts', () => {
    // Prepare
    const event = { 'detail-type': 'EC2 Instance State-change Notification', source: 'aws.ec2', detail: {} };

    // Act
    const error = failureOf(() => parseTriggerEvent(event));

    // Assess
    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).issues).toEqual([
      'detail-type: expected "CloudWatch Alarm State Change" (source "aws.cloudwatch") or "Scheduled Scaling Action" (source "sagemaker-scaler"), found "EC2 Instance State-change Notification" (source "aws.ec2")',
    ]);
  });

  it('does not take an inherited property name for a kind', () => {
    // Prepare
    const event = { 'detail-type': 'toString', source: 'aws.cloudwatch' };

    // Act
    const error = failureOf(() => parseTriggerEvent(event));

    // Assess
    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).issues[0]).toMatch(/^detail-type: expected .*, found "toString"/);
  });

  it.each([
    [null, 'null'],
    [[], 'an empty array'],
    [
      '{"detail-type":"CloudWatch Alarm State Change"}',
      '"{\\"detail-type\\":\\"CloudWatch Alarm State Change\\"}"',
    ],
  ])('rejects %j, which is not an object', (input, found) => {
    // Act
    const error = failureOf(() => parseTriggerEvent(input));

    // Assess
    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).issues).toEqual([`event: expected an object, found ${found}`]);
  });

  it('either parses random JSON values or throws InvalidEventError, never anything else', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        try {
          parseTriggerEvent(input);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidEventError);
          expect((error as InvalidEventError).issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('either parses real events with one field replaced by random JSON or throws InvalidEventError', () => {
    // Replacing a field deep inside a real event reaches the schemas past the dispatch, which
    // random values alone almost never do.
    const samples = [
      ...ALARM_SAMPLES.map((name) => loadEvent(`alarm/${name}`)),
      ...SCHEDULED_SAMPLES.map((name) => loadEvent(`scheduled/${name}`)),
    ];
    const paths = samples.map((sample) => leafPaths(sample));
    const mutation = fc
      .nat({ max: samples.length - 1 })
      .chain((index) =>
        fc.tuple(fc.constant(index), fc.constantFrom(...(paths[index] ?? [])), fc.option(fc.jsonValue())),
      );
    fc.assert(
      fc.property(mutation, ([index, path, value]) => {
        const event = withValue(samples[index], path, value ?? undefined);
        try {
          parseTriggerEvent(event);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidEventError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

/** Every path from the root to a leaf or a non-empty container of `value`. */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  const nested = entries.flatMap(([key, item]) => leafPaths(item, [...prefix, key]));
  return prefix.length === 0 ? nested : [prefix, ...nested];
}
