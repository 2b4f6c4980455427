import { describe, expect, it } from 'vitest';
import { countActions, policyFigures, summarizeSimulation } from '../../../shared/sim/summary.ts';
import type { SimulatedMinute } from '../../../shared/sim/timeline.ts';
import type { EventOutcome } from '../../../shared/usecases/outcome.ts';

function minute(overrides: Partial<SimulatedMinute>): SimulatedMinute {
  return {
    time: 0,
    demand: 0,
    gap: false,
    servingInstances: 1,
    desiredInstances: 1,
    billedInstances: 1,
    servedRequests: 0,
    unservedRequests: 0,
    alarmStates: {},
    ...overrides,
  };
}

function outcome(overrides: Partial<EventOutcome>): EventOutcome {
  return {
    time: 0,
    eventId: 'e',
    eventKey: 'e',
    targetKey: 'endpoint/a/variant/v',
    action: 'none',
    fromCapacity: 1,
    toCapacity: 1,
    cause: '',
    reason: '',
    recorded: true,
    ...overrides,
  };
}

describe('simulation summary', () => {
  it('counts instance-hours from billed instances and under-provisioning outside gaps', () => {
    const figures = policyFigures(
      [
        minute({ demand: 100, servedRequests: 100, billedInstances: 2 }),
        minute({ demand: 300, servedRequests: 200, unservedRequests: 100, billedInstances: 3 }),
        minute({ gap: true, billedInstances: 1 }),
      ],
      { scalingActions: 1, deferredActions: 0 },
    );
    expect(figures).toEqual({
      minutes: 3,
      instanceHours: 6 / 60,
      underProvisionedMinutes: 1,
      underProvisionedPercent: 50,
      unservedRequests: 100,
      unservedPercent: 25,
      scalingActions: 1,
      deferredActions: 0,
    });
  });

  it('counts each accepted scale-out and scale-in once, and deferrals, but not shadow or not-scaled records', () => {
    const counts = countActions(
      [
        outcome({ activityId: 'a1', action: 'scale-out', status: 'InProgress' }),
        // The same activity ending when the endpoint is InService again.
        outcome({ activityId: 'a1', action: 'scale-out', status: 'Successful' }),
        outcome({ activityId: 'a2', action: 'scale-in', status: 'InProgress' }),
        outcome({ action: 'scale-out', status: 'Successful', shadow: true }),
        outcome({ action: 'deferred', status: 'Pending' }),
        outcome({ action: 'none', status: 'NotScaled' }),
        outcome({ action: 'scale-out', status: 'InProgress', targetKey: 'endpoint/b/variant/v' }),
      ],
      'endpoint/a/variant/v',
    );
    expect(counts).toEqual({ scalingActions: 2, deferredActions: 1 });
  });

  it('measures both fleets against the oracle', () => {
    const policy = [minute({ demand: 150, servedRequests: 150, billedInstances: 2 })];
    const baseline = [minute({ demand: 150, servedRequests: 100, unservedRequests: 50, billedInstances: 1 })];
    const summary = summarizeSimulation({
      policy,
      baseline,
      policyActions: { scalingActions: 0, deferredActions: 0 },
      baselineActions: { scalingActions: 0, deferredActions: 0 },
      baselineTargetValue: 80,
      baselineTargetSource: 'option',
      capacityPerInstance: 100,
      instanceStartupSeconds: 300,
      minCapacity: 1,
    });
    // 150 requests need 2 instances for the one minute.
    expect(summary.oracleInstanceHours).toBeCloseTo(2 / 60);
    expect(summary.costRatio).toBeCloseTo(1);
    expect(summary.baseline.costRatio).toBeCloseTo(0.5);
    expect(summary.baseline).toMatchObject({ targetValue: 80, targetValueSource: 'option' });
  });
});
