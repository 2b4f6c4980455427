import { describe, expect, it } from 'vitest';
import { issuesOf, rawAction, rawAlarm, rawConfig, rawPolicy, rawTarget, validOf } from './build.ts';

describe('validateConfig: target rules', () => {
  it('refuses minCapacity above maxCapacity, saying both values', () => {
    expect(issuesOf(rawConfig(rawTarget({ minCapacity: 6, maxCapacity: 2 })))).toEqual([
      { path: 'targets[0].minCapacity', message: 'must be <= maxCapacity (found 6 > 2)' },
    ]);
  });

  it('refuses a minCapacity of 0 and says scale to zero needs inference components', () => {
    const issues = issuesOf(rawConfig(rawTarget({ minCapacity: 0 })));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('targets[0].minCapacity');
    expect(issues[0]?.message).toMatch(
      /^must be at least 1 \(found 0\).*scale to zero needs inference components$/,
    );
  });

  it('refuses endpoint and variant names outside the SageMaker pattern', () => {
    const tooLong = 'a'.repeat(64);
    const issues = issuesOf(rawConfig(rawTarget({ endpointName: 'fraud_detector', variantName: tooLong })));
    expect(issues.map((issue) => issue.path)).toEqual(['targets[0].endpointName', 'targets[0].variantName']);
    expect(issues[0]?.message).toContain('found "fraud_detector"');
  });

  it('accepts hyphenated names of up to 63 characters', () => {
    const name = `a--${'b'.repeat(60)}`;
    expect(name).toHaveLength(63);
    expect(validOf(rawConfig(rawTarget({ endpointName: name }))).config.targets[0]?.endpointName).toBe(name);
  });

  it('refuses the same endpoint variant configured twice', () => {
    const issues = issuesOf(
      rawConfig(rawTarget(), rawTarget({ stepPolicies: [], scheduledActions: [rawAction()] })),
    );
    expect(issues).toEqual([
      {
        path: 'targets[1]',
        message: expect.stringMatching(
          /^duplicates targets\[0\]: endpoint\/orders\/variant\/AllTraffic is configured twice/,
        ),
      },
    ]);
  });

  it('refuses two policies with the same name in one target', () => {
    const target = rawTarget({ stepPolicies: [rawPolicy(), rawPolicy({ alarmName: 'other' })] });
    expect(issuesOf(rawConfig(target))).toEqual([
      {
        path: 'targets[0].stepPolicies[1].policyName',
        message: "duplicates the policyName 'scale-out' of targets[0].stepPolicies[0].policyName",
      },
    ]);
  });

  it('refuses one alarm driving two policies of one target', () => {
    const target = rawTarget({ stepPolicies: [rawPolicy(), rawPolicy({ policyName: 'second' })] });
    const issues = issuesOf(rawConfig(target));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('targets[0].stepPolicies[1].alarmName');
    expect(issues[0]?.message).toMatch(/^alarm 'orders-high' already drives targets\[0\]\.stepPolicies\[0\]/);
  });

  it('lets one external alarm drive policies of two different targets', () => {
    const other = rawTarget({ endpointName: 'payments' });
    expect(validOf(rawConfig(rawTarget(), other)).config.targets).toHaveLength(2);
  });

  it('refuses an alarm created by policies of two targets', () => {
    const policy = rawPolicy({ alarm: rawAlarm() });
    const issues = issuesOf(
      rawConfig(
        rawTarget({ stepPolicies: [policy] }),
        rawTarget({ endpointName: 'payments', stepPolicies: [policy] }),
      ),
    );
    expect(issues).toEqual([
      {
        path: 'targets[1].stepPolicies[0].alarm',
        message:
          "alarm 'orders-high' is already created by targets[0].stepPolicies[0].alarm: define each created alarm once",
      },
    ]);
  });

  it('refuses two scheduled actions with the same name in one target', () => {
    const target = rawTarget({ scheduledActions: [rawAction(), rawAction({ schedule: 'rate(1 day)' })] });
    expect(issuesOf(rawConfig(target))).toEqual([
      {
        path: 'targets[0].scheduledActions[1].scheduledActionName',
        message:
          "duplicates the scheduledActionName 'weekend-peak' of targets[0].scheduledActions[0].scheduledActionName",
      },
    ]);
  });
});
