/**
 * The faults the scaler must survive, one named test per scenario of the reliability list.
 * Scenario 24 (dead-letter queues) belongs to the deploy templates (test/deploy). "Once" means
 * one capacity change and one activity record, whatever the retries.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfigDocument } from '../../../shared/config/index.ts';
import { targetKey } from '../../../shared/domain/model.ts';
import { lambdaContext } from '../../../shared/local/lambda-context.ts';
import { CapacityRejectedError, EndpointBusyError } from '../../../shared/ports/errors.ts';
import type { ScalingStateStore } from '../../../shared/ports/scaling-state-store.ts';
import { handleAlarm } from '../../../shared/usecases/handle-alarm.ts';
import { handleSchedule } from '../../../shared/usecases/handle-schedule.ts';
import { handleTick } from '../../../shared/usecases/handle-tick.ts';
import { alarmHandler, type HandlerResult, tickHandler } from '../../../shared/wiring/handlers.ts';
import { createRuntime } from '../../../shared/wiring/runtime.ts';
import { alarm, MINUTE, scheduled, T0, target, workedExampleTarget } from '../../support/builders.ts';
import { memoryRuntime } from '../../support/memory-runtime.ts';

const V = 'worked-example/AllTraffic';
const peak = {
  scheduledActionName: 'peak',
  schedule: 'cron(0 18 ? * FRI *)',
  timezone: 'Europe/Berlin',
  scalableTargetAction: { minCapacity: 6, maxCapacity: 12 },
};
const simple = target({ minCapacity: 2, maxCapacity: 10, scheduledActions: [peak] });

function setup(config = simple, capacity = 3) {
  const world = memoryRuntime({ targets: [config] }, { [V]: capacity });
  const history = () => world.store.listActivities(targetKey(config));
  return { ...world, ports: world.runtime.ports, history };
}

describe('reliability', () => {
  it('1: the same event id twice, or a scheduled slot retried with a new execution id, acts once', async () => {
    const { ports, endpoints, history } = setup();
    const event = alarm();
    await handleAlarm(ports, event, T0);
    await handleAlarm(ports, event, T0 + MINUTE);
    await handleSchedule(
      ports,
      scheduled({ eventId: 'exec-1', scheduledTime: T0 + 2 * MINUTE }),
      T0 + 2 * MINUTE,
    );
    await handleSchedule(
      ports,
      scheduled({ eventId: 'exec-2', scheduledTime: T0 + 2 * MINUTE }),
      T0 + 3 * MINUTE,
    );
    expect(endpoints.updates.map((u) => u.updates[0]?.desiredInstanceCount)).toEqual([4, 6]);
    // One activity per change: the alarm's ended when the schedule's decision saw the endpoint.
    expect((await history()).map((r) => `${r.action}:${r.status}`).sort()).toEqual([
      'scale-out:InProgress',
      'scale-out:Successful',
    ]);
  });

  it('2: a timeout after SageMaker accepted, then the retry, changes nothing twice', async () => {
    const { ports, endpoints } = setup();
    endpoints.failNextUpdate(new Error('Task timed out after 30.00 seconds'), { afterApplying: true });
    const event = alarm();
    await expect(handleAlarm(ports, event, T0)).rejects.toThrow();
    await handleAlarm(ports, event, T0 + MINUTE);
    expect(endpoints.updates).toHaveLength(1);
  });

  it('3: two different alarm events at the same moment give one update; the other decides on the new state', async () => {
    const { ports, endpoints } = setup();
    const outcomes = (
      await Promise.all([handleAlarm(ports, alarm(), T0), handleAlarm(ports, alarm(), T0)])
    ).flat();
    expect(endpoints.updates).toHaveLength(1);
    // The loser, deciding again, also sees the endpoint at 4 (this fake applies at once) and ends
    // the winner's activity.
    expect(
      outcomes.map((o) => (o.endsActivity ? `ended:${o.status}` : (o.reasonCode ?? o.action))).sort(),
    ).toEqual(['CooldownInEffect', 'ended:Successful', 'scale-out']);
  });

  it('4: a stale ALARM arriving after a newer OK for the same alarm is ignored', async () => {
    const { ports, endpoints } = setup();
    await handleAlarm(ports, alarm({ state: 'OK', stateTimestamp: T0 }), T0);
    const [late] = await handleAlarm(ports, alarm({ stateTimestamp: T0 - MINUTE }), T0 + MINUTE);
    expect(late?.reasonCode).toBe('StaleEvent');
    expect(endpoints.updates).toHaveLength(0);
  });

  it('5: ALARM / OK / ALARM flapping inside a cooldown gives one scale-out and no scale-in', async () => {
    const config = workedExampleTarget({ minCapacity: 1, maxCapacity: 20 });
    const { ports, endpoints } = setup(config, 10);
    await handleAlarm(ports, alarm({ value: 70, stateTimestamp: T0 }), T0);
    await handleAlarm(ports, alarm({ state: 'OK', stateTimestamp: T0 + MINUTE }), T0 + MINUTE);
    await handleAlarm(
      ports,
      alarm({ alarmName: 'low', value: 30, stateTimestamp: T0 + MINUTE }),
      T0 + MINUTE,
    );
    await handleAlarm(ports, alarm({ value: 70, stateTimestamp: T0 + 2 * MINUTE }), T0 + 2 * MINUTE);
    expect(endpoints.updates.map((u) => u.updates[0]?.desiredInstanceCount)).toEqual([13]);
  });

  it('6: a scale-out during a scale-in cooldown is immediate', async () => {
    const config = workedExampleTarget({ minCapacity: 1, maxCapacity: 40 });
    const { ports, endpoints } = setup(config, 20);
    await handleAlarm(ports, alarm({ alarmName: 'low', value: 30 }), T0);
    await handleAlarm(ports, alarm({ value: 70 }), T0 + MINUTE);
    expect(endpoints.updates.map((u) => u.updates[0]?.desiredInstanceCount)).toEqual([14, 18]);
  });

  it('7: a larger step during a scale-out cooldown adds only the difference', async () => {
    const config = workedExampleTarget({ minCapacity: 1, maxCapacity: 40 });
    const { ports, endpoints } = setup(config, 10);
    await handleAlarm(ports, alarm({ value: 65 }), T0); // +10 % -> 11
    await handleAlarm(ports, alarm({ value: 75 }), T0 + MINUTE); // +30 % of the baseline 10 -> 13
    expect(endpoints.updates.map((u) => u.updates[0]?.desiredInstanceCount)).toEqual([11, 13]);
  });

  it('8: an alarm that stays in ALARM keeps the tick stepping, respecting the cooldown', async () => {
    const { ports, endpoints, alarms } = setup();
    alarms.inAlarm = [{ alarmName: 'high', stateTimestamp: T0, threshold: 50, datapoints: [60] }];
    for (let minute = 0; minute <= 10; minute++) await handleTick(ports, T0 + minute * MINUTE, `t${minute}`);
    expect(endpoints.updates.map((u) => u.updates[0]?.desiredInstanceCount)).toEqual([4, 5, 6]);
  });

  it('9: a desired count above max is clamped, and the reason says so', async () => {
    const config = target({
      maxCapacity: 5,
      stepPolicies: [
        {
          ...simple.stepPolicies[0],
          stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 4 }],
        } as never,
      ],
    });
    const { ports } = setup(config, 3);
    const [outcome] = await handleAlarm(ports, alarm(), T0);
    expect(outcome).toMatchObject({ toCapacity: 5 });
    expect(outcome?.reason).toContain('clamped to [1, 5]');
  });

  it('10: a variant already outside [min, max] is brought back inside by the next decision', async () => {
    const { ports } = setup(simple, 14);
    const [outcome] = await handleAlarm(ports, alarm(), T0);
    expect(outcome).toMatchObject({ action: 'scale-in', toCapacity: 10 });
  });

  it('11: a scheduled action that changes min/max moves capacity to the new bound at once', async () => {
    const { ports } = setup();
    const [outcome] = await handleSchedule(ports, scheduled(), T0);
    expect(outcome).toMatchObject({ action: 'scale-out', toCapacity: 6, scheduledActionName: 'peak' });
  });

  it('12: a schedule firing late, or twice for the same slot, takes effect once', async () => {
    const { ports, endpoints } = setup();
    await handleSchedule(ports, scheduled({ eventId: 'a' }), T0 + 3 * 3_600_000);
    await handleSchedule(ports, scheduled({ eventId: 'b' }), T0 + 4 * 3_600_000);
    expect(endpoints.updates).toHaveLength(1);
  });

  it('13: INSUFFICIENT_DATA or a missing metric never scales in', async () => {
    const config = workedExampleTarget();
    const { ports, endpoints } = setup(config, 10);
    await handleAlarm(ports, alarm({ alarmName: 'low', state: 'INSUFFICIENT_DATA', datapoints: [] }), T0);
    await handleAlarm(ports, alarm({ alarmName: 'low', datapoints: [] }), T0 + MINUTE);
    expect(endpoints.updates).toHaveLength(0);
  });

  it('14: a malformed event is rejected with a clear log line, nothing written, no retry', async () => {
    const { runtime, store, logged } = setup();
    const handler = alarmHandler(runtime);
    const sample = JSON.parse(readFileSync('events/alarm/invocations-high-alarm.json', 'utf8'));
    sample.detail.state.reasonData = '{not json';
    const result = (await handler(sample, lambdaContext())) as HandlerResult;
    expect(result.rejected?.[0]).toContain('detail.state.reasonData');
    expect(logged).toEqual([expect.objectContaining({ level: 'error', message: 'MalformedEvent' })]);
    expect((await store.load(targetKey(simple), '')).state).toBeUndefined();
  });

  it('15: an unknown endpoint or variant gives a failed activity and an alertable log line', async () => {
    const { runtime, endpoints, logged } = setup();
    endpoints.counts.clear();
    const sample = JSON.parse(
      readFileSync('events/replay/worked-example.jsonl', 'utf8').split('\n')[0] ?? '',
    );
    sample.detail.alarmName = 'high';
    const result = (await alarmHandler(runtime)(sample, lambdaContext())) as HandlerResult;
    expect(result.outcomes).toEqual([expect.objectContaining({ action: 'failed', status: 'Failed' })]);
    expect(logged.some((line) => line.level === 'error' && line.message === 'ScalingActivityFailed')).toBe(
      true,
    );
  });

  it('16: while the endpoint is Updating the intent is deferred with no cooldown, then applied by the tick', async () => {
    const { ports, endpoints, store } = setup();
    endpoints.status = 'Updating';
    await handleAlarm(ports, alarm(), T0);
    expect((await store.load(targetKey(simple), '')).state?.cooldowns).toEqual([]);
    endpoints.status = 'InService';
    await handleTick(ports, T0 + MINUTE, 'tick');
    expect(endpoints.updates.map((u) => u.updates[0]?.desiredInstanceCount)).toEqual([4]);
  });

  it('17: "Cannot update in-progress endpoint" during a race is deferred like Updating', async () => {
    const { ports, endpoints } = setup();
    endpoints.failNextUpdate(new EndpointBusyError('Cannot update in-progress endpoint'));
    const [outcome] = await handleAlarm(ports, alarm(), T0);
    expect(outcome).toMatchObject({ action: 'deferred', status: 'Pending' });
    await handleTick(ports, T0 + MINUTE, 'tick');
    expect(endpoints.counts.get(V)).toBe(4);
  });

  it('18: a ThrottlingException past the SDK retries fails the event with nothing recorded as done', async () => {
    const { ports, endpoints, history } = setup();
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    endpoints.failNextUpdate(throttled);
    await expect(handleAlarm(ports, alarm(), T0)).rejects.toThrow('Rate exceeded');
    expect((await history()).map((r) => r.status)).toEqual(['InProgress']);
  });

  it('19: ResourceLimitExceeded gives a failed activity and no retry loop', async () => {
    const { ports, endpoints } = setup();
    endpoints.failNextUpdate(new CapacityRejectedError('ResourceLimitExceeded'));
    const event = alarm();
    await handleAlarm(ports, event, T0);
    const [again] = await handleAlarm(ports, event, T0 + MINUTE);
    expect(again?.reasonCode).toBe('DuplicateEvent');
    expect(endpoints.updates).toHaveLength(0);
  });

  it.each(['RollingBack', 'UpdateRollbackFailed', 'Failed'] as const)(
    '20: %s after our update fails our activity and withdraws its cooldown, no retry loop; InService decides afresh',
    async (status) => {
      const { ports, endpoints, store, history, runtime, logged } = setup();
      const [accepted] = await handleAlarm(ports, alarm(), T0);
      expect(accepted).toMatchObject({ action: 'scale-out', status: 'InProgress', toCapacity: 4 });
      // SageMaker took the update, then the endpoint could not apply it and rolls back to 3.
      endpoints.status = status;
      endpoints.counts.set(V, 3);
      const tick = tickHandler(runtime);
      const first = (await tick(
        {},
        lambdaContext('sagemaker-scaler-test-onTick', 'tick-1'),
      )) as HandlerResult;
      expect(first.outcomes).toEqual([
        expect.objectContaining({
          activityId: accepted?.activityId,
          action: 'failed',
          status: 'Failed',
          reasonCode: 'EndpointFailed',
          toCapacity: 3,
          reason: expect.stringContaining(`SageMaker accepted the update, then the endpoint went ${status}`),
          endsActivity: true,
        }),
      ]);
      expect(logged.filter((line) => line.message === 'ScalingActivityFailed')).toHaveLength(1);
      const { state } = await store.load(targetKey(simple), '');
      expect(state).toMatchObject({ accepted: undefined, cooldowns: [], lastSetCapacity: undefined });
      // No loop: later ticks record nothing more and send nothing.
      await tick({}, lambdaContext('sagemaker-scaler-test-onTick', 'tick-2'));
      expect((await history()).map((r) => r.status)).toEqual(['Failed']);
      expect(endpoints.updates).toHaveLength(1);
      // Back InService at 3: the next alarm decides from 3 with no cooldown left over.
      endpoints.status = 'InService';
      const [fresh] = await handleAlarm(ports, alarm({ eventTime: T0 + 5 * MINUTE }), T0 + 5 * MINUTE);
      expect(fresh).toMatchObject({
        action: 'scale-out',
        fromCapacity: 3,
        toCapacity: 4,
        status: 'InProgress',
      });
    },
  );

  it('20: an endpoint found InService at another count than the one SageMaker accepted fails the activity', async () => {
    const { ports, endpoints, history } = setup();
    await handleAlarm(ports, alarm(), T0);
    endpoints.counts.set(V, 3);
    const [ended] = await handleTick(ports, T0 + MINUTE, 'tick-1');
    expect(ended).toMatchObject({ status: 'Failed', reasonCode: 'EndpointFailed', endsActivity: true });
    expect(ended?.reason).toContain('InService at 3, not 4');
    expect((await history()).map((r) => r.status)).toEqual(['Failed']);
  });

  it('20: while the endpoint is still Updating the activity stays InProgress; InService at the count ends it Successful', async () => {
    const { ports, endpoints, history } = setup();
    const [accepted] = await handleAlarm(ports, alarm(), T0);
    endpoints.status = 'Updating';
    await handleTick(ports, T0 + MINUTE, 'tick-1');
    expect((await history()).map((r) => r.status)).toEqual(['InProgress']);
    endpoints.status = 'InService';
    const [ended] = await handleTick(ports, T0 + 6 * MINUTE, 'tick-6');
    expect(ended).toMatchObject({
      activityId: accepted?.activityId,
      status: 'Successful',
      action: 'scale-out',
    });
    expect(await history()).toEqual([
      expect.objectContaining({
        status: 'Successful',
        startTime: T0,
        endTime: T0 + 6 * MINUTE,
        toCapacity: 4,
      }),
    ]);
  });

  it('21: desired equal to current makes no SageMaker call at all', async () => {
    const { ports, endpoints } = setup(simple, 10);
    await handleAlarm(ports, alarm(), T0);
    expect(endpoints.updates).toHaveLength(0);
  });

  it('22: with DynamoDB unavailable the function fails and SageMaker is never called', async () => {
    const { ports, endpoints } = setup();
    const down: ScalingStateStore = {
      load: async () => ({ processed: false }),
      loadStates: async () => new Map(),
      commit: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' });
      },
    };
    await expect(handleAlarm({ ...ports, store: down }, alarm(), T0)).rejects.toThrow('ECONNREFUSED');
    expect(endpoints.updates).toHaveLength(0);
  });

  it('23: two variants of one endpoint never race into a rejected update', async () => {
    const a = target({ variantName: 'A' });
    const b = target({ variantName: 'B' });
    const world = memoryRuntime({ targets: [a, b] }, { 'worked-example/A': 3, 'worked-example/B': 3 });
    const { endpoints, runtime } = world;
    // SageMaker: once an update is accepted the whole endpoint is Updating until the test says.
    const accept = endpoints.updateDesiredCapacity.bind(endpoints);
    let rejected = 0;
    endpoints.updateDesiredCapacity = async (name, updates) => {
      if (endpoints.status !== 'InService') {
        rejected += 1;
        throw new EndpointBusyError('Cannot update in-progress endpoint');
      }
      await accept(name, updates);
      endpoints.status = 'Updating';
    };
    const outcomes = (
      await Promise.all([handleAlarm(runtime.ports, alarm(), T0), handleAlarm(runtime.ports, alarm(), T0)])
    ).flat();
    expect(rejected).toBe(0);
    expect(endpoints.updates).toHaveLength(1);
    // The variant that lost the lease waits for the endpoint; the tick applies it once InService.
    const deferred = outcomes.filter((o) => o.action === 'deferred');
    expect(deferred.length).toBeGreaterThanOrEqual(1);
    expect(new Set(deferred.map((o) => o.targetKey)).size).toBe(1);
  });

  it('23b: after a model deployment resets the instance count, the next tick brings it back inside', async () => {
    const { ports, endpoints } = setup();
    endpoints.counts.set(V, 1);
    await handleTick(ports, T0, 'tick');
    expect(endpoints.counts.get(V)).toBe(2);
  });

  it('25: a bad configuration cannot start a function, so the running scaler keeps its last good one', () => {
    // What a bundle would carry had the package step not refused the file.
    const bad = parseConfigDocument(
      readFileSync('test/fixtures/config/invalid-five-errors.yml', 'utf8'),
      'bad.yml',
    );
    const env = { SCALER_TABLE_NAME: 'table', SCALER_CONFIG_DOCUMENT: JSON.stringify(bad) };
    expect(() => createRuntime(env, 'on-alarm')).toThrow(/targets\[0\]\.minCapacity: must be <= maxCapacity/);
  });
});
