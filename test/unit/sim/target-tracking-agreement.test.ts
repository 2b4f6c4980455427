import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../shared/config/index.ts';
import { runSimulation } from '../../../shared/sim/run-simulation.ts';
import { readTraceFile } from '../../../shared/sim/trace/trace.ts';

const CONFIG = 'test/fixtures/config/target-tracking-only.yml';
const NASA = 'traces/nasa_http_1995_1min.csv';

describe('a target tracking policy in scaling.yml and the target tracking baseline', () => {
  it('decide identically, minute by minute, on 14 days of the NASA trace (launch day included)', async () => {
    const config = loadConfigFile(CONFIG);
    // ×40 with 1,000 requests per instance-minute: 2 to 15 instances, hundreds of changes, and
    // scale-outs refused while the endpoint is Updating, which both must decide afresh.
    const trace = readTraceFile(NASA, { scale: 40 });
    const { targets } = await runSimulation(config, trace, {
      capacityPerInstance: 1000,
      baselineTarget: 700,
      from: Date.parse('1995-07-03T00:00:00Z'),
      to: Date.parse('1995-07-17T00:00:00Z'),
    });
    const [run] = targets;
    if (!run) throw new Error('expected one target');
    expect(run.policy).toHaveLength(14 * 1440);
    const differing = run.policy
      .map((minute, index) => ({ minute, baseline: run.baseline[index] }))
      .filter(({ minute, baseline }) => minute.desiredInstances !== baseline?.desiredInstances)
      .map(
        ({ minute, baseline }) =>
          `${new Date(minute.time).toISOString()}: ${minute.desiredInstances} vs ${baseline?.desiredInstances}`,
      );
    expect(differing).toEqual([]);
    // Not a trivial agreement: both scaled often, through deferrals.
    expect(run.summary.scalingActions).toBe(run.summary.baseline.scalingActions);
    expect(run.summary.scalingActions).toBeGreaterThan(500);
    expect(run.summary.deferredActions).toBeGreaterThan(0);
    expect(new Set(run.policy.map((minute) => minute.desiredInstances)).size).toBeGreaterThan(8);
  });
});
