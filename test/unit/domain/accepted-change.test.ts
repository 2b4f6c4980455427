import { describe, expect, it } from 'vitest';
import { endAcceptedChange } from '../../../shared/domain/settle.ts';
import type { AcceptedChange, CooldownWindow } from '../../../shared/domain/state.ts';
import { MINUTE, stateOf, T0, target } from '../../support/builders.ts';

const config = target({ minCapacity: 2, maxCapacity: 10 });

const before: CooldownWindow = {
  policyName: 'in',
  direction: 'in',
  startedAt: T0 - 10 * MINUTE,
  endsAt: T0 + 10 * MINUTE,
  baselineCapacity: 5,
  targetCapacity: 4,
};
const started: CooldownWindow = {
  policyName: 'out',
  direction: 'out',
  startedAt: T0,
  endsAt: T0 + 5 * MINUTE,
  baselineCapacity: 3,
  targetCapacity: 4,
};

function change(overrides: Partial<AcceptedChange> = {}): AcceptedChange {
  return {
    activityId: 'act-1',
    eventKey: 'evt-1',
    decidedAt: T0,
    activityStart: T0,
    acceptedAt: T0,
    fromCapacity: 3,
    desiredCapacity: 4,
    cause: 'alarm high in state ALARM triggered policy out',
    reason: '+1',
    rollback: { cooldowns: [before], lastSetCapacity: 3 },
    ...overrides,
  };
}

/** A target whose scale-out to 4 SageMaker accepted, its cooldown running. */
const accepted = (overrides: Partial<AcceptedChange> = {}) =>
  stateOf(config, { accepted: change(overrides), lastSetCapacity: 4, cooldowns: [started] });

describe('the end of an accepted change', () => {
  it('is nothing to end when no change was accepted', () => {
    expect(endAcceptedChange(stateOf(config), { endpointStatus: 'InService', desiredInstanceCount: 3 })).toBe(
      undefined,
    );
  });

  it('succeeds when the endpoint is InService at the count it asked for, keeping its cooldown', () => {
    const end = endAcceptedChange(accepted(), { endpointStatus: 'InService', desiredInstanceCount: 4 });
    expect(end?.kind).toBe('successful');
    expect(end?.change.activityId).toBe('act-1');
    expect(end?.state).toMatchObject({ accepted: undefined, lastSetCapacity: 4, cooldowns: [started] });
  });

  it.each(['RollingBack', 'UpdateRollbackFailed', 'Failed', 'OutOfService'])(
    'fails when the endpoint went %s, and restores the cooldowns and last set capacity from before it',
    (endpointStatus) => {
      const end = endAcceptedChange(accepted(), { endpointStatus, desiredInstanceCount: 4 });
      expect(end).toMatchObject({
        kind: 'failed',
        why: `SageMaker accepted the update, then the endpoint went ${endpointStatus}`,
      });
      expect(end?.state).toMatchObject({ accepted: undefined, lastSetCapacity: 3, cooldowns: [before] });
    },
  );

  it('fails when the endpoint is InService at another count (rolled back, or changed by someone else)', () => {
    const end = endAcceptedChange(accepted(), { endpointStatus: 'InService', desiredInstanceCount: 3 });
    expect(end).toMatchObject({ kind: 'failed' });
    expect(end?.kind === 'failed' && end.why).toContain('InService at 3, not 4');
  });

  it('keeps the state it has when the change carries nothing to restore', () => {
    const end = endAcceptedChange(accepted({ rollback: undefined }), {
      endpointStatus: 'RollingBack',
      desiredInstanceCount: 4,
    });
    expect(end?.state).toMatchObject({ accepted: undefined, lastSetCapacity: 4, cooldowns: [started] });
  });
});
