import { describe, expect, it } from 'vitest';
import { InMemoryStateStore } from '../../../shared/adapters/memory/memory-state-store.ts';
import { SequentialIds } from '../../../shared/adapters/memory/sequential-ids.ts';
import type { TargetConfig } from '../../../shared/domain/model.ts';
import { targetKey } from '../../../shared/domain/model.ts';
import { CapacityRejectedError, EndpointBusyError } from '../../../shared/ports/errors.ts';
import type { ScalerPorts } from '../../../shared/usecases/apply-intent.ts';
import { handleAlarm } from '../../../shared/usecases/handle-alarm.ts';
import { handleSchedule } from '../../../shared/usecases/handle-schedule.ts';
import { alarm, MINUTE, scheduled, T0, target } from '../../support/builders.ts';
import { ScriptedEndpoints } from '../../support/scripted-endpoints.ts';

const VARIANT = 'worked-example/AllTraffic';

function world(config: TargetConfig = target(), capacity = 3) {
  const endpoints = new ScriptedEndpoints({ [VARIANT]: capacity });
  const store = new InMemoryStateStore();
  const ports: ScalerPorts = { config: { targets: [config] }, endpoints, store, ids: new SequentialIds() };
  const history = () => store.listActivities(targetKey(config));
  return { ports, endpoints, store, history };
}

describe('the path of one alarm event', () => {
  it('scales out, records one activity InProgress until the endpoint shows it, and starts the cooldown', async () => {
    const { ports, endpoints, history, store } = world();
    const [outcome] = await handleAlarm(ports, alarm(), T0);
    expect(outcome).toMatchObject({
      action: 'scale-out',
      fromCapacity: 3,
      toCapacity: 4,
      status: 'InProgress',
    });
    expect(endpoints.updates).toEqual([
      { endpointName: 'worked-example', updates: [{ variantName: 'AllTraffic', desiredInstanceCount: 4 }] },
    ]);
    expect((await history()).map((r) => r.status)).toEqual(['InProgress']);
    const { state } = await store.load(targetKey(target()), 'x');
    expect(state).toMatchObject({ version: 2, lastSetCapacity: 4, inFlight: undefined });
    expect(state?.accepted).toMatchObject({
      activityId: outcome?.activityId,
      desiredCapacity: 4,
      acceptedAt: T0,
    });
    expect(state?.cooldowns).toHaveLength(1);
  });

  it('acts once on the same event id delivered twice', async () => {
    const { ports, endpoints, history } = world();
    const event = alarm();
    await handleAlarm(ports, event, T0);
    const [again] = await handleAlarm(ports, event, T0 + 5 * MINUTE);
    expect(again).toMatchObject({
      action: 'none',
      reasonCode: 'DuplicateEvent',
      recorded: false,
      fromCapacity: 4,
    });
    expect(endpoints.updates).toHaveLength(1);
    expect(await history()).toHaveLength(1);
  });

  it('does not call SageMaker when the desired count equals the current one', async () => {
    const { ports, endpoints } = world(target(), 10);
    const [outcome] = await handleAlarm(ports, alarm(), T0);
    expect(outcome).toMatchObject({
      action: 'none',
      reasonCode: 'AlreadyAtMaxCapacity',
      status: 'NotScaled',
    });
    expect(endpoints.updates).toHaveLength(0);
  });

  it('makes no second change when the function dies after SageMaker accepted and the event is retried', async () => {
    const { ports, endpoints, history } = world();
    endpoints.failNextUpdate(new Error('Task timed out after 30.00 seconds'), { afterApplying: true });
    const event = alarm();
    await expect(handleAlarm(ports, event, T0)).rejects.toThrow('Task timed out');
    const [retry] = await handleAlarm(ports, event, T0 + MINUTE);
    expect(retry).toMatchObject({ action: 'scale-out', toCapacity: 4, status: 'InProgress' });
    expect(endpoints.updates).toHaveLength(1);
    expect((await history()).map((r) => r.status)).toEqual(['InProgress']);
  });

  it('re-sends the same absolute count when the function died before SageMaker got it', async () => {
    const { ports, endpoints } = world();
    endpoints.failNextUpdate(new Error('socket hang up'));
    const event = alarm();
    await expect(handleAlarm(ports, event, T0)).rejects.toThrow('socket hang up');
    await handleAlarm(ports, event, T0 + MINUTE);
    expect(endpoints.updates.map((u) => u.updates[0]?.desiredInstanceCount)).toEqual([4]);
  });

  it('defers the change without a cooldown while the endpoint is Updating', async () => {
    const { ports, endpoints, store } = world();
    endpoints.status = 'Updating';
    const [outcome] = await handleAlarm(ports, alarm(), T0);
    expect(outcome).toMatchObject({
      action: 'deferred',
      reasonCode: 'EndpointNotInService',
      status: 'Pending',
    });
    const { state } = await store.load(targetKey(target()), 'x');
    expect(state?.deferred).toMatchObject({ desiredCapacity: 4, waitingFor: 'endpoint Updating' });
    expect(state?.cooldowns).toEqual([]);
    expect(endpoints.updates).toHaveLength(0);
  });

  it('defers and rolls the cooldown back when SageMaker rejects an update in progress', async () => {
    const { ports, endpoints, store } = world();
    endpoints.failNextUpdate(new EndpointBusyError('Cannot update in-progress endpoint'));
    const [outcome] = await handleAlarm(ports, alarm(), T0);
    expect(outcome).toMatchObject({ action: 'deferred', status: 'Pending' });
    const { state } = await store.load(targetKey(target()), 'x');
    expect(state).toMatchObject({ cooldowns: [], inFlight: undefined, lastSetCapacity: undefined });
    expect(state?.deferred?.desiredCapacity).toBe(4);
  });

  it('records a failed activity and no retry loop when SageMaker refuses the capacity', async () => {
    const { ports, endpoints, store } = world();
    endpoints.failNextUpdate(
      new CapacityRejectedError('ResourceLimitExceeded: account limit for ml.g5.xlarge'),
    );
    const [outcome] = await handleAlarm(ports, alarm(), T0);
    expect(outcome).toMatchObject({
      action: 'failed',
      status: 'Failed',
      toCapacity: 3,
      reasonCode: 'CapacityRejected',
    });
    const { state, processed } = await store.load(targetKey(target()), outcome?.eventKey ?? '');
    expect(processed).toBe(true);
    expect(state).toMatchObject({ cooldowns: [], deferred: undefined, inFlight: undefined });
  });

  it.each(['Failed', 'OutOfService', 'RollingBack'] as const)(
    'records a failed activity when the endpoint is %s',
    async (status) => {
      const { ports, endpoints } = world();
      endpoints.status = status;
      const [outcome] = await handleAlarm(ports, alarm(), T0);
      expect(outcome).toMatchObject({ action: 'failed', status: 'Failed', reasonCode: 'EndpointFailed' });
      expect(endpoints.updates).toHaveLength(0);
    },
  );

  it('records a failed activity for an endpoint that does not exist', async () => {
    const { ports, endpoints } = world();
    endpoints.counts.clear();
    const [outcome] = await handleAlarm(ports, alarm(), T0);
    expect(outcome).toMatchObject({ action: 'failed', status: 'Failed' });
    expect(outcome?.reason).toContain('Could not find variant AllTraffic of endpoint worked-example');
  });

  it('overrides a deferred intent when a newer decision supersedes it', async () => {
    const { ports, endpoints, history } = world();
    endpoints.status = 'Updating';
    await handleAlarm(ports, alarm(), T0);
    endpoints.status = 'InService';
    await handleAlarm(ports, alarm({ eventTime: T0 + MINUTE, value: 70 }), T0 + MINUTE);
    const statuses = (await history()).map((r) => `${r.status}:${r.toCapacity}`);
    expect(statuses).toEqual(['InProgress:4', 'Overridden:4']);
  });

  it('gives exactly one SageMaker update for 20 concurrent alarm events of one variant', async () => {
    const { ports, endpoints, history } = world();
    const events = Array.from({ length: 20 }, () => alarm());
    const outcomes = (await Promise.all(events.map((event) => handleAlarm(ports, event, T0)))).flat();
    expect(endpoints.updates).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'InProgress')).toHaveLength(1);
    expect(outcomes.filter((o) => o.reasonCode === 'CooldownInEffect')).toHaveLength(19);
    // One activity for the change (ended Successful by a later event that saw the endpoint at 4).
    expect((await history()).filter((r) => r.action === 'scale-out')).toHaveLength(1);
  });

  it('records decisions of a shadow target without touching the endpoint', async () => {
    const { ports, endpoints, history } = world(target({ mode: 'shadow' }));
    const [outcome] = await handleAlarm(ports, alarm(), T0);
    expect(outcome).toMatchObject({ action: 'scale-out', toCapacity: 4, shadow: true });
    expect(endpoints.updates).toHaveLength(0);
    expect((await history())[0]?.statusMessage).toContain('shadow mode');
  });

  it('answers an alarm no target uses without writing anything', async () => {
    const { ports, history } = world();
    const [outcome] = await handleAlarm(ports, alarm({ alarmName: 'nobody' }), T0);
    expect(outcome).toMatchObject({ reasonCode: 'UnknownAlarm', recorded: false });
    expect(await history()).toHaveLength(0);
  });

  it('records a configuration change of min/max in the history', async () => {
    const { ports, history } = world();
    await handleAlarm(ports, alarm(), T0);
    ports.config = { targets: [target({ maxCapacity: 12 })] };
    await handleAlarm(ports, alarm({ eventTime: T0 + 10 * MINUTE }), T0 + 10 * MINUTE);
    expect((await history()).some((r) => r.reasonCode === 'ConfigurationChanged')).toBe(true);
  });
});

describe('the path of one scheduled action', () => {
  const config = target({
    minCapacity: 2,
    maxCapacity: 10,
    scheduledActions: [
      {
        scheduledActionName: 'peak',
        schedule: 'cron(0 18 ? * FRI *)',
        timezone: 'Europe/Berlin',
        scalableTargetAction: { minCapacity: 6, maxCapacity: 12 },
      },
    ],
  });

  it('acts once when the Scheduler retries a slot with a new execution id', async () => {
    const { ports, endpoints } = world(config);
    const [first] = await handleSchedule(ports, scheduled({ eventId: 'exec-a' }), T0);
    const [retry] = await handleSchedule(ports, scheduled({ eventId: 'exec-b' }), T0 + MINUTE);
    expect(first).toMatchObject({ action: 'scale-out', toCapacity: 6 });
    expect(retry).toMatchObject({ reasonCode: 'DuplicateEvent', recorded: false });
    expect(endpoints.updates).toHaveLength(1);
  });

  it('reads as done when capacity was already inside the bounds it set', async () => {
    const { ports, endpoints, history } = world(config, 8);
    const [outcome] = await handleSchedule(ports, scheduled(), T0);
    expect(outcome).toMatchObject({ action: 'none', reasonCode: 'CapacityWithinNewBounds' });
    expect(endpoints.updates).toEqual([]);
    expect((await history()).map((r) => [r.status, r.statusMessage])).toEqual([
      ['Successful', 'min/max set to [6, 12]; capacity 8 is inside'],
    ]);
  });

  it('reads as done, not Overridden, when a newer decision takes over the move it deferred', async () => {
    const { ports, endpoints, history } = world(config);
    endpoints.status = 'Updating';
    await handleSchedule(ports, scheduled(), T0);
    expect((await history()).map((r) => r.status)).toEqual(['Pending']);
    endpoints.status = 'InService';
    // The high alarm asks +1 from 3, inside the new bounds [6, 12]: 6.
    await handleAlarm(ports, alarm({ eventTime: T0 + MINUTE }), T0 + MINUTE);
    const records = await history();
    const scheduledRecord = records.find((r) => r.scheduledActionName === 'peak');
    expect(scheduledRecord).toMatchObject({
      status: 'Successful',
      action: 'none',
      statusMessage:
        'min/max set to [6, 12]; the move 3 -> 6 waited for the endpoint and was taken over by a newer decision for 6',
    });
    expect(records.map((r) => r.status)).not.toContain('Overridden');
    expect(endpoints.updates.map((u) => u.updates[0]?.desiredInstanceCount)).toEqual([6]);
  });

  it('reports a target scaling.yml does not have', async () => {
    const { ports } = world(config);
    const [outcome] = await handleSchedule(ports, scheduled({ endpointName: 'other' }), T0);
    expect(outcome).toMatchObject({ reasonCode: 'UnknownScheduledAction', recorded: false });
  });
});
