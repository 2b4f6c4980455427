/**
 * Red-team findings on the events the functions take (issue 15, items 1 and 2), through the real
 * middy handlers over in-memory ports: each bad event is refused as malformed (logged with its id
 * and a bounded excerpt, nothing written, not retried), and the events after it still act.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../shared/config/index.ts';
import { targetKey } from '../../../shared/domain/model.ts';
import { EXCERPT_MAX_CHARS } from '../../../shared/events/excerpt.ts';
import { lambdaContext } from '../../../shared/local/lambda-context.ts';
import { alarmHandler, type HandlerResult, scheduleHandler } from '../../../shared/wiring/handlers.ts';
import { memoryRuntime } from '../../support/memory-runtime.ts';

const CONFIG = loadConfigFile('scaling.yml');
const FRAUD = CONFIG.targets[0];
const VARIANT = 'fraud-detector/AllTraffic';

function sample(path: string): Record<string, unknown> & { detail: Record<string, unknown> } {
  return JSON.parse(readFileSync(`events/${path}`, 'utf8'));
}

function setup() {
  const world = memoryRuntime(CONFIG, { [VARIANT]: 2 });
  // The sample's state is of 10:03:10.121Z: the function runs a minute later.
  world.clock.now = Date.parse('2026-11-23T10:04:10Z');
  const onAlarm = (event: unknown) =>
    alarmHandler(world.runtime)(event, lambdaContext('on-alarm')) as Promise<HandlerResult>;
  const onSchedule = (event: unknown) =>
    scheduleHandler(world.runtime)(event, lambdaContext('on-schedule')) as Promise<HandlerResult>;
  const history = () => world.store.listActivities(targetKey(FRAUD as never));
  return { ...world, onAlarm, onSchedule, history };
}

describe('red-team: events the functions refuse', () => {
  it('red-team 1.1: an alarm state stamped a year ahead is refused as malformed, and the later events of that alarm still scale', async () => {
    const { onAlarm, logged, store, endpoints, history } = setup();
    const future = sample('alarm/invocations-high-alarm.json');
    (future.detail.state as Record<string, unknown>).timestamp = '2027-11-23T10:03:10.121+0000';

    const refused = await onAlarm(future);

    expect(refused.rejected).toEqual([
      expect.stringMatching(
        /^detail\.state\.timestamp: expected an instant at most 5 minutes after the processing time 2026-11-23T10:04:10\.000Z .*found 2027-11-23T10:03:10\.121Z; .*every later event of alarm fraud-detector-invocations-high look stale$/,
      ),
    ]);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'MalformedEvent',
        fields: expect.objectContaining({ eventId: '5f1c7a2e-3b8d-4c9e-a1f0-6d2b9e8c4a17' }),
      }),
    ]);
    expect((await store.load(targetKey(FRAUD as never), '')).state).toBeUndefined();

    // The genuine event (same alarm, the present) is not stale: it scales out.
    const genuine = sample('alarm/invocations-high-alarm.json');
    genuine.id = 'a-later-event';
    const [outcome] = (await onAlarm(genuine)).outcomes;
    expect(outcome).toMatchObject({ action: 'scale-out', fromCapacity: 2, toCapacity: 3 });
    expect(endpoints.counts.get(VARIANT)).toBe(3);
    expect((await history()).map((r) => r.reasonCode ?? r.action)).toEqual(['scale-out']);
  });

  it('red-team 1.2: a scheduled slot far ahead of the processing time is refused as malformed', async () => {
    const { onSchedule, store, clock } = setup();
    clock.now = Date.parse('2026-11-27T17:00:20Z');
    const future = sample('scheduled/weekend-peak.json');
    future.time = '2030-11-27T17:00:00Z';

    const refused = await onSchedule(future);
    const onTime = await onSchedule(sample('scheduled/weekend-peak.json'));

    expect(refused.rejected).toEqual([
      expect.stringMatching(
        /^time: expected an instant at most 5 minutes after the processing time .*found 2030-11-27T17:00:00\.000Z; .*scheduled action weekend-peak look stale$/,
      ),
    ]);
    expect(onTime.rejected).toBeUndefined();
    expect(onTime.outcomes).toEqual([expect.objectContaining({ action: 'scale-out', toCapacity: 4 })]);
    expect((await store.load(targetKey(FRAUD as never), '')).state?.firedSlots).toEqual({
      'weekend-peak': Date.parse('2026-11-27T17:00:00Z'),
    });
  });

  it('red-team 2.1: an event id, alarm name or endpoint name past what DynamoDB keys (or AWS) allow is refused as malformed, never thrown into the retry loop', async () => {
    const { onAlarm, onSchedule, store, clock } = setup();
    const longId = sample('alarm/invocations-high-alarm.json');
    longId.id = 'x'.repeat(1019);
    const longAlarm = sample('alarm/invocations-high-alarm.json');
    longAlarm.detail.alarmName = 'a'.repeat(256);
    const longEndpoint = sample('scheduled/weekend-peak.json');
    (longEndpoint.detail as Record<string, unknown>).endpointName = 'e'.repeat(64);
    const longName = sample('scheduled/weekend-peak.json');
    (longName.detail as Record<string, unknown>).scheduledActionName = 'n'.repeat(257);

    const results = [await onAlarm(longId), await onAlarm(longAlarm)];
    // The scheduled samples fire at 2026-11-27T17:00Z.
    clock.now = Date.parse('2026-11-27T17:00:20Z');
    results.push(await onSchedule(longEndpoint), await onSchedule(longName));

    expect(results.map((r) => r.rejected)).toEqual([
      [
        'id: expected at most 1018 bytes (UTF-8), what a DynamoDB sort key holds after EVENT#, found 1019 characters (1019 bytes)',
      ],
      [
        'detail.alarmName: expected at most 255 characters, the longest CloudWatch alarm name, found 256 characters (256 bytes)',
      ],
      [
        'detail.endpointName: expected at most 63 characters, the longest SageMaker endpoint or variant name, found 64 characters (64 bytes)',
      ],
      [
        'detail.scheduledActionName: expected at most 256 characters, the longest AAS scheduled action name, found 257 characters (257 bytes)',
      ],
    ]);
    expect((await store.load(targetKey(FRAUD as never), '')).state).toBeUndefined();
  });

  it('red-team 2.2: a dropped malformed event logs its id and an excerpt cut to a bound', async () => {
    const { onAlarm, logged } = setup();
    const huge = sample('alarm/invocations-high-alarm.json');
    huge.id = 'evt-with-a-huge-payload';
    (huge.detail.state as Record<string, unknown>).reasonData = `{not json${' '.repeat(50_000)}`;

    await onAlarm(huge);

    const [line] = logged;
    const fields = line?.fields as { eventId: string; excerpt: string; issues: string[] };
    expect(line?.message).toBe('MalformedEvent');
    expect(fields.eventId).toBe('evt-with-a-huge-payload');
    expect(fields.issues[0]).toContain('detail.state.reasonData');
    expect(fields.excerpt.startsWith('{"version":"0","id":"evt-with-a-huge-payload"')).toBe(true);
    expect(fields.excerpt.length).toBeLessThan(EXCERPT_MAX_CHARS + 50);
    expect(fields.excerpt).toMatch(/… \(\d+ characters in all\)$/);
  });
});
