import { describe, expect, it } from 'vitest';
import { InMemoryStateStore } from '../../../shared/adapters/memory/memory-state-store.ts';
import { SequentialIds } from '../../../shared/adapters/memory/sequential-ids.ts';
import { targetKey } from '../../../shared/domain/model.ts';
import { InvalidEventError } from '../../../shared/events/errors.ts';
import { parseTickShard } from '../../../shared/events/tick-shard.ts';
import { tickFleet } from '../../../shared/usecases/handle-tick.ts';
import { targetsOfShard } from '../../../shared/usecases/tick-shard.ts';
import { T0, target } from '../../support/builders.ts';
import { ScriptedEndpoints } from '../../support/scripted-endpoints.ts';

const fleet = Array.from({ length: 200 }, (_, e) =>
  ['A', 'B'].map((variantName) =>
    target({ endpointName: `ep-${e}`, variantName, minCapacity: 2, maxCapacity: 10 }),
  ),
).flat();

describe('tick shards', () => {
  it('puts every target in exactly one of N shards, the variants of an endpoint together, spread evenly', () => {
    const shards = Array.from({ length: 4 }, (_, index) => targetsOfShard(fleet, { index, count: 4 }));
    expect(shards.flat().map(targetKey).sort()).toEqual(fleet.map(targetKey).sort());
    for (const shard of shards) {
      expect(shard.length).toBeGreaterThan(60);
      const endpoints = new Set(shard.map((t) => t.endpointName));
      for (const t of fleet.filter((f) => endpoints.has(f.endpointName))) expect(shard).toContain(t);
    }
    expect(targetsOfShard(fleet, undefined)).toEqual(fleet);
  });

  it('ticks only the targets of its shard', async () => {
    const endpoints = new ScriptedEndpoints(
      Object.fromEntries(fleet.map((t) => [targetKey(t).replace(/^endpoint\/|variant\//g, ''), 1])),
    );
    const ports = {
      config: { targets: fleet },
      endpoints,
      store: new InMemoryStateStore(),
      ids: new SequentialIds(),
      alarms: { alarmsInAlarm: async () => [] },
    };
    const shard = { index: 2, count: 4 };
    const result = await tickFleet(ports, T0, 'tick-1', { shard });
    const mine = new Set(targetsOfShard(fleet, shard).map((t) => t.endpointName));
    expect(endpoints.updates.length).toBe(targetsOfShard(fleet, shard).length);
    expect(mine.size).toBeLessThan(200);
    for (const update of endpoints.updates) expect(mine.has(update.endpointName)).toBe(true);
    expect(result.outcomes.length).toBe(targetsOfShard(fleet, shard).length);
  });

  it("reads the shard from the rule's input, and the whole fleet from any other event", () => {
    expect(parseTickShard({ shard: 1, shards: 4 })).toEqual({ index: 1, count: 4 });
    expect(parseTickShard({ 'detail-type': 'Scheduled Event', detail: {} })).toBeUndefined();
    expect(parseTickShard(undefined)).toBeUndefined();
    expect(() => parseTickShard({ shard: 4, shards: 4 })).toThrow(InvalidEventError);
    expect(() => parseTickShard({ shard: 4, shards: 4 })).toThrow('shard must be below shards');
    expect(() => parseTickShard({ shard: 1.5, shards: 4 })).toThrow(InvalidEventError);
  });
});
