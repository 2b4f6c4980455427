import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CapacityChange,
  COMPARISON_KINDS,
  type ComparisonRow,
  DEFAULT_TOLERANCE_MS,
  median,
  pairChanges,
  SAME_MOMENT_MS,
  summarize,
} from '../../../shared/usecases/operate/compare-pairing.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
const OPTIONS = { toleranceMs: DEFAULT_TOLERANCE_MS, sameMomentMs: SAME_MOMENT_MS };

function change(id: string, minute: number, fromCount: number | undefined, toCount: number): CapacityChange {
  return { id, at: T0 + minute * MIN, fromCount, toCount, cause: `cause of ${id}` };
}

/** Rows as `kind ours-id native-id` strings, to read a whole comparison at once. */
function shape(rows: readonly ComparisonRow[]): string[] {
  return rows.map((row) => `${row.kind} ${row.ours?.id ?? '-'} ${row.native?.id ?? '-'}`);
}

describe('pairChanges', () => {
  it('classifies each kind on a hand-made afternoon', () => {
    const ours = [
      change('o1', 0, 2, 3), // native the same minute, same count: agree
      change('o2', 20, 3, 4), // native 4 minutes later: ours earlier
      change('o3', 45, 4, 3), // native 3 minutes earlier: ours later
      change('o4', 70, 3, 6), // native went to 4: different size
      change('o5', 100, 6, 5), // native never scaled in: only ours
    ];
    const native = [
      change('n1', 0.5, undefined, 3),
      change('n2', 24, 3, 4),
      change('n3', 42, 4, 3),
      change('n4', 71, 3, 4),
      change('n5', 130, 4, 5), // 30 minutes from anything of ours: only native
    ];
    const rows = pairChanges(ours, native, OPTIONS);
    expect(shape(rows)).toEqual([
      'agree o1 n1',
      'ours-earlier o2 n2',
      'ours-later o3 n3',
      'different-size o4 n4',
      'only-ours o5 -',
      'only-native - n5',
    ]);
    expect(rows.map((row) => [row.leadMs, row.sizeDifference])).toEqual([
      [0.5 * MIN, 0],
      [4 * MIN, 0],
      [-3 * MIN, 0],
      [1 * MIN, 2],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('never pairs a scale-out with a scale-in, however close', () => {
    const rows = pairChanges([change('o', 0, 3, 4)], [change('n', 0, 3, 2)], OPTIONS);
    expect(shape(rows)).toEqual(['only-ours o -', 'only-native - n']);
  });

  it('reads a native change without its own start count by ours (one endpoint under both)', () => {
    const up = pairChanges([change('o', 0, 3, 4)], [change('n', 2, undefined, 5)], OPTIONS);
    const down = pairChanges([change('o', 0, 3, 4)], [change('n', 2, undefined, 2)], OPTIONS);
    expect(shape(up)).toEqual(['different-size o n']);
    expect(up[0]?.sizeDifference).toBe(-1);
    expect(shape(down)).toEqual(['only-ours o -', 'only-native - n']);
  });

  it('pairs up to the tolerance and not beyond it', () => {
    const at = (minutes: number) =>
      pairChanges([change('o', 0, 2, 3)], [change('n', minutes, 2, 3)], OPTIONS);
    expect(shape(at(10))).toEqual(['ours-earlier o n']);
    expect(shape(at(-10))).toEqual(['ours-later o n']);
    expect(shape(at(10.01))).toEqual(['only-ours o -', 'only-native - n']);
  });

  it('agrees within one minute and calls anything later early or late', () => {
    const lead = (minutes: number) =>
      pairChanges([change('o', 0, 2, 3)], [change('n', minutes, 2, 3)], OPTIONS)[0]?.kind;
    expect([lead(-1), lead(0), lead(1), lead(1.01), lead(-1.01)]).toEqual([
      'agree',
      'agree',
      'agree',
      'ours-earlier',
      'ours-later',
    ]);
  });

  it('takes the closest pair first, so one change is not claimed twice', () => {
    // n1 lies between o1 and o2, nearer o2; o1 then pairs with nothing closer than n0.
    const rows = pairChanges(
      [change('o1', 0, 2, 3), change('o2', 6, 3, 4)],
      [change('n0', -5, 2, 3), change('n1', 5, 3, 4)],
      OPTIONS,
    );
    expect(shape(rows)).toEqual(['ours-later o1 n0', 'agree o2 n1']);
  });

  it('compares nothing to nothing', () => {
    expect(pairChanges([], [], OPTIONS)).toEqual([]);
    expect(summarize([])).toEqual({
      counts: {
        agree: 0,
        'ours-earlier': 0,
        'ours-later': 0,
        'different-size': 0,
        'only-ours': 0,
        'only-native': 0,
      },
      matched: 0,
      medianLeadMinutes: undefined,
      medianScaleOutLeadMinutes: undefined,
      medianScaleInLeadMinutes: undefined,
    });
  });
});

describe('summarize', () => {
  it('counts the kinds and takes the median lead overall and by direction', () => {
    const rows = pairChanges(
      [change('o1', 0, 2, 3), change('o2', 20, 3, 4), change('o3', 45, 4, 3), change('o4', 90, 3, 2)],
      [change('n1', 2, 2, 3), change('n2', 26, 3, 4), change('n3', 43, 4, 3), change('n9', 200, 2, 5)],
      OPTIONS,
    );
    expect(summarize(rows)).toEqual({
      counts: {
        agree: 0,
        'ours-earlier': 2,
        'ours-later': 1,
        'different-size': 0,
        'only-ours': 1,
        'only-native': 1,
      },
      matched: 3,
      medianLeadMinutes: 2,
      medianScaleOutLeadMinutes: 4,
      medianScaleInLeadMinutes: -2,
    });
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});

/** Changes at whole seconds over three hours; counts 1 to 8; native sometimes without a start count. */
const changes = (withoutFrom: boolean) =>
  fc.array(
    fc
      .record({
        second: fc.integer({ min: 0, max: 3 * 3600 }),
        from: fc.integer({ min: 1, max: 8 }),
        to: fc.integer({ min: 1, max: 8 }),
        knownFrom: withoutFrom ? fc.boolean() : fc.constant(true),
      })
      .filter(({ from, to }) => from !== to),
    { maxLength: 12 },
  );

const toChanges = (
  prefix: string,
  items: { second: number; from: number; to: number; knownFrom: boolean }[],
) =>
  items.map((item, i) => ({
    id: `${prefix}${i}`,
    at: T0 + item.second * 1000,
    fromCount: item.knownFrom ? item.from : undefined,
    toCount: item.to,
    cause: '',
  }));

const sign = (c: CapacityChange, fallback?: number) =>
  Math.sign(c.toCount - (c.fromCount ?? fallback ?? c.toCount));

describe('pairChanges (property)', () => {
  it('puts every change in exactly one row, pairs only what may pair, and leaves no pair unmade', () => {
    fc.assert(
      fc.property(
        changes(false),
        changes(true),
        fc.integer({ min: 1, max: 30 }),
        (o, n, toleranceMinutes) => {
          const ours = toChanges('o', o);
          const native = toChanges('n', n);
          const options = { toleranceMs: toleranceMinutes * MIN, sameMomentMs: SAME_MOMENT_MS };
          const rows = pairChanges(ours, native, options);

          expect(rows.flatMap((r) => (r.ours ? [r.ours.id] : [])).sort()).toEqual(
            ours.map((c) => c.id).sort(),
          );
          expect(rows.flatMap((r) => (r.native ? [r.native.id] : [])).sort()).toEqual(
            native.map((c) => c.id).sort(),
          );
          for (const row of rows.filter((r) => r.ours && r.native)) {
            const { ours: mine, native: theirs } = row as Required<Pick<ComparisonRow, 'ours' | 'native'>>;
            expect(Math.abs(theirs.at - mine.at)).toBeLessThanOrEqual(options.toleranceMs);
            expect(sign(theirs, mine.fromCount)).toBe(sign(mine));
            expect(row.leadMs).toBe(theirs.at - mine.at);
            expect(row.kind === 'different-size').toBe(mine.toCount !== theirs.toCount);
            if (row.kind === 'agree') expect(Math.abs(row.leadMs ?? 0)).toBeLessThanOrEqual(SAME_MOMENT_MS);
            if (row.kind === 'ours-earlier') expect(row.leadMs).toBeGreaterThan(SAME_MOMENT_MS);
            if (row.kind === 'ours-later') expect(row.leadMs).toBeLessThan(-SAME_MOMENT_MS);
          }
          // Maximal: no lone change of ours could still pair with a lone change of native's.
          const loneOurs = rows.filter((r) => r.kind === 'only-ours').map((r) => r.ours as CapacityChange);
          const loneNative = rows
            .filter((r) => r.kind === 'only-native')
            .map((r) => r.native as CapacityChange);
          for (const mine of loneOurs) {
            for (const theirs of loneNative) {
              const pairable =
                Math.abs(theirs.at - mine.at) <= options.toleranceMs &&
                sign(theirs, mine.fromCount) === sign(mine);
              expect(pairable).toBe(false);
            }
          }
          // In time order, and the summary adds up.
          const times = rows.map((r) => Math.min(r.ours?.at ?? Infinity, r.native?.at ?? Infinity));
          expect(times).toEqual([...times].sort((a, b) => a - b));
          const summary = summarize(rows);
          expect(COMPARISON_KINDS.reduce((sum, kind) => sum + summary.counts[kind], 0)).toBe(rows.length);
          expect(summary.matched + summary.counts['only-ours']).toBe(ours.length);
          expect(summary.matched + summary.counts['only-native']).toBe(native.length);
        },
      ),
    );
  });

  it('mirrors: when ours runs ahead by a fixed time, every pair says ours earlier by it', () => {
    fc.assert(
      fc.property(changes(false), fc.integer({ min: 2, max: 9 }), (o, leadMinutes) => {
        // Changes at least 25 minutes apart, so each pairs with its own copy.
        const spaced = o.map((item, i) => ({ ...item, second: i * 25 * 60 }));
        const ours = toChanges('o', spaced);
        const native = ours.map((c, i) => ({ ...c, id: `n${i}`, at: c.at + leadMinutes * MIN }));
        const rows = pairChanges(ours, native, OPTIONS);
        expect(rows.map((r) => r.kind)).toEqual(ours.map(() => 'ours-earlier'));
        expect(summarize(rows).medianLeadMinutes).toBe(ours.length ? leadMinutes : undefined);
      }),
    );
  });
});
