import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../shared/config/index.ts';
import { issuesOf, rawAlarm, rawConfig, rawPolicy, rawTarget, validOf } from './build.ts';

describe('validateConfig: structure and defaults', () => {
  it('applies the AAS defaults to everything left out', () => {
    const { config } = validOf(
      rawConfig(
        rawTarget({
          stepPolicies: [rawPolicy({ alarm: rawAlarm() })],
          scheduledActions: [
            { scheduledActionName: 'a', schedule: 'rate(1 day)', scalableTargetAction: { minCapacity: 3 } },
          ],
        }),
      ),
    );
    const target = config.targets[0];
    expect(target?.mode).toBe('active');
    expect(target?.suspendedState).toEqual({
      dynamicScalingInSuspended: false,
      dynamicScalingOutSuspended: false,
      scheduledScalingSuspended: false,
    });
    const policy = target?.stepPolicies[0];
    expect(policy?.cooldown).toBe(300);
    expect(policy?.metricAggregationType).toBe('Average');
    expect(policy?.alarm).toMatchObject({
      namespace: 'AWS/SageMaker',
      datapointsToAlarm: 3,
      treatMissingData: 'missing',
    });
    expect(target?.scheduledActions[0]?.timezone).toBe('UTC');
  });

  it('defaults stepPolicies and scheduledActions to empty lists and warns that nothing will scale', () => {
    const { config, warnings } = validOf(rawConfig(rawTarget({ stepPolicies: undefined })));
    expect(config.targets[0]?.stepPolicies).toEqual([]);
    expect(config.targets[0]?.scheduledActions).toEqual([]);
    expect(warnings).toEqual([
      { path: 'targets[0]', message: expect.stringContaining('nothing will ever scale it') },
    ]);
  });

  it('keeps each suspension flag given and defaults the others to false', () => {
    const { config } = validOf(
      rawConfig(rawTarget({ suspendedState: { dynamicScalingOutSuspended: true } })),
    );
    expect(config.targets[0]?.suspendedState).toEqual({
      dynamicScalingInSuspended: false,
      dynamicScalingOutSuspended: true,
      scheduledScalingSuspended: false,
    });
  });

  it('rejects an unknown field instead of defaulting, and suggests the field meant', () => {
    const issues = issuesOf(rawConfig(rawTarget({ stepPolicies: [rawPolicy({ cooldwon: 60 })] })));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('targets[0].stepPolicies[0].cooldwon');
    expect(issues[0]?.message).toMatch(
      /^unknown field 'cooldwon' \(expected one of policyName, alarmName, .*cooldown.*\); did you mean 'cooldown'\?$/,
    );
  });

  it('rejects unknown fields at every level, each with the fields that level knows', () => {
    const target = rawTarget({
      suspendedState: { scheduledSuspended: true },
      stepPolicies: [
        rawPolicy({
          alarm: rawAlarm({ dimensions: [] }),
          stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1, extra: 1 }],
        }),
      ],
    });
    const issues = issuesOf({ targets: [target], version: 2 });
    expect(issues.map((issue) => issue.path)).toEqual([
      'version',
      'targets[0].suspendedState.scheduledSuspended',
      'targets[0].stepPolicies[0].alarm.dimensions',
      'targets[0].stepPolicies[0].stepAdjustments[0].extra',
    ]);
    expect(issues[1]?.message).toContain(
      'expected one of dynamicScalingInSuspended, dynamicScalingOutSuspended, scheduledScalingSuspended',
    );
    expect(issues[3]?.message).toContain(
      'expected one of metricIntervalLowerBound, metricIntervalUpperBound, scalingAdjustment',
    );
  });

  it('says what was expected and what was found for a wrong type or a missing field', () => {
    const issues = issuesOf(
      rawConfig(rawTarget({ minCapacity: '2', maxCapacity: undefined, mode: 'dry-run' })),
    );
    expect(issues).toEqual([
      { path: 'targets[0].minCapacity', message: 'expected an integer, found "2"' },
      {
        path: 'targets[0].maxCapacity',
        message: 'expected an integer, found nothing (the field is missing)',
      },
      { path: 'targets[0].mode', message: "expected one of 'active', 'shadow', found \"dry-run\"" },
    ]);
  });

  it('requires integer capacities', () => {
    expect(issuesOf(rawConfig(rawTarget({ maxCapacity: 2.5 })))).toEqual([
      { path: 'targets[0].maxCapacity', message: 'expected an integer, found 2.5' },
    ]);
  });

  it('refuses an empty targets list', () => {
    expect(issuesOf({ targets: [] })).toEqual([
      { path: 'targets', message: 'must list at least one target (found an empty list)' },
    ]);
  });

  it('refuses an empty document and a document that is not a mapping', () => {
    expect(issuesOf(null)[0]?.message).toContain('found an empty document');
    expect(issuesOf('targets')).toEqual([{ path: '(root)', message: 'expected a mapping, found "targets"' }]);
  });

  it('still checks the targets when the top level has a problem', () => {
    const issues = issuesOf({ targets: [rawTarget({ minCapacity: 0 })], targetz: [] });
    expect(issues.map((issue) => issue.path)).toEqual(['targetz', 'targets[0].minCapacity']);
  });

  it('still checks policies and scheduled actions when a target field is broken', () => {
    const issues = issuesOf(
      rawConfig(rawTarget({ maxCapacity: 'ten', stepPolicies: [rawPolicy({ cooldown: -1 })] })),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'targets[0].maxCapacity',
      'targets[0].stepPolicies[0].cooldown',
    ]);
  });

  it('never throws, whatever the input', () => {
    for (const input of [undefined, 42, [], { targets: 'x' }, { targets: [null, 1, []] }]) {
      expect(validateConfig(input).ok).toBe(false);
    }
  });
});
