import { describe, expect, it } from 'vitest';
import {
  CapacityRejectedError,
  EndpointBusyError,
  EndpointNotFoundError,
} from '../../../../shared/ports/errors.ts';
import { SimulatedEndpointFleet } from '../../../../shared/sim/fleet/simulated-endpoint.ts';

const T0 = Date.parse('2026-01-05T10:00:00Z');
const MINUTE = 60_000;

function fleetOf(count = 2, options = {}) {
  const fleet = new SimulatedEndpointFleet(options);
  const variant = fleet.seedVariant('shop', 'AllTraffic', count);
  fleet.advanceTo(T0);
  return { fleet, variant };
}

describe('simulated endpoint fleet', () => {
  it('serves a seeded variant from the start, InService', async () => {
    const { fleet, variant } = fleetOf(2);
    expect(await fleet.describeVariant('shop', 'AllTraffic')).toEqual({
      endpointStatus: 'InService',
      desiredInstanceCount: 2,
      currentInstanceCount: 2,
    });
    expect(variant.servingDuring(T0)).toBe(2);
    expect(variant.billedDuring(T0)).toBe(2);
  });

  it('moves DesiredInstanceCount at once on a scale-out; new instances serve after the start-up', async () => {
    const { fleet, variant } = fleetOf(2);
    await fleet.updateDesiredCapacity('shop', [{ variantName: 'AllTraffic', desiredInstanceCount: 5 }]);
    expect(await fleet.describeVariant('shop', 'AllTraffic')).toMatchObject({
      endpointStatus: 'Updating',
      desiredInstanceCount: 5,
      currentInstanceCount: 2,
    });
    fleet.advanceTo(T0 + 4 * MINUTE);
    expect(variant.servingDuring(T0 + 4 * MINUTE)).toBe(2);
    fleet.advanceTo(T0 + 5 * MINUTE);
    expect(variant.servingDuring(T0 + 5 * MINUTE)).toBe(5);
    expect(await fleet.describeVariant('shop', 'AllTraffic')).toMatchObject({
      endpointStatus: 'InService',
      currentInstanceCount: 5,
    });
  });

  it('bills new instances from the moment they are asked for, start-up included', async () => {
    const { fleet, variant } = fleetOf(2);
    await fleet.updateDesiredCapacity('shop', [{ variantName: 'AllTraffic', desiredInstanceCount: 3 }]);
    expect(variant.billedDuring(T0)).toBe(3);
    expect(variant.servingDuring(T0)).toBe(2);
  });

  it('counts a start-up that ends mid-minute for the part of the minute it serves', async () => {
    const { fleet, variant } = fleetOf(1, { instanceStartupSeconds: 90 });
    await fleet.updateDesiredCapacity('shop', [{ variantName: 'AllTraffic', desiredInstanceCount: 2 }]);
    expect(variant.servingDuring(T0 + MINUTE)).toBe(1.5);
  });

  it("refuses a second update while Updating with SageMaker's in-progress wording", async () => {
    const { fleet } = fleetOf(2);
    await fleet.updateDesiredCapacity('shop', [{ variantName: 'AllTraffic', desiredInstanceCount: 3 }]);
    fleet.advanceTo(T0 + MINUTE);
    const refusal = fleet.updateDesiredCapacity('shop', [
      { variantName: 'AllTraffic', desiredInstanceCount: 4 },
    ]);
    await expect(refusal).rejects.toBeInstanceOf(EndpointBusyError);
    await expect(refusal).rejects.toThrow(
      'Cannot update in-progress endpoint "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/shop".',
    );
    expect(fleet.updates).toHaveLength(1);
  });

  it('shares the update lock between the variants of one endpoint', async () => {
    const fleet = new SimulatedEndpointFleet();
    fleet.seedVariant('shop', 'A', 1);
    fleet.seedVariant('shop', 'B', 1);
    fleet.seedVariant('other', 'A', 1);
    fleet.advanceTo(T0);
    await fleet.updateDesiredCapacity('shop', [{ variantName: 'A', desiredInstanceCount: 2 }]);
    await expect(
      fleet.updateDesiredCapacity('shop', [{ variantName: 'B', desiredInstanceCount: 2 }]),
    ).rejects.toBeInstanceOf(EndpointBusyError);
    await expect(
      fleet.updateDesiredCapacity('other', [{ variantName: 'A', desiredInstanceCount: 2 }]),
    ).resolves.toBeUndefined();
  });

  it('drains a scale-in: the removed instances serve and bill until the drain ends, the endpoint Updating', async () => {
    const { fleet, variant } = fleetOf(4);
    await fleet.updateDesiredCapacity('shop', [{ variantName: 'AllTraffic', desiredInstanceCount: 1 }]);
    expect(await fleet.describeVariant('shop', 'AllTraffic')).toMatchObject({
      endpointStatus: 'Updating',
      desiredInstanceCount: 1,
      currentInstanceCount: 4,
    });
    expect(variant.billedDuring(T0)).toBe(4);
    fleet.advanceTo(T0 + MINUTE);
    expect(variant.billedDuring(T0 + MINUTE)).toBe(1);
    expect(await fleet.describeVariant('shop', 'AllTraffic')).toMatchObject({
      endpointStatus: 'InService',
      currentInstanceCount: 1,
    });
  });

  it('answers an unknown endpoint or variant as SageMaker does', async () => {
    const { fleet } = fleetOf(1);
    await expect(fleet.describeVariant('nope', 'AllTraffic')).rejects.toThrow(
      'Could not find endpoint "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/nope".',
    );
    await expect(
      fleet.updateDesiredCapacity('shop', [{ variantName: 'Blue', desiredInstanceCount: 1 }]),
    ).rejects.toBeInstanceOf(EndpointNotFoundError);
  });

  it('lets a test inject failures and hold the endpoint in a status', async () => {
    const { fleet } = fleetOf(2);
    fleet.injectUpdateFailure(({ updates }) =>
      (updates[0]?.desiredInstanceCount ?? 0) > 8
        ? new CapacityRejectedError('ResourceLimitExceeded')
        : undefined,
    );
    await expect(
      fleet.updateDesiredCapacity('shop', [{ variantName: 'AllTraffic', desiredInstanceCount: 9 }]),
    ).rejects.toBeInstanceOf(CapacityRejectedError);
    fleet.holdStatus('shop', 'Updating', T0 + 10 * MINUTE);
    expect(fleet.endpointStatus('shop')).toBe('Updating');
    await expect(
      fleet.updateDesiredCapacity('shop', [{ variantName: 'AllTraffic', desiredInstanceCount: 3 }]),
    ).rejects.toBeInstanceOf(EndpointBusyError);
    fleet.advanceTo(T0 + 10 * MINUTE);
    expect(fleet.endpointStatus('shop')).toBe('InService');
  });

  it('never lets the clock go back', () => {
    const { fleet } = fleetOf(1);
    expect(() => fleet.advanceTo(T0 - 1)).toThrow(RangeError);
  });
});
