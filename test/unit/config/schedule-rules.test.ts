import { describe, expect, it } from 'vitest';
import { actionIssues, rawAction, rawConfig, rawTarget, validOf } from './build.ts';

const S = 'targets[0].scheduledActions[0]';

function validAction(overrides: Record<string, unknown>) {
  const { config } = validOf(rawConfig(rawTarget({ scheduledActions: [rawAction(overrides)] })));
  return config.targets[0]?.scheduledActions[0];
}

describe('validateConfig: scheduled action rules', () => {
  it('reports the schedule parser errors under .schedule', () => {
    const issues = actionIssues({ schedule: 'cron(0 8 1 * MON *)' });
    expect(issues.map((issue) => issue.path)).toEqual([`${S}.schedule`]);
    expect(issues[0]?.message).toMatch(/day-of-month|day-of-week/);
  });

  it('refuses a schedule that is neither at, rate nor cron', () => {
    expect(actionIssues({ schedule: 'every friday' }).map((issue) => issue.path)).toEqual([`${S}.schedule`]);
  });

  it('accepts a rate() action without any extra field', () => {
    expect(validAction({ schedule: 'rate(6 hours)' })?.schedule).toBe('rate(6 hours)');
  });

  it('refuses an unknown time zone', () => {
    expect(actionIssues({ timezone: 'Europe/Atlantis' })).toEqual([
      {
        path: `${S}.timezone`,
        message: 'expected an IANA time zone name such as UTC or Europe/Berlin, found "Europe/Atlantis"',
      },
    ]);
  });

  it('accepts an IANA time zone', () => {
    expect(validAction({ timezone: 'Europe/Berlin' })?.timezone).toBe('Europe/Berlin');
  });

  it('converts ISO-8601 strings and YAML dates to epoch milliseconds', () => {
    const action = validAction({
      startTime: '2026-01-01T00:00:00Z',
      endTime: new Date('2027-01-01T00:00:00Z'),
    });
    expect(action?.startTime).toBe(Date.UTC(2026, 0, 1));
    expect(action?.endTime).toBe(Date.UTC(2027, 0, 1));
  });

  it('accepts an explicit offset', () => {
    expect(validAction({ startTime: '2026-01-01T01:00:00+01:00' })?.startTime).toBe(Date.UTC(2026, 0, 1));
  });

  it('refuses an instant without its zone, or that does not exist', () => {
    for (const startTime of ['2026-01-01T00:00:00', '2026-02-30T00:00:00Z', 'tomorrow', 20260101]) {
      const issues = actionIssues({ startTime });
      expect(issues.map((issue) => issue.path)).toEqual([`${S}.startTime`]);
      expect(issues[0]?.message).toMatch(
        /^expected an ISO-8601 instant with its zone, such as 2026-01-01T00:00:00Z, found /,
      );
    }
  });

  it('refuses an endTime that is not after startTime', () => {
    expect(actionIssues({ startTime: '2027-01-01T00:00:00Z', endTime: '2026-01-01T00:00:00Z' })).toEqual([
      {
        path: `${S}.endTime`,
        message: 'must be after startTime (found 2026-01-01T00:00:00.000Z <= 2027-01-01T00:00:00.000Z)',
      },
    ]);
  });

  it('requires minCapacity or maxCapacity in scalableTargetAction', () => {
    expect(actionIssues({ scalableTargetAction: {} })).toEqual([
      {
        path: `${S}.scalableTargetAction`,
        message: 'must set minCapacity, maxCapacity or both (found neither)',
      },
    ]);
  });

  it('refuses scheduled capacities below 1 or not integers', () => {
    expect(actionIssues({ scalableTargetAction: { minCapacity: 0, maxCapacity: 4 } })).toEqual([
      { path: `${S}.scalableTargetAction.minCapacity`, message: 'must be at least 1 (found 0)' },
    ]);
    expect(actionIssues({ scalableTargetAction: { maxCapacity: 4.5 } })).toEqual([
      { path: `${S}.scalableTargetAction.maxCapacity`, message: 'expected an integer, found 4.5' },
    ]);
  });

  it('refuses a scheduled min above the scheduled max', () => {
    expect(actionIssues({ scalableTargetAction: { minCapacity: 8, maxCapacity: 4 } })).toEqual([
      { path: `${S}.scalableTargetAction.minCapacity`, message: 'must be <= maxCapacity (found 8 > 4)' },
    ]);
  });

  it('requires maxCapacity too when a lone minCapacity exceeds the file max', () => {
    const issues = actionIssues({ scalableTargetAction: { minCapacity: 12 } });
    expect(issues.map((issue) => issue.path)).toEqual([`${S}.scalableTargetAction.minCapacity`]);
    expect(issues[0]?.message).toMatch(
      /^exceeds the target's maxCapacity \(found 12 > 10\): if the current max is below the new min, both must be given/,
    );
  });

  it('requires minCapacity too when a lone maxCapacity is below the file min', () => {
    const issues = actionIssues({ scalableTargetAction: { maxCapacity: 1 } });
    expect(issues.map((issue) => issue.path)).toEqual([`${S}.scalableTargetAction.maxCapacity`]);
    expect(issues[0]?.message).toMatch(/^is below the target's minCapacity \(found 1 < 2\)/);
  });

  it('accepts a lone minCapacity within the file max', () => {
    expect(validAction({ scalableTargetAction: { minCapacity: 10 } })?.scalableTargetAction).toEqual({
      minCapacity: 10,
    });
  });

  it('refuses a scheduled action name AAS would refuse', () => {
    expect(actionIssues({ scheduledActionName: 'peak:friday' }).map((issue) => issue.path)).toEqual([
      `${S}.scheduledActionName`,
    ]);
    expect(actionIssues({ scheduledActionName: ' peak' }).map((issue) => issue.path)).toEqual([
      `${S}.scheduledActionName`,
    ]);
  });
});
