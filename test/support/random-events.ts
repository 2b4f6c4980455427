import { readFileSync } from 'node:fs';

type Json = Record<string, unknown>;

const SAMPLES = {
  high: JSON.parse(readFileSync('events/alarm/invocations-high-alarm.json', 'utf8')) as Json,
  low: JSON.parse(readFileSync('events/alarm/invocations-low-alarm.json', 'utf8')) as Json,
  scheduled: JSON.parse(readFileSync('events/scheduled/weekend-peak.json', 'utf8')) as Json,
};
const ALARMS = { high: 'fraud-detector-invocations-high', low: 'fraud-detector-invocations-low' };
const STATES = ['ALARM', 'ALARM', 'ALARM', 'OK', 'INSUFFICIENT_DATA'] as const;

/** A small seeded PRNG (mulberry32), so a failing sequence can be reproduced from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `2026-11-23T10:00:00.000+0000`: the form CloudWatch writes inside `detail`. */
function cloudWatchTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/**
 * A random but realistic sequence of EventBridge events for the example scaling.yml
 * (fraud-detector/AllTraffic): alarm transitions and re-evaluations of both alarms with
 * metric values around their thresholds, scheduled-action firings, and the faults delivery
 * brings: the same event id twice, a retried scheduled slot with a new execution id, and
 * stale state changes arriving late.
 */
export function randomEventSequence(count: number, seed: number): Json[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const events: Json[] = [];
  const lastState: Record<string, { value: string; at: number }> = {};
  let time = Date.UTC(2026, 10, 23, 8, 0, 0);
  for (let index = 0; index < count; index++) {
    time += Math.floor(next() * 8) * 60_000 + 1000;
    const roll = next();
    const earlier = events.length > 0 ? pick(events) : undefined;
    if (roll < 0.07 && earlier) {
      events.push(structuredClone(earlier)); // redelivery: same id
    } else if (roll < 0.15) {
      const slot = time - (time % 60_000);
      const action = pick(['weekend-peak', 'weekday-baseline']);
      const firing: Json = structuredClone(SAMPLES.scheduled);
      firing.id = `exec-${seed}-${index}`;
      firing.time = new Date(slot).toISOString();
      (firing.detail as Json).scheduledActionName = action;
      events.push(firing);
      if (next() < 0.5) events.push({ ...structuredClone(firing), id: `exec-${seed}-${index}-retry` });
    } else {
      const which = pick(['high', 'low'] as const);
      const alarmName = ALARMS[which];
      const value = pick(STATES);
      const previous = lastState[alarmName] ?? { value: 'OK', at: time - 3_600_000 };
      const stale = next() < 0.05;
      const stateAt = stale ? previous.at - 60_000 : value === previous.value ? previous.at : time;
      const metric = which === 'high' ? 600 + Math.round(next() * 900) : Math.round(next() * 450);
      const threshold = which === 'high' ? 800 : 300;
      const datapoints = value === 'INSUFFICIENT_DATA' ? [] : [metric, metric + 10, metric - 10];
      const event = structuredClone(SAMPLES[which]);
      event.id = `evt-${seed}-${index}`;
      event.time = new Date(time).toISOString().replace('.000Z', 'Z');
      const detail = event.detail as Json;
      detail.alarmName = alarmName;
      detail.previousState = {
        ...(detail.previousState as Json),
        value: previous.value,
        timestamp: cloudWatchTime(previous.at),
      };
      detail.state = {
        ...(detail.state as Json),
        value,
        timestamp: cloudWatchTime(stateAt),
        reasonData: JSON.stringify({
          version: '1.0',
          statistic: 'Sum',
          period: 60,
          recentDatapoints: datapoints,
          threshold,
        }),
      };
      events.push(event);
      if (!stale) lastState[alarmName] = { value, at: stateAt };
    }
  }
  return events.slice(0, count);
}
