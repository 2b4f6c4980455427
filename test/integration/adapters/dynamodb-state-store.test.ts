import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DynamoDbStateStore,
  type DynamoDbStateStoreOptions,
  TransactionTooLargeError,
} from '../../../shared/adapters/aws/dynamodb-state-store.ts';
import { activitySortKey, eventMarkerKey, stateKey } from '../../../shared/adapters/aws/table-design.ts';
import type { TargetState } from '../../../shared/domain/state.ts';
import { startDynamoDbLocal } from '../../../shared/local/dynamodb-local.ts';
import type { ActivityRecord } from '../../../shared/ports/activity.ts';
import { VersionConflictError } from '../../../shared/ports/errors.ts';
import type { StateWrite } from '../../../shared/ports/scaling-state-store.ts';
import { MINUTE, T0 } from '../../support/builders.ts';
import { useDynamoDbLocal } from '../../support/dynamodb-local.ts';

const db = useDynamoDbLocal();
const DAY_S = 86_400;

/** A unique target per test, so tests sharing a suite's table never see each other. */
function newTargetKey(): string {
  return `endpoint/ep-${randomUUID()}/variant/AllTraffic`;
}

/** A state with every optional part filled: cooldowns, the three intents (with rollbacks), records. */
function fullState(version: number): TargetState {
  const cooldown = {
    policyName: 'out',
    direction: 'out' as const,
    startedAt: T0,
    endsAt: T0 + 5 * MINUTE,
    baselineCapacity: 2,
    targetCapacity: 4,
  };
  return {
    version,
    bounds: {
      minCapacity: 2,
      maxCapacity: 8,
      setBy: { kind: 'scheduled', scheduledActionName: 'day', scheduledTime: T0 },
      since: T0,
    },
    configBounds: { minCapacity: 1, maxCapacity: 10 },
    lastSetCapacity: 4,
    cooldowns: [cooldown, { ...cooldown, policyName: 'in', direction: 'in', endsAt: T0 + 10 * MINUTE }],
    alarmTimestamps: { high: T0 - MINUTE, 'low alarm/with:odd#chars': T0 - 2 * MINUTE },
    firedSlots: { day: T0 },
    newestScheduledSlot: T0,
    pausedState: {
      dynamicScalingInSuspended: true,
      dynamicScalingOutSuspended: false,
      scheduledScalingSuspended: false,
    },
    pauseReason: 'load test',
    inFlight: {
      activityId: 'a-1',
      eventKey: 'evt-1',
      decidedAt: T0,
      activityStart: T0,
      fromCapacity: 2,
      desiredCapacity: 4,
      cause: 'alarm high in state ALARM triggered policy out',
      reason: 'step [0, +inf) asks +2',
      policyName: 'out',
      cooldownEffect: {
        kind: 'start',
        policyName: 'out',
        direction: 'out',
        seconds: 300,
        baselineCapacity: 2,
        targetCapacity: 4,
      },
      rollback: { cooldowns: [cooldown], lastSetCapacity: 2 },
    },
    deferred: {
      activityId: 'a-0',
      eventKey: 'day@2026-11-23T10:00:00.000Z',
      decidedAt: T0 - MINUTE,
      activityStart: T0 - 2 * MINUTE,
      fromCapacity: 1,
      desiredCapacity: 2,
      cause: 'scheduled action day',
      reason: 'the new minimum is above the current capacity',
      scheduledActionName: 'day',
      waitingFor: 'endpoint Updating',
      cooldownEffect: { kind: 'raise', policyName: 'out', targetCapacity: 5 },
    },
    accepted: {
      activityId: 'a-prev',
      eventKey: 'evt-prev',
      decidedAt: T0 - 4 * MINUTE,
      activityStart: T0 - 4 * MINUTE,
      acceptedAt: T0 - 4 * MINUTE + 150,
      fromCapacity: 1,
      desiredCapacity: 2,
      cause: 'alarm high in state ALARM triggered policy out',
      reason: 'step [0, +inf) asks +1',
      policyName: 'out',
      rollback: { cooldowns: [], lastSetCapacity: 1 },
    },
  };
}

function activity(targetKey: string, overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  return {
    activityId: randomUUID(),
    targetKey,
    endpointName: 'ep',
    variantName: 'AllTraffic',
    eventId: 'evt-1',
    eventKey: 'evt-1',
    cause: 'alarm high in state ALARM triggered policy out',
    startTime: T0,
    fromCapacity: 2,
    toCapacity: 4,
    action: 'scale-out',
    status: 'InProgress',
    statusMessage: 'Setting desired instance count to 4.',
    ...overrides,
  };
}

/** The write that creates a target's state (version 0 -> 1). */
function creation(targetKey: string, overrides: Partial<StateWrite> = {}): StateWrite {
  return { targetKey, expectedVersion: 0, state: fullState(1), activities: [], ...overrides };
}

function useStore(options: Partial<DynamoDbStateStoreOptions> = {}): {
  store: DynamoDbStateStore;
  tableName: string;
} {
  const handle = { store: undefined as unknown as DynamoDbStateStore, tableName: '' };
  beforeAll(async () => {
    handle.tableName = await db.freshTable();
    handle.store = new DynamoDbStateStore(db.documentClient, { tableName: handle.tableName, ...options });
  });
  return handle;
}

describe('DynamoDbStateStore load and commit', () => {
  const table = useStore();

  it('reports no state and no processed event for a target it never saw', async () => {
    // Act
    const loaded = await table.store.load(newTargetKey(), 'evt-1');
    // Assess
    expect(loaded).toEqual({ state: undefined, processed: false });
  });

  it('round-trips a full target state exactly', async () => {
    // Prepare
    const targetKey = newTargetKey();
    const state = fullState(1);
    // Act
    await table.store.commit(creation(targetKey, { state }));
    const loaded = await table.store.load(targetKey, 'evt-x');
    // Assess
    expect(loaded.state).toStrictEqual(state);
    expect(loaded.processed).toBe(false);
  });

  it('reads optional fields written as undefined back as absent, not null', async () => {
    // Prepare
    const targetKey = newTargetKey();
    const state: TargetState = { ...fullState(1), lastSetCapacity: undefined, inFlight: undefined };
    const record = activity(targetKey, {
      endTime: undefined,
      alarm: {
        alarmName: 'high',
        policyName: 'out',
        step: { scalingAdjustment: 1, metricIntervalUpperBound: undefined },
      },
    });
    // Act
    await table.store.commit(creation(targetKey, { state, activities: [record] }));
    const loaded = await table.store.load(targetKey, 'evt-1');
    const [listed] = await table.store.listActivities(targetKey);
    // Assess
    expect(loaded.state && Object.keys(loaded.state)).not.toContain('inFlight');
    expect(loaded.state && 'lastSetCapacity' in loaded.state).toBe(false);
    expect(listed && 'endTime' in listed).toBe(false);
    expect(listed?.alarm?.step).toStrictEqual({ scalingAdjustment: 1 });
  });

  it('marks the consumed event as processed, and only that event', async () => {
    // Prepare
    const targetKey = newTargetKey();
    // Act
    await table.store.commit(creation(targetKey, { processedEventKey: 'evt-1' }));
    // Assess
    expect((await table.store.load(targetKey, 'evt-1')).processed).toBe(true);
    expect((await table.store.load(targetKey, 'evt-2')).processed).toBe(false);
    expect((await table.store.load(newTargetKey(), 'evt-1')).processed).toBe(false);
  });

  it('refuses a commit on a stale version with VersionConflictError and writes nothing of it', async () => {
    // Prepare
    const targetKey = newTargetKey();
    await table.store.commit(creation(targetKey));
    await table.store.commit({ targetKey, expectedVersion: 1, state: fullState(2), activities: [] });
    const stale: StateWrite = {
      targetKey,
      expectedVersion: 1,
      state: { ...fullState(2), lastSetCapacity: 99 },
      activities: [activity(targetKey)],
      processedEventKey: 'evt-stale',
    };
    // Act
    const failure = table.store.commit(stale);
    // Assess
    await expect(failure).rejects.toBeInstanceOf(VersionConflictError);
    await expect(failure).rejects.toHaveProperty('cause.name', 'TransactionCanceledException');
    const loaded = await table.store.load(targetKey, 'evt-stale');
    expect(loaded).toStrictEqual({ state: fullState(2), processed: false });
    expect(await table.store.listActivities(targetKey)).toEqual([]);
  });

  it('refuses a version that was never written', async () => {
    // Act
    const failure = table.store.commit({
      targetKey: newTargetKey(),
      expectedVersion: 3,
      state: fullState(4),
      activities: [],
    });
    // Assess
    await expect(failure).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('lets only the first of two creations with expected version 0 succeed', async () => {
    // Prepare
    const targetKey = newTargetKey();
    await table.store.commit(creation(targetKey));
    // Act
    const second = table.store.commit(
      creation(targetKey, { state: { ...fullState(1), lastSetCapacity: 7 } }),
    );
    // Assess
    await expect(second).rejects.toBeInstanceOf(VersionConflictError);
    expect((await table.store.load(targetKey, 'evt-1')).state).toStrictEqual(fullState(1));
  });

  it('lets exactly one of 20 concurrent commits on the same version win', async () => {
    // Prepare
    const targetKey = newTargetKey();
    await table.store.commit(creation(targetKey));
    const writes = Array.from({ length: 20 }, (_, index) => ({
      targetKey,
      expectedVersion: 1,
      state: { ...fullState(2), lastSetCapacity: index },
      activities: [activity(targetKey, { activityId: `writer-${index}` })],
      processedEventKey: `evt-${index}`,
    }));
    // Act
    const results = await Promise.allSettled(writes.map((write) => table.store.commit(write)));
    // Assess
    const winners = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
    const losers = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const reason of losers) expect(reason).toBeInstanceOf(VersionConflictError);
    const winner = winners[0] ?? -1;
    expect((await table.store.load(targetKey, `evt-${winner}`)).state?.lastSetCapacity).toBe(winner);
    expect((await table.store.listActivities(targetKey)).map((record) => record.activityId)).toEqual([
      `writer-${winner}`,
    ]);
  });

  it('rejects a state whose version is not expectedVersion + 1 without writing', async () => {
    // Prepare
    const targetKey = newTargetKey();
    // Act
    const failure = table.store.commit(creation(targetKey, { state: fullState(2) }));
    // Assess
    await expect(failure).rejects.toThrow('state.version must be 1, got 2');
    expect((await table.store.load(targetKey, 'evt-1')).state).toBeUndefined();
  });

  it('rejects a commit of more than 100 items clearly, and accepts exactly 100', async () => {
    // Prepare
    const targetKey = newTargetKey();
    const records = (count: number) =>
      Array.from({ length: count }, (_, i) => activity(targetKey, { startTime: T0 + i }));
    // Act
    const tooLarge = table.store.commit(
      creation(targetKey, { activities: records(99), processedEventKey: 'evt-1' }),
    );
    // Assess
    await expect(tooLarge).rejects.toThrow(TransactionTooLargeError);
    await expect(tooLarge).rejects.toThrow('at most 100 items (state, activities, event marker); got 101');
    await table.store.commit(creation(targetKey, { activities: records(98), processedEventKey: 'evt-1' }));
    expect(await table.store.listActivities(targetKey)).toHaveLength(98);
  });
});

describe('DynamoDbStateStore loadStates (the tick snapshot of a fleet)', () => {
  const table = useStore();

  it('reads 250 targets in batches of 100, returning exactly the states that exist', async () => {
    // Prepare: 250 targets, of which every third has a state.
    const keys = Array.from({ length: 250 }, newTargetKey);
    const written = keys.filter((_, i) => i % 3 === 0);
    await Promise.all(written.map((key) => table.store.commit(creation(key))));
    // Act
    const states = await table.store.loadStates(keys);
    // Assess
    expect([...states.keys()].sort()).toEqual([...written].sort());
    expect(states.get(written[0] ?? '')).toEqual(fullState(1));
  });

  it('reads nothing for no target', async () => {
    expect(await table.store.loadStates([])).toEqual(new Map());
  });
});

describe('DynamoDbStateStore activity history', () => {
  const table = useStore();

  it('returns activities newest first, page by page', async () => {
    // Prepare
    const targetKey = newTargetKey();
    const records = Array.from({ length: 30 }, (_, i) =>
      activity(targetKey, { activityId: `a-${i}`, startTime: T0 + i * MINUTE }),
    );
    await table.store.commit(creation(targetKey, { activities: records }));
    // Act
    const pages: ActivityRecord[][] = [];
    for await (const page of table.store.pageActivities(targetKey, { pageSize: 7 })) pages.push(page);
    // Assess
    expect(pages.map((page) => page.length)).toEqual([7, 7, 7, 7, 2]);
    expect(pages.flat()).toStrictEqual([...records].reverse());
  });

  it('stops at the limit and keeps only activities since the given time', async () => {
    // Prepare
    const targetKey = newTargetKey();
    const records = Array.from({ length: 30 }, (_, i) =>
      activity(targetKey, { activityId: `a-${i}`, startTime: T0 + i * MINUTE }),
    );
    await table.store.commit(creation(targetKey, { activities: records }));
    // Act
    const newestFive = await table.store.listActivities(targetKey, { limit: 5 });
    const since = await table.store.listActivities(targetKey, { since: T0 + 25 * MINUTE });
    const sinceLimited = await table.store.listActivities(targetKey, { since: T0 + 10 * MINUTE, limit: 3 });
    // Assess
    expect(newestFive.map((r) => r.activityId)).toEqual(['a-29', 'a-28', 'a-27', 'a-26', 'a-25']);
    expect(since.map((r) => r.activityId)).toEqual(['a-29', 'a-28', 'a-27', 'a-26', 'a-25']);
    expect(sinceLimited.map((r) => r.activityId)).toEqual(['a-29', 'a-28', 'a-27']);
  });

  it('replaces an activity rewritten with the same id and start time', async () => {
    // Prepare
    const targetKey = newTargetKey();
    const started = activity(targetKey, { status: 'InProgress' });
    await table.store.commit(creation(targetKey, { activities: [started] }));
    const finished: ActivityRecord = { ...started, status: 'Successful', endTime: T0 + MINUTE };
    // Act
    await table.store.commit({ targetKey, expectedVersion: 1, state: fullState(2), activities: [finished] });
    // Assess
    expect(await table.store.listActivities(targetKey)).toStrictEqual([finished]);
  });

  it('keeps the history of one target apart from another', async () => {
    // Prepare
    const [first, second] = [newTargetKey(), newTargetKey()];
    await table.store.commit(creation(first, { activities: [activity(first)] }));
    await table.store.commit(
      creation(second, { activities: [activity(second), activity(second, { startTime: T0 + 1 })] }),
    );
    // Act
    const history = await table.store.listActivities(first);
    // Assess
    expect(history.map((record) => record.targetKey)).toEqual([first]);
  });
});

describe('DynamoDbStateStore item layout', () => {
  const now = T0 + 3 * MINUTE;
  const table = useStore({ now: () => now, activityTtlDays: 30 });

  it('sets the TTL of activities from their start time and of event markers from the commit', async () => {
    // Prepare
    const targetKey = newTargetKey();
    const record = activity(targetKey);
    // Act
    await table.store.commit(creation(targetKey, { activities: [record], processedEventKey: 'evt-1' }));
    // Assess
    const get = async (key: { pk: string; sk: string }) =>
      (
        await db.documentClient.send(
          new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }),
        )
      ).Item;
    const activityItem = await get({
      pk: targetKey,
      sk: activitySortKey(record.startTime, record.activityId),
    });
    const markerItem = await get(eventMarkerKey(targetKey, 'evt-1'));
    const stateItem = await get(stateKey(targetKey));
    expect(activityItem?.expiresAt).toBe(T0 / 1000 + 30 * DAY_S);
    expect(markerItem?.expiresAt).toBe(now / 1000 + 7 * DAY_S);
    expect(stateItem).toMatchObject({ version: 1, updatedAt: now });
    expect(stateItem?.expiresAt).toBeUndefined();
  });
});

describe('startDynamoDbLocal', () => {
  it('leaves no Java process behind after stop()', async () => {
    // Prepare
    const listenersBefore = process.listenerCount('SIGTERM');
    const local = await startDynamoDbLocal();
    const isAlive = () => {
      try {
        process.kill(local.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(isAlive()).toBe(true);
    // Act
    await local.stop();
    // Assess
    expect(isAlive()).toBe(false);
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore);
  });
});
