import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText } from '../../../shared/config/index.ts';
import {
  runSimulation,
  SimulationSetupError,
  UnknownTargetError,
} from '../../../shared/sim/run-simulation.ts';
import { parseTrace, readTraceFile } from '../../../shared/sim/trace/trace.ts';

const NASA_SLICE = new URL('../../fixtures/traces/nasa_http_1995_0712-0713_1min.csv', import.meta.url)
  .pathname;
const SCALING_YML = new URL('../../../scaling.yml', import.meta.url).pathname;
const MINUTE = 60_000;
const iso = (time: number) => new Date(time).toISOString();

/** A one-minute trace from `start` with the given per-minute counts (undefined = a gap). */
function traceOf(start: string, counts: (number | undefined)[]) {
  const t0 = Date.parse(start);
  const rows = counts.map(
    (count, i) => `${iso(t0 + i * MINUTE)},${count ?? 0},${count === undefined ? 1 : 0}`,
  );
  return parseTrace(['timestamp,requests,gap', ...rows].join('\n'));
}

/** One target, a fast scale-out policy (1 of 1 minute >= 500 per instance, +2) and no scale-in. */
function smallConfig(extra = '') {
  return parseConfigText(
    `
targets:
  - endpointName: shop
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 8
    stepPolicies:
      - policyName: out
        alarmName: shop-high
        alarm:
          metricName: InvocationsPerInstance
          namespace: AWS/SageMaker
          statistic: Sum
          period: 60
          evaluationPeriods: 1
          threshold: 500
          comparisonOperator: GreaterThanOrEqualToThreshold
        adjustmentType: ChangeInCapacity
        cooldown: 60
        stepAdjustments:
          - { metricIntervalLowerBound: 0, scalingAdjustment: 2 }
${extra}`,
    'small.yml',
  );
}

describe('the simulation run', () => {
  it('scales out on the NASA launch-day burst and back in when it is over', async () => {
    const config = loadConfigFile(SCALING_YML);
    const trace = readTraceFile(NASA_SLICE, { scale: 25 });
    const { targets } = await runSimulation(config, trace, { capacityPerInstance: 1000 });
    const [run] = targets;
    if (!run) throw new Error('expected one target');
    expect(run.policy).toHaveLength(2880);
    const at = (time: string) => run.policy.find((m) => m.time === Date.parse(time));
    expect(at('1995-07-12T04:00:00Z')?.desiredInstances).toBe(2);
    expect(at('1995-07-13T14:00:00Z')?.desiredInstances).toBe(10);
    expect(at('1995-07-14T03:59:00Z')?.desiredInstances).toBeLessThan(6);
    // A change SageMaker accepted reports InProgress once; its end (Successful) comes later.
    const actions = run.outcomes.filter((o) => o.status === 'InProgress' && o.action !== 'none');
    const ended = run.outcomes.filter((o) => o.endsActivity);
    expect(ended.map((o) => o.status)).toEqual(ended.map(() => 'Successful'));
    expect(ended.length).toBeGreaterThanOrEqual(actions.length - 1);
    expect(actions.some((o) => o.action === 'scale-out' && o.toCapacity === 10)).toBe(true);
    expect(actions.some((o) => o.action === 'scale-in' && o.time > Date.parse('1995-07-13T20:00:00Z'))).toBe(
      true,
    );
    expect(run.summary.scalingActions).toBe(actions.length);
    expect(run.summary.minutes).toBe(2880);
    expect(run.summary.costRatio).toBeGreaterThanOrEqual(1);
    expect(run.summary.baseline.costRatio).toBeGreaterThanOrEqual(1);
    // The baseline's target is half the capacity per instance, not the policy's alarm threshold.
    expect(run.summary.baseline).toMatchObject({ targetValue: 500, targetValueSource: 'default' });
  });

  it('drives the production handlers: ids, causes and reasons come from the use cases', async () => {
    const trace = traceOf('2026-01-05T10:00:00Z', [100, 100, 900, 900, 900, 900, 900, 100, 100]);
    const { targets, alarmEvents } = await runSimulation(smallConfig(), trace, {
      capacityPerInstance: 1000,
      instanceStartupSeconds: 120,
    });
    const outcomes = targets[0]?.outcomes ?? [];
    const [first] = outcomes.filter((o) => o.action === 'scale-out');
    expect(alarmEvents).toBeGreaterThan(0);
    expect(first).toMatchObject({
      time: Date.parse('2026-01-05T10:03:00Z'),
      activityId: expect.stringMatching(/^act-\d{6}$/),
      eventId: expect.stringMatching(/^00000000-0000-4000-8000-/),
      status: 'InProgress',
      fromCapacity: 1,
      toCapacity: 3,
      policyName: 'out',
      cause: 'alarm shop-high in state ALARM triggered policy out',
      alarm: { alarmName: 'shop-high', metricValue: 900, threshold: 500 },
    });
    // The tick's re-evaluation of the alarm still in ALARM: the endpoint is Updating, so it waits.
    const tick = outcomes.find((o) => o.eventKey === 'tick@2026-01-05T10:04:00.000Z');
    expect(tick?.eventId).toBe('simulated-tick-4');
    expect(tick?.reason).toMatch(/Average 900 against threshold 500/);
    // The tick that first sees the endpoint InService at 3 ends the activity (two minutes of
    // start-up); the record still names the alarm event that decided it.
    const end = outcomes.find((o) => o.endsActivity && o.activityId === first?.activityId);
    expect(end).toMatchObject({
      status: 'Successful',
      toCapacity: 3,
      eventId: first?.eventId,
    });
    expect(end?.time).toBeGreaterThanOrEqual(Date.parse('2026-01-05T10:05:00Z'));
  });

  it('defers a decision while the endpoint is busy and lets the tick apply it afterwards', async () => {
    const trace = traceOf('2026-01-05T10:00:00Z', [900, 900, 900, 900, 900, 900]);
    const { targets } = await runSimulation(smallConfig(), trace, {
      capacityPerInstance: 1000,
      onFleet: (fleet) => fleet.holdStatus('shop', 'Updating', Date.parse('2026-01-05T10:03:00Z')),
    });
    const outcomes = targets[0]?.outcomes ?? [];
    expect(outcomes.find((o) => o.action === 'deferred')).toMatchObject({
      time: Date.parse('2026-01-05T10:01:00Z'),
      reasonCode: 'EndpointNotInService',
    });
    expect(outcomes.find((o) => o.action === 'scale-out')).toMatchObject({
      time: Date.parse('2026-01-05T10:03:00Z'),
      eventKey: 'retry@2026-01-05T10:03:00.000Z',
      status: 'InProgress',
    });
    // Each re-evaluation while busy is a new deferred decision (the older one is overridden).
    const deferred = outcomes.filter((o) => o.action === 'deferred');
    expect(deferred.slice(0, 3).map((o) => iso(o.time))).toEqual([
      '2026-01-05T10:01:00.000Z',
      '2026-01-05T10:01:00.000Z',
      '2026-01-05T10:02:00.000Z',
    ]);
    expect(targets[0]?.summary.deferredActions).toBe(deferred.length);
  });

  it('fires scheduled actions at their local times and moves capacity to the new minimum', async () => {
    const config = smallConfig(`    scheduledActions:
      - scheduledActionName: morning-floor
        schedule: cron(0 9 * * ? *)
        timezone: Europe/Berlin
        scalableTargetAction: { minCapacity: 3 }
`);
    // 9:00 in Berlin on 5 Jan 2026 (CET, UTC+1) is 08:00Z.
    const trace = traceOf('2026-01-05T07:50:00Z', new Array(20).fill(10));
    const [run] = (await runSimulation(config, trace, { capacityPerInstance: 1000 })).targets;
    expect(run?.scheduledFirings).toEqual([
      { time: Date.parse('2026-01-05T08:00:00Z'), scheduledActionName: 'morning-floor' },
    ]);
    expect(run?.outcomes.find((o) => o.scheduledActionName === 'morning-floor')).toMatchObject({
      time: Date.parse('2026-01-05T08:00:00Z'),
      action: 'scale-out',
      fromCapacity: 1,
      toCapacity: 3,
      status: 'InProgress',
    });
    expect(run?.policy[9]?.desiredInstances).toBe(1);
    expect(run?.policy[10]?.desiredInstances).toBe(3);
    expect(run?.baseline[10]?.desiredInstances).toBe(3);
  });

  it('bills a scale-out from the minute it is asked for and serves it after the start-up', async () => {
    const trace = traceOf('2026-01-05T10:00:00Z', [100, 900, 100, 100, 100, 100, 100, 100]);
    const [run] = (
      await runSimulation(smallConfig(), trace, { capacityPerInstance: 1000, instanceStartupSeconds: 180 })
    ).targets;
    const minutes = run?.policy.map((m) => [m.servingInstances, m.billedInstances]);
    // Decided at 10:02 (the 10:01 datapoint), serving from 10:05.
    expect(minutes?.slice(1, 6)).toEqual([
      [1, 1],
      [1, 3],
      [1, 3],
      [1, 3],
      [3, 3],
    ]);
  });

  it('leaves gap minutes without demand or metrics, counting them in the bill only', async () => {
    const trace = traceOf('2026-01-05T10:00:00Z', [100, undefined, undefined, 100]);
    const [run] = (await runSimulation(smallConfig(), trace, { capacityPerInstance: 50 })).targets;
    expect(run?.policy.map((m) => [m.gap, m.demand, m.unservedRequests])).toEqual([
      [false, 100, 50],
      [true, 0, 0],
      [true, 0, 0],
      [false, 100, 50],
    ]);
    expect(run?.summary.underProvisionedMinutes).toBe(2);
    expect(run?.summary.underProvisionedPercent).toBe(100);
    expect(run?.summary.instanceHours).toBeCloseTo(4 / 60);
  });

  it('drives every selected target with the same trace, each with its own summary', async () => {
    const config = parseConfigText(
      `
targets:
  - endpointName: a
    variantName: v
    minCapacity: 1
    maxCapacity: 4
    stepPolicies: []
  - endpointName: b
    variantName: v
    minCapacity: 2
    maxCapacity: 4
    stepPolicies: []
`,
      'two.yml',
    );
    const trace = traceOf('2026-01-05T10:00:00Z', [10, 10, 10]);
    const result = await runSimulation(config, trace, { capacityPerInstance: 100, baselineTarget: 50 });
    expect(result.targets.map((t) => [t.targetKey, t.summary.instanceHours])).toEqual([
      ['endpoint/a/variant/v', 3 / 60],
      ['endpoint/b/variant/v', 6 / 60],
    ]);
    const onlyB = await runSimulation(config, trace, {
      capacityPerInstance: 100,
      baselineTarget: 50,
      targets: ['b/v'],
    });
    expect(onlyB.targets.map((t) => t.targetKey)).toEqual(['endpoint/b/variant/v']);
  });

  it('refuses a policy whose alarm has no alarm: block, naming it', async () => {
    const config = parseConfigText(
      `
targets:
  - endpointName: shop
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 4
    stepPolicies:
      - policyName: external
        alarmName: someone-elses-alarm
        adjustmentType: ChangeInCapacity
        stepAdjustments:
          - { metricIntervalLowerBound: 0, scalingAdjustment: 1 }
`,
      'external.yml',
    );
    const trace = traceOf('2026-01-05T10:00:00Z', [1, 1]);
    const run = runSimulation(config, trace, { capacityPerInstance: 10, baselineTarget: 5 });
    await expect(run).rejects.toBeInstanceOf(SimulationSetupError);
    await expect(run).rejects.toThrow(/policy external: alarm someone-elses-alarm has no 'alarm:' block/);
  });

  it('refuses an alarm on a metric the simulated fleet does not publish', async () => {
    const config = smallConfig().targets[0];
    if (!config) throw new Error('expected a target');
    const policy = config.stepPolicies[0];
    if (!policy?.alarm) throw new Error('expected an alarm');
    const memory = {
      ...config,
      stepPolicies: [{ ...policy, alarm: { ...policy.alarm, metricName: 'MemoryUtilization' } }],
    };
    const run = runSimulation({ targets: [memory] }, traceOf('2026-01-05T10:00:00Z', [1, 1]), {
      capacityPerInstance: 10,
      baselineTarget: 5,
    });
    await expect(run).rejects.toThrow(
      /watches MemoryUtilization in AWS\/SageMaker, which the simulated fleet does not publish/,
    );
  });

  it('refuses an unknown target selection, listing the known ones', async () => {
    const run = runSimulation(smallConfig(), traceOf('2026-01-05T10:00:00Z', [1, 1]), {
      capacityPerInstance: 10,
      targets: ['nope/AllTraffic'],
    });
    await expect(run).rejects.toBeInstanceOf(UnknownTargetError);
    await expect(run).rejects.toThrow(/scaling.yml has shop\/AllTraffic/);
  });
});
