import { describe, expect, it } from 'vitest';
import { InMemoryStateStore } from '../../../shared/adapters/memory/memory-state-store.ts';
import { SequentialIds } from '../../../shared/adapters/memory/sequential-ids.ts';
import { targetKey } from '../../../shared/domain/model.ts';
import type { AlarmEvaluation, AlarmReader } from '../../../shared/ports/alarm-reader.ts';
import { handleAlarm } from '../../../shared/usecases/handle-alarm.ts';
import { handleTick, type TickPorts, tickFleet } from '../../../shared/usecases/handle-tick.ts';
import { alarm, MINUTE, T0, target, trackingAlarm, trackingTarget } from '../../support/builders.ts';
import { ScriptedEndpoints } from '../../support/scripted-endpoints.ts';

class FixedAlarms implements AlarmReader {
  inAlarm: AlarmEvaluation[] = [];
  async alarmsInAlarm(names: readonly string[]): Promise<AlarmEvaluation[]> {
    return this.inAlarm.filter((evaluation) => names.includes(evaluation.alarmName));
  }
}

function world(capacity = 3, config = target({ minCapacity: 2, maxCapacity: 10 })) {
  const endpoints = new ScriptedEndpoints({ 'worked-example/AllTraffic': capacity });
  const alarms = new FixedAlarms();
  const store = new InMemoryStateStore();
  const ports: TickPorts = {
    config: { targets: [config] },
    endpoints,
    store,
    ids: new SequentialIds(),
    alarms,
  };
  const history = () => store.listActivities(targetKey(config));
  return { ports, endpoints, alarms, store, history };
}

describe('the one-minute tick', () => {
  it('keeps stepping while an alarm stays in ALARM, respecting the cooldown', async () => {
    const { ports, endpoints, alarms } = world();
    alarms.inAlarm = [{ alarmName: 'high', stateTimestamp: T0, threshold: 50, datapoints: [60, 61, 62] }];
    const counts: number[] = [];
    for (const minute of [0, 1, 2, 5, 6]) {
      await handleTick(ports, T0 + minute * MINUTE, `tick-${minute}`);
      counts.push(endpoints.counts.get('worked-example/AllTraffic') ?? 0);
    }
    expect(counts).toEqual([4, 4, 4, 5, 5]);
  });

  it('acts once when the same minute is ticked twice', async () => {
    const { ports, endpoints, alarms } = world();
    alarms.inAlarm = [{ alarmName: 'high', stateTimestamp: T0, threshold: 50, datapoints: [60] }];
    await handleTick(ports, T0, 'tick-a');
    const again = await handleTick(ports, T0 + 10_000, 'tick-b');
    expect(endpoints.updates).toHaveLength(1);
    // The second tick sees the endpoint InService at 4 and ends the first one's activity.
    expect(again.map((o) => o.reasonCode ?? o.status)).toEqual(['Successful', 'DuplicateEvent']);
  });

  it('records a deferral once while the endpoint stays Updating, however many minutes the tick re-evaluates the alarm', async () => {
    const { ports, endpoints, alarms, history } = world();
    endpoints.status = 'Updating';
    await handleAlarm(ports, alarm(), T0);
    alarms.inAlarm = [{ alarmName: 'high', stateTimestamp: T0, threshold: 50, datapoints: [60] }];
    for (const minute of [1, 2, 3]) {
      const [outcome] = await handleTick(ports, T0 + minute * MINUTE, `tick-${minute}`);
      // Each re-evaluation still asks the deferred 3 -> 4, and says it waits.
      expect(outcome).toMatchObject({
        action: 'deferred',
        toCapacity: 4,
        reasonCode: 'EndpointNotInService',
      });
    }
    expect((await history()).map((r) => `${r.status}:${r.fromCapacity}->${r.toCapacity}`)).toEqual([
      'Pending:3->4',
    ]);
    endpoints.status = 'InService';
    await handleTick(ports, T0 + 4 * MINUTE, 'tick-4');
    expect(endpoints.updates.map((u) => u.updates[0]?.desiredInstanceCount)).toEqual([4]);
    // The deferred activity carries on to the end (SageMaker here applies at once); the tick's
    // re-evaluation in the same minute meets the cooldown that change started.
    const records = await history();
    expect(records.map((r) => `${r.status}:${r.reasonCode ?? '-'}:${r.startTime - T0}`).sort()).toEqual([
      `NotScaled:CooldownInEffect:${4 * MINUTE}`,
      'Successful:-:0',
    ]);
  });

  it('applies a deferred intent once the endpoint is InService, continuing its activity', async () => {
    const { ports, endpoints, history } = world();
    endpoints.status = 'Updating';
    await handleAlarm(ports, alarm(), T0);
    await handleTick(ports, T0 + MINUTE, 'tick-1');
    expect(endpoints.updates).toHaveLength(0);
    endpoints.status = 'InService';
    const outcomes = await handleTick(ports, T0 + 2 * MINUTE, 'tick-2');
    expect(outcomes).toEqual([
      expect.objectContaining({ action: 'scale-out', toCapacity: 4, status: 'InProgress' }),
    ]);
    await handleTick(ports, T0 + 3 * MINUTE, 'tick-3');
    const records = await history();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 'Successful', startTime: T0, endTime: T0 + 3 * MINUTE });
  });

  it("ends an accepted change once when another invocation ended it between the tick's read and write", async () => {
    const { ports, endpoints, store, history } = world();
    await handleAlarm(ports, alarm(), T0);
    // An alarm event lands while the tick runs: its decision path ends the change first.
    const commit = store.commit.bind(store);
    let raced = false;
    store.commit = async (write) => {
      if (!raced) {
        raced = true;
        await handleAlarm(ports, alarm({ eventId: 'evt-racer', eventTime: T0 + MINUTE }), T0 + MINUTE);
      }
      return commit(write);
    };
    const outcomes = await handleTick(ports, T0 + MINUTE, 'tick-1');
    expect(outcomes.filter((o) => o.endsActivity)).toEqual([]);
    expect((await history()).filter((r) => r.status === 'Successful')).toHaveLength(1);
    expect(endpoints.updates).toHaveLength(1);
  });

  it('drops a deferred intent that capacity has overtaken', async () => {
    const { ports, endpoints, store } = world();
    endpoints.status = 'Updating';
    await handleAlarm(ports, alarm(), T0);
    endpoints.status = 'InService';
    endpoints.counts.set('worked-example/AllTraffic', 4);
    const outcomes = await handleTick(ports, T0 + MINUTE, 'tick-1');
    expect(outcomes).toEqual([
      expect.objectContaining({ action: 'none', reasonCode: 'AlreadyAtDesiredCapacity' }),
    ]);
    expect((await store.load(targetKey(target()), '')).state?.deferred).toBeUndefined();
  });

  it('brings a variant that a model deployment reset below min back inside', async () => {
    const { ports, endpoints } = world(1);
    const outcomes = await handleTick(ports, T0, 'tick-0');
    expect(outcomes).toEqual([
      expect.objectContaining({
        action: 'scale-out',
        toCapacity: 2,
        cause: 'capacity outside the bounds in force',
      }),
    ]);
    expect(endpoints.counts.get('worked-example/AllTraffic')).toBe(2);
  });

  it('writes nothing when there is nothing to do', async () => {
    const { ports, history } = world();
    expect(await handleTick(ports, T0, 'tick-0')).toEqual([]);
    expect(await history()).toEqual([]);
  });

  it('finishes an in-flight change whose invocation died', async () => {
    const { ports, endpoints, history } = world();
    endpoints.failNextUpdate(new Error('Task timed out'), { afterApplying: true });
    await expect(handleAlarm(ports, alarm(), T0)).rejects.toThrow('Task timed out');
    expect(await handleTick(ports, T0 + MINUTE, 'tick-1')).toEqual([]);
    const outcomes = await handleTick(ports, T0 + 3 * MINUTE, 'tick-3');
    expect(outcomes[0]).toMatchObject({ status: 'InProgress', toCapacity: 4 });
    expect(endpoints.updates).toHaveLength(1);
    expect((await history()).map((r) => r.status)).toEqual(['InProgress']);
    await handleTick(ports, T0 + 4 * MINUTE, 'tick-4');
    expect((await history()).map((r) => r.status)).toEqual(['Successful']);
  });

  it("reads the fleet's states in one call, runs endpoints concurrently, and keeps going past a failing one", async () => {
    const targets = ['a', 'b', 'c', 'd'].map((name) =>
      target({ endpointName: name, minCapacity: 2, maxCapacity: 10 }),
    );
    // Every variant drifted below its minimum: each target has work.
    const endpoints = new ScriptedEndpoints(
      Object.fromEntries(targets.map((t) => [`${t.endpointName}/AllTraffic`, 1])),
    );
    const describeVariant = endpoints.describeVariant.bind(endpoints);
    endpoints.describeVariant = async (endpointName, variantName) => {
      if (endpointName === 'b') throw new Error('Rate exceeded');
      return describeVariant(endpointName, variantName);
    };
    const store = new InMemoryStateStore();
    let snapshots = 0;
    const loadStates = store.loadStates.bind(store);
    store.loadStates = async (keys) => {
      snapshots += 1;
      expect(keys).toEqual(targets.map(targetKey));
      return loadStates(keys);
    };
    const ports: TickPorts = {
      config: { targets },
      endpoints,
      store,
      ids: new SequentialIds(),
      alarms: new FixedAlarms(),
    };
    await expect(handleTick(ports, T0, 'tick-1', { concurrency: 3 })).rejects.toThrow('Rate exceeded');
    expect(snapshots).toBe(1);
    expect(endpoints.updates.map((update) => update.endpointName).sort()).toEqual(['a', 'c', 'd']);
  });

  it('leaves the targets it could not start to the next tick, which starts with them', async () => {
    const targets = ['a', 'b', 'c'].map((name) =>
      target({ endpointName: name, minCapacity: 2, maxCapacity: 10 }),
    );
    const endpoints = new ScriptedEndpoints(
      Object.fromEntries(targets.map((t) => [`${t.endpointName}/AllTraffic`, 1])),
    );
    const ports: TickPorts = {
      config: { targets },
      endpoints,
      store: new InMemoryStateStore(),
      ids: new SequentialIds(),
      alarms: new FixedAlarms(),
    };
    let starts = 1;
    const first = await tickFleet(ports, T0, 'tick-1', { hasTime: () => starts-- > 0 });
    expect(first.deferredTargets).toHaveLength(2);
    expect(first.outcomes).toHaveLength(1);
    const next = await tickFleet(ports, T0 + MINUTE, 'tick-2');
    expect(next.deferredTargets).toEqual([]);
    expect(endpoints.updates).toHaveLength(3);
  });

  describe('with a target tracking policy', () => {
    const HIGH = trackingAlarm('high');
    const tracked = () => world(4, trackingTarget({ minCapacity: 2, maxCapacity: 20 }));

    it('keeps tracking while its high alarm stays in ALARM, measuring the newest fresh datapoint', async () => {
      const { ports, endpoints, alarms } = tracked();
      alarms.inAlarm = [
        { alarmName: HIGH, stateTimestamp: T0, threshold: 1000, datapoints: [3000, 1400, 1500] },
      ];
      const [outcome] = await handleTick(ports, T0, 'tick-0');
      expect(outcome).toMatchObject({ action: 'scale-out', fromCapacity: 4, toCapacity: 6 });
      expect(endpoints.counts.get('worked-example/AllTraffic')).toBe(6);
    });

    it('decides a deferred change afresh once the endpoint is InService, superseding it', async () => {
      const { ports, endpoints, alarms, history } = tracked();
      endpoints.status = 'Updating';
      await handleAlarm(ports, alarm({ alarmName: HIGH, value: 1500 }), T0);
      endpoints.status = 'InService';
      alarms.inAlarm = [{ alarmName: HIGH, stateTimestamp: T0, threshold: 1000, datapoints: [2000] }];
      const outcomes = await handleTick(ports, T0 + MINUTE, 'tick-1');
      // Not the deferred 6 (from 1500 a minute ago): ceil(4 x 2) = 8 from the metric now.
      expect(outcomes).toEqual([expect.objectContaining({ action: 'scale-out', toCapacity: 8 })]);
      expect(endpoints.updates.map((u) => u.updates[0]?.desiredInstanceCount)).toEqual([8]);
      expect((await history()).map((r) => r.status).sort()).toEqual(['InProgress', 'Overridden']);
    });

    it('drops a deferred change once its alarm has left ALARM', async () => {
      const { ports, endpoints, store, history } = tracked();
      endpoints.status = 'Updating';
      await handleAlarm(ports, alarm({ alarmName: HIGH, value: 1500 }), T0);
      endpoints.status = 'InService';
      const outcomes = await handleTick(ports, T0 + MINUTE, 'tick-1');
      expect(outcomes).toEqual([expect.objectContaining({ action: 'none', reasonCode: 'AlarmNotInAlarm' })]);
      expect(endpoints.updates).toEqual([]);
      expect((await store.load(targetKey(trackingTarget()), '')).state?.deferred).toBeUndefined();
      expect((await history()).map((r) => r.status)).toEqual(['NotScaled']);
    });
  });
});
