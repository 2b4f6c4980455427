import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../shared/config/index.ts';
import { runSimulation } from '../../../shared/sim/run-simulation.ts';
import { concurrencyPerModel, serviceSecondsPerStep } from '../../../shared/sim/service-time.ts';
import { parseTrace } from '../../../shared/sim/trace/trace.ts';

const T0 = Date.parse('2026-01-05T10:00:00Z');

function minuteTrace(counts: number[]) {
  const rows = counts.map(
    (count, i) => `${new Date(T0 + i * 60_000).toISOString()},${count},${count * 100},${count * 20}`,
  );
  return parseTrace(['timestamp,requests,context_tokens,generated_tokens', ...rows].join('\n'));
}

describe('service time and ConcurrentRequestsPerModel', () => {
  it("is Little's law: arrivals × service time / step / serving instances", () => {
    const trace = minuteTrace([120, 0, 30]);
    expect(Array.from(serviceSecondsPerStep(trace, { latencyMs: 500 }))).toEqual([60, 0, 15]);
    // Each request has 100 context + 20 generated tokens: 120 × 120 tokens × 2 ms = 28.8 s.
    expect(Array.from(serviceSecondsPerStep(trace, { msPerToken: 2 }))).toEqual([28.8, 0, 7.2]);
    // 60 s of model time in a 60-s minute is one request at a time, over 2 instances half each.
    expect(concurrencyPerModel(60, 60, 2)).toBe(0.5);
  });

  it('lets a one-minute customized policy track ConcurrentRequestsPerModel too', async () => {
    const config = parseConfigText(
      `
targets:
  - endpointName: shop
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 10
    targetTrackingPolicies:
      - policyName: concurrency
        targetValue: 2
        customizedMetricSpecification:
          metricName: ConcurrentRequestsPerModel
          namespace: AWS/SageMaker
          statistic: Average
`,
      'concurrency.yml',
    );
    // 240 requests a minute at 1 s each: 4 at a time on one instance, twice the target.
    const result = await runSimulation(config, minuteTrace(new Array(10).fill(240)), {
      capacityPerInstance: 1000,
      serviceTime: { latencyMs: 1000 },
    });
    expect(result.resolution).toBeUndefined();
    const out = result.targets[0]?.outcomes.find((o) => o.action === 'scale-out');
    expect(out).toMatchObject({ fromCapacity: 1, toCapacity: 2, time: T0 + 3 * 60_000 });
    expect(out?.reason).toMatch(/^ConcurrentRequestsPerModel 4 against target 2 at 1 instances/);
  });
});
