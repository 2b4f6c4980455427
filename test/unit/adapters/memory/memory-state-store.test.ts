import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../../shared/adapters/memory/deep-freeze.ts';
import { InMemoryStateStore } from '../../../../shared/adapters/memory/memory-state-store.ts';
import { withChanges } from '../../../../shared/domain/objects.ts';
import { initialTargetState, type TargetState } from '../../../../shared/domain/state.ts';
import type { ActivityRecord } from '../../../../shared/ports/activity.ts';
import { VersionConflictError } from '../../../../shared/ports/errors.ts';
import { T0, target } from '../../../support/builders.ts';

const KEY = 'endpoint/worked-example/variant/AllTraffic';

function firstState(): TargetState {
  return withChanges(initialTargetState(target(), T0), { version: 1 });
}

function record(activityId: string, startTime: number): ActivityRecord {
  return {
    activityId,
    targetKey: KEY,
    endpointName: 'worked-example',
    variantName: 'AllTraffic',
    eventId: `event-${activityId}`,
    eventKey: `event-${activityId}`,
    cause: 'test',
    startTime,
    endTime: startTime,
    fromCapacity: 2,
    toCapacity: 2,
    action: 'none',
    status: 'NotScaled',
    statusMessage: 'nothing to do',
    alarm: { alarmName: 'high', policyName: 'out' },
  };
}

describe('the in-memory state store', () => {
  it('writes only on the version read, all or nothing', async () => {
    const store = new InMemoryStateStore();
    await store.commit({ targetKey: KEY, expectedVersion: 0, state: firstState(), activities: [] });
    const stale = {
      targetKey: KEY,
      expectedVersion: 0,
      state: firstState(),
      activities: [record('act-1', T0)],
      processedEventKey: 'e1',
    };
    await expect(store.commit(stale)).rejects.toBeInstanceOf(VersionConflictError);
    const loaded = await store.load(KEY, 'e1');
    expect(loaded).toEqual({ state: firstState(), processed: false });
    expect(await store.listActivities(KEY)).toEqual([]);
  });

  it('refuses a state whose version is not the one after the version read', async () => {
    const store = new InMemoryStateStore();
    const skipping = withChanges(firstState(), { version: 2 });
    await expect(
      store.commit({ targetKey: KEY, expectedVersion: 0, state: skipping, activities: [] }),
    ).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('marks an event consumed for its target only', async () => {
    const store = new InMemoryStateStore();
    await store.commit({
      targetKey: KEY,
      expectedVersion: 0,
      state: firstState(),
      activities: [],
      processedEventKey: 'event-1',
    });
    expect((await store.load(KEY, 'event-1')).processed).toBe(true);
    expect((await store.load(KEY, 'event-2')).processed).toBe(false);
    expect((await store.load('endpoint/other/variant/AllTraffic', 'event-1')).processed).toBe(false);
  });

  it('hands out what it stores frozen (one state or a fleet snapshot), so a change in place throws instead of altering the store', async () => {
    const store = new InMemoryStateStore();
    const state = firstState();
    await store.commit({ targetKey: KEY, expectedVersion: 0, state, activities: [record('act-1', T0)] });
    const loaded = (await store.load(KEY, '')).state as TargetState;
    expect(Object.isFrozen(loaded)).toBe(true);
    expect(() => {
      loaded.lastSetCapacity = 7;
    }).toThrow(TypeError);
    expect(() => (loaded.cooldowns as unknown[]).push('a window')).toThrow(TypeError);
    expect(() => {
      loaded.bounds.minCapacity = 0;
    }).toThrow(TypeError);
    const snapshot = (await store.loadStates([KEY])).get(KEY) as TargetState;
    expect(snapshot).toBe(loaded);
    expect(() => {
      snapshot.lastSetCapacity = 7;
    }).toThrow(TypeError);
    const [listed] = await store.listActivities(KEY);
    expect(() => {
      (listed as ActivityRecord).status = 'Failed';
    }).toThrow(TypeError);
    expect((await store.load(KEY, '')).state).toEqual(firstState());
  });

  it('overwrites an activity by id and lists the history newest first, from a time, up to a limit', async () => {
    const store = new InMemoryStateStore();
    const one = firstState();
    await store.commit({
      targetKey: KEY,
      expectedVersion: 0,
      state: one,
      activities: [record('act-1', T0), record('act-2', T0 + 60_000)],
    });
    const updated = withChanges(record('act-1', T0), { status: 'Successful' as const });
    await store.commit({
      targetKey: KEY,
      expectedVersion: 1,
      state: withChanges(one, { version: 2 }),
      activities: [updated, record('act-3', T0 + 120_000)],
    });
    expect((await store.listActivities(KEY)).map((r) => [r.activityId, r.status])).toEqual([
      ['act-3', 'NotScaled'],
      ['act-2', 'NotScaled'],
      ['act-1', 'Successful'],
    ]);
    expect(
      (await store.listActivities(KEY, { since: T0 + 60_000, limit: 1 })).map((r) => r.activityId),
    ).toEqual(['act-3']);
    expect(await store.listActivities('endpoint/none/variant/AllTraffic')).toEqual([]);
  });
});

describe('deepFreeze', () => {
  it('freezes nested objects and arrays, and leaves primitives alone', () => {
    const value = deepFreeze({ a: { b: [1, { c: 2 }] }, d: 'text', e: undefined, f: null });
    expect(Object.isFrozen(value.a)).toBe(true);
    expect(Object.isFrozen(value.a.b)).toBe(true);
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBe(null);
  });

  it('skips what is frozen already: the unchanged parts a new state shares with the last one', () => {
    const shared = Object.freeze({ inner: { notFrozen: true } });
    deepFreeze({ shared });
    // Taken as frozen all the way down: the walk does not enter it again.
    expect(Object.isFrozen(shared.inner)).toBe(false);
  });
});

describe('the in-memory state store without history (the simulator)', () => {
  it('commits states and consumed events as usual, and refuses to list what it did not keep', async () => {
    const store = new InMemoryStateStore({ keepActivities: false });
    await store.commit({
      targetKey: KEY,
      expectedVersion: 0,
      state: firstState(),
      activities: [record('act-1', T0)],
      processedEventKey: 'event-1',
    });
    expect(await store.load(KEY, 'event-1')).toEqual({ state: firstState(), processed: true });
    await expect(store.listActivities(KEY)).rejects.toThrow('keep no activity history');
  });
});
