import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../../shared/ports/activity.ts';
import {
  desiredCountOf,
  type NativeActivity,
  nativeChanges,
  ourChanges,
} from '../../../shared/usecases/operate/compare-inputs.ts';

const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
const MIN = 60_000;

function record(minute: number, overrides: Partial<ActivityRecord>): ActivityRecord {
  return {
    activityId: `ours-${minute}`,
    targetKey: 'endpoint/recommender/variant/AllTraffic',
    endpointName: 'recommender',
    variantName: 'AllTraffic',
    eventId: `evt-${minute}`,
    eventKey: `evt-${minute}`,
    cause: 'alarm recommender-latency-high in state ALARM triggered policy recommender-out',
    startTime: T0 + minute * MIN,
    fromCapacity: 2,
    toCapacity: 3,
    action: 'scale-out',
    status: 'Successful',
    statusMessage: 'step 0..inf adds 1 (shadow mode: recorded, not applied)',
    shadow: true,
    ...overrides,
  };
}

function activity(minute: number, description: string, statusCode = 'Successful'): NativeActivity {
  return {
    activityId: `native-${minute}`,
    startTime: T0 + minute * MIN,
    description,
    cause:
      'monitor alarm TargetTracking-endpoint/recommender/variant/AllTraffic-AlarmHigh in state ALARM triggered policy tt',
    statusCode,
  };
}

describe('ourChanges', () => {
  it('keeps the scale-outs and scale-ins that were made or decided, oldest first', () => {
    const records = [
      record(9, { action: 'scale-in', fromCapacity: 3, toCapacity: 2 }),
      record(1, {}),
      record(2, { action: 'none', status: 'NotScaled', toCapacity: 2, reasonCode: 'CooldownInEffect' }),
      record(3, { action: 'failed', status: 'Failed', toCapacity: 2 }),
      record(4, { status: 'Overridden' }),
      record(5, { status: 'InProgress', shadow: undefined }),
      record(6, { action: 'deferred', status: 'Pending' }),
      record(7, { fromCapacity: 3, toCapacity: 3 }),
    ];
    expect(ourChanges(records).map((c) => [c.id, c.fromCount, c.toCount])).toEqual([
      ['ours-1', 2, 3],
      ['ours-5', 2, 3],
      ['ours-9', 3, 2],
    ]);
  });
});

describe('nativeChanges', () => {
  it('reads the count from AAS wording and chains each start count from the one before', () => {
    const read = nativeChanges(
      [
        activity(30, 'Setting desired instance count to 2.'),
        activity(5, 'Setting desired instance count to 4.'),
        activity(12, 'Setting desired instance count to 4.'), // already 4: no change
        activity(20, 'Setting desired instance count to 6.', 'Failed'),
      ],
      activity(-40, 'Setting desired instance count to 3.'),
    );
    expect(read.changes.map((c) => [c.id, c.fromCount, c.toCount])).toEqual([
      ['native-5', 3, 4],
      ['native-30', 4, 2],
    ]);
    expect(read.notChanges).toEqual({ Failed: 1 });
    expect(read.unreadable).toEqual([]);
  });

  it('leaves the first start count unknown without an earlier activity, and sets aside what it cannot read', () => {
    const odd = activity(8, 'Changing the weights of the variants.');
    const read = nativeChanges([activity(2, 'Setting desired instance count to 5.'), odd]);
    expect(read.changes.map((c) => [c.fromCount, c.toCount])).toEqual([[undefined, 5]]);
    expect(read.unreadable).toEqual([odd]);
  });

  it('reads the count regardless of case', () => {
    expect(desiredCountOf('Setting desired instance count to 12.')).toBe(12);
    expect(desiredCountOf('setting DESIRED INSTANCE COUNT to 0')).toBe(0);
    expect(desiredCountOf('Setting desired capacity')).toBeUndefined();
  });
});
