import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type TargetConfig, targetKey } from '../../../shared/domain/model.ts';
import { walkTargets } from '../../../shared/usecases/tick-schedule.ts';
import { target } from '../../support/builders.ts';

const fleet = (endpoints: number, variants: number): TargetConfig[] =>
  Array.from({ length: endpoints }, (_, e) =>
    Array.from({ length: variants }, (_, v) => target({ endpointName: `ep-${e}`, variantName: `V${v}` })),
  ).flat();

describe('walkTargets: how the tick paces a fleet', () => {
  it('with a concurrency of 1, takes the targets one by one in file order', async () => {
    const seen: string[] = [];
    const targets = fleet(3, 2);
    const walk = await walkTargets(
      targets,
      { concurrency: 1, hasTime: () => true, startAt: 0 },
      async (t) => {
        seen.push(targetKey(t));
        return targetKey(t);
      },
    );
    expect(seen).toEqual(targets.map(targetKey));
    expect(walk.results).toEqual(targets.map(targetKey));
    expect(walk.notStarted).toEqual([]);
  });

  it('works on up to `concurrency` endpoints at once, never on two variants of one endpoint', async () => {
    const active = new Map<string, number>();
    let running = 0;
    let most = 0;
    const walk = await walkTargets(
      fleet(20, 3),
      { concurrency: 4, hasTime: () => true, startAt: 0 },
      async (t) => {
        const endpoint = t.endpointName.toLowerCase();
        expect(active.get(endpoint) ?? 0).toBe(0);
        active.set(endpoint, 1);
        running += 1;
        most = Math.max(most, running);
        await sleep(2);
        running -= 1;
        active.set(endpoint, 0);
        return 1;
      },
    );
    expect(most).toBe(4);
    expect(walk.results).toHaveLength(60);
    expect(walk.results.every((result) => result === 1)).toBe(true);
  });

  it('treats endpoint names that differ only in case as one endpoint', async () => {
    let overlapping = false;
    let busy = false;
    const targets = [
      target({ endpointName: 'Ep', variantName: 'A' }),
      target({ endpointName: 'ep', variantName: 'B' }),
    ];
    await walkTargets(targets, { concurrency: 2, hasTime: () => true, startAt: 0 }, async () => {
      if (busy) overlapping = true;
      busy = true;
      await sleep(2);
      busy = false;
    });
    expect(overlapping).toBe(false);
  });

  it('starts no target once time is short, listing those left, and the next minute starts elsewhere', async () => {
    const targets = fleet(5, 1);
    let budget = 2;
    const first = await walkTargets(
      targets,
      { concurrency: 1, hasTime: () => budget-- > 0, startAt: 0 },
      async (t) => t.endpointName,
    );
    expect(first.results).toEqual(['ep-0', 'ep-1', undefined, undefined, undefined]);
    expect(first.notStarted.map((t) => t.endpointName)).toEqual(['ep-2', 'ep-3', 'ep-4']);
    budget = 2;
    const next = await walkTargets(
      targets,
      { concurrency: 1, hasTime: () => budget-- > 0, startAt: 7 },
      async (t) => t.endpointName,
    );
    expect(next.results.filter((r) => r !== undefined)).toEqual(['ep-2', 'ep-3']);
  });

  it('keeps going past a failing target and reports its error', async () => {
    const targets = fleet(3, 1);
    const walk = await walkTargets(
      targets,
      { concurrency: 2, hasTime: () => true, startAt: 0 },
      async (t) => {
        if (t.endpointName === 'ep-1') throw new Error('Rate exceeded');
        return t.endpointName;
      },
    );
    expect(walk.results).toEqual(['ep-0', undefined, 'ep-2']);
    expect(walk.errors.map(({ target: t, error }) => [t.endpointName, (error as Error).message])).toEqual([
      ['ep-1', 'Rate exceeded'],
    ]);
  });
});
