import { describe, expect, it } from 'vitest';
import type { InMemoryStateStore } from '../../../shared/adapters/memory/memory-state-store.ts';
import { targetKey } from '../../../shared/domain/model.ts';
import { handleAlarm } from '../../../shared/usecases/handle-alarm.ts';
import type { ActivityWindow } from '../../../shared/usecases/operate/ports.ts';
import { explainAround } from '../../../shared/usecases/operate/why.ts';
import { inMemoryPorts } from '../../../shared/usecases/replay.ts';
import { alarm, MINUTE, T0, trackingAlarm, trackingPolicy, trackingTarget } from '../../support/builders.ts';

/** The in-memory store's history, read the way `scaler why` reads DynamoDB. */
function windowOf(store: InMemoryStateStore): ActivityWindow {
  const oldestFirst = async (key: string) => (await store.listActivities(key)).reverse();
  return {
    activitiesBetween: async (key, from, to) =>
      (await oldestFirst(key)).filter((r) => r.startTime >= from && r.startTime <= to),
    lastActivityBefore: async (key, before, notBefore) =>
      (await oldestFirst(key)).filter((r) => r.startTime < before && r.startTime >= notBefore).at(-1),
  };
}

describe('scaler why for a target tracking policy', () => {
  const HIGH = trackingAlarm('high');
  const LOW = trackingAlarm('low');

  it('explains a decision in a sentence, the formula in the worked numbers', async () => {
    const target = trackingTarget();
    const ports = inMemoryPorts({ targets: [target] }, 4);
    await handleAlarm(ports, alarm({ alarmName: HIGH, value: 1500 }), T0);
    // Inside the cooldown: from the 4 before it, ceil(4 x 1.4) = 6 is already covered.
    const still = alarm({
      eventId: 'tick:abc:x',
      alarmName: HIGH,
      value: 1400,
      eventTime: T0 + MINUTE,
      stateTimestamp: T0,
    });
    await handleAlarm(ports, still, T0 + MINUTE);
    const { sentences } = await explainAround(windowOf(ports.store), target, T0, 5 * MINUTE);
    expect(sentences).toEqual([
      `10:00:00 alarm ${HIGH} was in ALARM; InvocationsPerInstance 1,500 against target 1,000 at 4 instances: ceil(4 x 1.5) = 6: scaled out 4 -> 6.`,
      `10:01:00 alarm ${HIGH} was still in ALARM; InvocationsPerInstance 1,400 against target 1,000 at 4 instances: ceil(4 x 1.4) = 6, but policy invocations's scale-out cooldown ran until 10:05:00 after the scale-out at 10:00:00 (4 -> 6) and already covered that: not scaled.`,
    ]);
  });

  it('says when scale-in waits for a cooldown, for another policy, or for nothing at all', async () => {
    const target = trackingTarget({
      targetTrackingPolicies: [trackingPolicy(), trackingPolicy({ policyName: 'other', targetValue: 10 })],
    });
    const ports = inMemoryPorts({ targets: [target] }, 8);
    await handleAlarm(ports, alarm({ alarmName: LOW, value: 450 }), T0);
    await handleAlarm(
      ports,
      alarm({ alarmName: LOW, value: 450, state: 'OK', eventTime: T0 + MINUTE }),
      T0 + MINUTE,
    );
    const { sentences } = await explainAround(windowOf(ports.store), target, T0, 5 * MINUTE);
    expect(sentences).toEqual([
      `10:00:00 alarm ${LOW} was in ALARM; InvocationsPerInstance 450 against target 1,000, but the low alarm of target tracking policy other is not seen yet: scale-in waits until every tracking policy asks for it: not scaled.`,
      `10:01:00 alarm ${LOW} in state OK did not trigger target tracking policy invocations: policies act only while their alarm is in ALARM, so nothing was scaled.`,
    ]);
  });

  it('names the capacity a bound held it at', async () => {
    const target = trackingTarget();
    const ports = inMemoryPorts({ targets: [target] }, 10);
    await handleAlarm(ports, alarm({ alarmName: HIGH, value: 3000 }), T0);
    const [sentence] = (await explainAround(windowOf(ports.store), target, T0, MINUTE)).sentences;
    expect(sentence).toBe(
      `10:00:00 alarm ${HIGH} was in ALARM; InvocationsPerInstance 3,000 against target 1,000 at 10 instances: ceil(10 x 3) = 30, but 10 was already the max of the bounds in force: not scaled.`,
    );
    expect(targetKey(target)).toBe('endpoint/worked-example/variant/AllTraffic');
  });
});
