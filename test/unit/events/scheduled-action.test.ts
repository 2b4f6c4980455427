import { describe, expect, it } from 'vitest';
import { InvalidEventError, parseScheduledEvent } from '../../../shared/events/index.ts';
import { failureOf, loadEvent, withValue } from './fixtures.ts';

const WEEKEND_PEAK = 'scheduled/weekend-peak.json';

describe('parseScheduledEvent', () => {
  it('maps a scheduled-action event to a trigger for its slot', () => {
    // Prepare
    const event = loadEvent(WEEKEND_PEAK);

    // Act
    const trigger = parseScheduledEvent(event);

    // Assess
    expect(trigger).toEqual({
      kind: 'scheduled',
      eventId: '0b7d5e92-6f3a-4c18-9e2d-a4f1c8b3d507',
      endpointName: 'fraud-detector',
      variantName: 'AllTraffic',
      scheduledActionName: 'weekend-peak',
      scheduledTime: Date.UTC(2026, 10, 27, 17, 0, 0),
    });
  });

  it('ignores extra envelope fields such as account, region and resources', () => {
    // Prepare
    let event = withValue(loadEvent(WEEKEND_PEAK), ['account'], '123456789012');
    event = withValue(event, ['region'], 'eu-west-1');
    event = withValue(
      event,
      ['resources'],
      ['arn:aws:scheduler:eu-west-1:123456789012:schedule/default/weekend-peak'],
    );
    event = withValue(event, ['detail', 'attempt'], 2);

    // Act
    const trigger = parseScheduledEvent(event);

    // Assess
    expect(trigger.scheduledActionName).toBe('weekend-peak');
    expect(trigger).not.toHaveProperty('attempt');
  });

  it('rejects a time that is not an ISO instant', () => {
    // Prepare
    const event = withValue(loadEvent(WEEKEND_PEAK), ['time'], 'Fri, 27 Nov 2026 17:00:00 GMT');

    // Act
    const error = failureOf(() => parseScheduledEvent(event));

    // Assess
    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).issues).toEqual([
      'time: expected a timestamp like 2019-10-02T17:04:40Z, found "Fri, 27 Nov 2026 17:00:00 GMT"',
    ]);
  });

  it('rejects a detail without an action name or with an empty endpoint name', () => {
    // Prepare
    let event = withValue(loadEvent(WEEKEND_PEAK), ['detail', 'scheduledActionName'], undefined);
    event = withValue(event, ['detail', 'endpointName'], '');

    // Act
    const error = failureOf(() => parseScheduledEvent(event));

    // Assess
    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).issues).toEqual([
      'detail.endpointName: expected at least 1 character(s), found an empty string',
      'detail.scheduledActionName: expected a string, found nothing (the field is missing)',
    ]);
  });
});
