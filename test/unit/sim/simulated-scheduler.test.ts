import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../shared/config/index.ts';
import { parseScheduledEvent } from '../../../shared/events/index.ts';
import {
  SimulatedScheduler,
  scheduledActionEvent,
  scheduledFirings,
} from '../../../shared/sim/simulated-scheduler.ts';

const config = parseConfigText(
  `
targets:
  - endpointName: shop
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 10
    scheduledActions:
      - scheduledActionName: friday-evening
        schedule: cron(0 18 ? * FRI *)
        timezone: Europe/Berlin
        scalableTargetAction: { minCapacity: 4, maxCapacity: 12 }
      - scheduledActionName: every-six-hours
        schedule: rate(6 hours)
        scalableTargetAction: { minCapacity: 2 }
`,
  'scheduler.yml',
).targets;

const iso = (time: number) => new Date(time).toISOString();

describe('simulated scheduler', () => {
  it('fires cron actions at their local time, daylight saving included', () => {
    const summer = scheduledFirings(
      config,
      Date.parse('2026-07-06T00:00:00Z'),
      Date.parse('2026-07-13T00:00:00Z'),
    );
    const winter = scheduledFirings(
      config,
      Date.parse('2026-11-23T00:00:00Z'),
      Date.parse('2026-11-30T00:00:00Z'),
    );
    const friday = (firings: typeof summer) =>
      firings.filter((f) => f.scheduledActionName === 'friday-evening').map((f) => iso(f.time));
    // 18:00 in Berlin: CEST (UTC+2) in July, CET (UTC+1) in November.
    expect(friday(summer)).toEqual(['2026-07-10T16:00:00.000Z']);
    expect(friday(winter)).toEqual(['2026-11-27T17:00:00.000Z']);
  });

  it('anchors rate() to the start of the run when the action has no start time', () => {
    const from = Date.parse('2026-07-06T01:30:00Z');
    const firings = scheduledFirings(config, from, from + 13 * 3_600_000).filter(
      (f) => f.scheduledActionName === 'every-six-hours',
    );
    expect(firings.map((f) => iso(f.time))).toEqual([
      '2026-07-06T01:30:00.000Z',
      '2026-07-06T07:30:00.000Z',
      '2026-07-06T13:30:00.000Z',
    ]);
  });

  it("produces the scaler's scheduled-action event, which the production parser reads", () => {
    const [firing] = scheduledFirings(
      config,
      Date.parse('2026-11-27T00:00:00Z'),
      Date.parse('2026-11-28T00:00:00Z'),
    ).filter((f) => f.scheduledActionName === 'friday-evening');
    if (!firing) throw new Error('expected a firing');
    const event = scheduledActionEvent(firing, 'exec-1');
    expect(event).toEqual({
      version: '0',
      id: 'exec-1',
      'detail-type': 'Scheduled Scaling Action',
      source: 'sagemaker-scaler',
      time: '2026-11-27T17:00:00Z',
      detail: { endpointName: 'shop', variantName: 'AllTraffic', scheduledActionName: 'friday-evening' },
    });
    expect(parseScheduledEvent(event)).toMatchObject({
      scheduledActionName: 'friday-evening',
      scheduledTime: Date.parse('2026-11-27T17:00:00Z'),
    });
  });

  it('hands out each firing once, when it is due', () => {
    const scheduler = new SimulatedScheduler([
      { time: 10, endpointName: 'e', variantName: 'v', scheduledActionName: 'a' },
      { time: 20, endpointName: 'e', variantName: 'v', scheduledActionName: 'b' },
    ]);
    expect(scheduler.due(5)).toEqual([]);
    expect(scheduler.due(25).map((f) => f.scheduledActionName)).toEqual(['a', 'b']);
    expect(scheduler.due(30)).toEqual([]);
  });
});
