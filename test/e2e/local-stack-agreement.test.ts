import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../shared/config/index.ts';
import { applyEnvironment, localStackDelivery } from '../../shared/local/local-run.ts';
import { type LocalStack, startLocalStack } from '../../shared/local/stack.ts';
import { runSimulation, type SimulationResult } from '../../shared/sim/run-simulation.ts';
import { readTraceFile } from '../../shared/sim/trace/trace.ts';
import type { EventOutcome } from '../../shared/usecases/outcome.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SCALING_YML = `${ROOT}scaling.yml`;
const NASA = `${ROOT}traces/nasa_http_1995_1min.csv`;
/**
 * Six hours of Friday 7 July 1995, requests x18: the afternoon burst scales out while the endpoint
 * is still Updating (deferred changes the tick retries), the weekend-peak action fires at 16:00Z
 * (18:00 Europe/Berlin), and the evening scales back in.
 */
const SLICE = { scale: 18, from: Date.parse('1995-07-07T14:30:00Z'), to: Date.parse('1995-07-07T20:30:00Z') };
const RUN = { capacityPerInstance: 1000 };

/** What must agree, per outcome: the decision and when, not ids or wording of errors. */
function decision(outcome: EventOutcome) {
  return {
    minute: new Date(outcome.time).toISOString(),
    target: outcome.targetKey,
    action: outcome.action,
    fromCapacity: outcome.fromCapacity,
    toCapacity: outcome.toCapacity,
    reasonCode: outcome.reasonCode,
    policyName: outcome.policyName,
    scheduledActionName: outcome.scheduledActionName,
  };
}

const config = loadConfigFile(SCALING_YML);
const trace = readTraceFile(NASA, SLICE);
let stack: LocalStack;
let restore: () => void;
let inMemory: SimulationResult;
let local: SimulationResult;

beforeAll(async () => {
  inMemory = await runSimulation(config, trace, RUN);
  stack = await startLocalStack({ config, configFile: SCALING_YML });
  restore = applyEnvironment(stack.environment);
  local = await runSimulation(config, trace, { ...RUN, delivery: localStackDelivery(stack) });
});

afterAll(async () => {
  restore?.();
  await stack?.stop();
});

describe('the local stack against the in-memory simulation', () => {
  it('plays a slice with scale-outs, deferrals, scale-ins and a scheduled firing', () => {
    const actions = new Set(inMemory.outcomes.map((o) => o.action));
    const scheduled = inMemory.outcomes.filter((o) => o.scheduledActionName === 'weekend-peak');

    expect([...actions].sort()).toEqual(['deferred', 'none', 'scale-in', 'scale-out']);
    expect(scheduled.map((o) => new Date(o.time).toISOString())).toEqual(['1995-07-07T16:00:00.000Z']);
  });

  it('makes the same decisions at the same minutes through the real handlers, HTTP and DynamoDB Local', () => {
    expect(local.outcomes.map(decision)).toEqual(inMemory.outcomes.map(decision));
  });

  it('leaves the same fleet minute by minute', () => {
    const fleet = (result: SimulationResult) =>
      result.targets[0]?.policy.map((m) => [
        m.time,
        m.desiredInstances,
        m.servingInstances,
        m.billedInstances,
      ]);

    expect(fleet(local)).toEqual(fleet(inMemory));
  });

  it('reached the endpoint and the alarms over HTTP, and recorded the state in DynamoDB Local', () => {
    const calls = stack.emulator.calls;

    expect(calls.get('sagemaker.UpdateEndpointWeightsAndCapacities')).toBeGreaterThan(0);
    expect(calls.get('cloudwatch.DescribeAlarms')).toBe(trace.length);
    expect(calls.get('cloudwatch.GetMetricData')).toBeGreaterThan(0);
    expect(local.outcomes.filter((o) => o.recorded && o.activityId !== undefined).length).toBeGreaterThan(0);
  });
});
