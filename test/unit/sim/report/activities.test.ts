import { describe, expect, it } from 'vitest';
import { scalingActivities } from '../../../../shared/sim/report/activities.ts';
import type { EventOutcome } from '../../../../shared/usecases/outcome.ts';

function outcome(overrides: Partial<EventOutcome>): EventOutcome {
  return {
    time: Date.UTC(1995, 6, 13, 12, 5),
    eventId: 'e',
    eventKey: 'e',
    targetKey: 'endpoint/a/variant/v',
    activityId: 'act-1',
    action: 'none',
    fromCapacity: 2,
    toCapacity: 2,
    cause: '',
    reason: '',
    recorded: true,
    ...overrides,
  };
}

describe("the report's scaling activities", () => {
  it('counts and lists a change once, not again when the endpoint confirms it; a rolled-back end is listed', () => {
    const html = scalingActivities([
      outcome({ action: 'scale-out', status: 'InProgress', toCapacity: 5, reason: 'step +3' }),
      outcome({ action: 'none', status: 'NotScaled', reasonCode: 'CooldownInEffect' }),
      outcome({
        action: 'scale-out',
        status: 'Successful',
        toCapacity: 5,
        reason: 'step +3',
        endsActivity: true,
      }),
      outcome({
        activityId: 'act-2',
        action: 'failed',
        status: 'Failed',
        reason: 'endpoint went RollingBack',
        endsActivity: true,
      }),
    ]);
    expect(html).toContain('1 scale-out · 1 none · 1 failed.');
    expect(html.match(/<tr class="action-scale-out">/g)).toHaveLength(1);
    expect(html).toContain('endpoint went RollingBack');
    expect(html).toContain('All 4 outcomes are in activities.jsonl.');
  });
});
