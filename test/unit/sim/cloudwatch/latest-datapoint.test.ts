import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatedMetricStore } from '../../../../shared/sim/cloudwatch/simulated-metrics.ts';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const MINUTE = 60_000;

describe('the newest datapoint of a series', () => {
  it('is the last value GetMetricData returns for the same query, whatever the gaps, period and window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: 0, max: 5000, noNaN: true }), { nil: undefined }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.constantFrom(60, 120, 300),
        fc.constantFrom('Sum', 'Average', 'Maximum', 'SampleCount', 'p90'),
        fc.integer({ min: -5, max: 45 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 50 }),
        (points, period, statistic, startMinute, spanMinutes, nowMinute) => {
          const store = new SimulatedMetricStore(T0, points.length);
          const values = store.seriesOf({ namespace: 'N', metricName: 'M', dimensions: {} });
          points.forEach((point, i) => {
            if (point !== undefined) values[i] = point;
          });
          const query = {
            statistic,
            period,
            startTime: T0 + startMinute * MINUTE,
            endTime: T0 + (startMinute + spanMinutes) * MINUTE,
          };
          const now = T0 + nowMinute * MINUTE;
          expect(store.latestValue(values, query, now)).toBe(
            store.seriesData(values, query, now).values.at(-1),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is undefined for a series never published', () => {
    const store = new SimulatedMetricStore(T0, 10);
    expect(
      store.latestValue(
        undefined,
        { statistic: 'Sum', period: 60, startTime: T0, endTime: T0 + 10 * MINUTE },
        T0 + 10 * MINUTE,
      ),
    ).toBeUndefined();
  });
});
