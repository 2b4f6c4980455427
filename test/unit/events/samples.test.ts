import { describe, expect, it } from 'vitest';
import { parseTriggerEvent } from '../../../shared/events/index.ts';
import { ALARM_SAMPLES, loadEvent, SCHEDULED_SAMPLES } from './fixtures.ts';

// The samples are also `serverless invoke local --path` inputs: they must stay valid events.
describe('sample events in events/', () => {
  it.each(ALARM_SAMPLES)('parses alarm/%s as an alarm trigger', (name) => {
    // Prepare
    const event = loadEvent(`alarm/${name}`);

    // Act
    const trigger = parseTriggerEvent(event);

    // Assess
    expect(trigger.kind).toBe('alarm');
    expect(event).toMatchObject({ account: '123456789012', region: 'eu-west-1' });
  });

  it.each(SCHEDULED_SAMPLES)('parses scheduled/%s as a scheduled trigger for fraud-detector', (name) => {
    // Prepare
    const event = loadEvent(`scheduled/${name}`);

    // Act
    const trigger = parseTriggerEvent(event);

    // Assess
    expect(trigger).toMatchObject({
      kind: 'scheduled',
      endpointName: 'fraud-detector',
      variantName: 'AllTraffic',
    });
  });

  it('schedules weekend-peak on a Friday at 17:00 UTC and weekday-baseline on a Monday', () => {
    // Act
    const peak = parseTriggerEvent(loadEvent('scheduled/weekend-peak.json'));
    const baseline = parseTriggerEvent(loadEvent('scheduled/weekday-baseline.json'));

    // Assess
    const at = (trigger: typeof peak) =>
      new Date(trigger.kind === 'scheduled' ? trigger.scheduledTime : Number.NaN);
    expect([at(peak).getUTCDay(), at(peak).getUTCHours(), at(peak).getUTCMinutes()]).toEqual([5, 17, 0]);
    expect(at(baseline).getUTCDay()).toBe(1);
  });
});
