import { describe, expect, it } from 'vitest';
import { policyIssues, rawAlarm, rawConfig, rawPolicy, rawTarget, validOf } from './build.ts';

const steps = (...list: Array<[number | undefined, number | undefined, number]>) =>
  list.map(([lower, upper, scalingAdjustment]) => ({
    ...(lower === undefined ? {} : { metricIntervalLowerBound: lower }),
    ...(upper === undefined ? {} : { metricIntervalUpperBound: upper }),
    scalingAdjustment,
  }));

const P = 'targets[0].stepPolicies[0]';

describe('validateConfig: step scaling policy rules', () => {
  it('accepts the worked example steps, given in any order', () => {
    const scaleIn = rawPolicy({
      policyName: 'scale-in',
      alarmName: 'low',
      adjustmentType: 'PercentChangeInCapacity',
      stepAdjustments: steps([undefined, -20, -30], [-10, 0, 0], [-20, -10, -10]),
    });
    const { config } = validOf(rawConfig(rawTarget({ stepPolicies: [scaleIn] })));
    expect(config.targets[0]?.stepPolicies[0]?.stepAdjustments).toEqual([
      { metricIntervalUpperBound: -20, scalingAdjustment: -30 },
      { metricIntervalLowerBound: -10, metricIntervalUpperBound: 0, scalingAdjustment: 0 },
      { metricIntervalLowerBound: -20, metricIntervalUpperBound: -10, scalingAdjustment: -10 },
    ]);
  });

  it('treats a null bound as a missing one, as the AAS API does', () => {
    const { config } = validOf(
      rawConfig(
        rawTarget({
          stepPolicies: [
            rawPolicy({
              stepAdjustments: [
                { metricIntervalLowerBound: 0, metricIntervalUpperBound: null, scalingAdjustment: 1 },
              ],
            }),
          ],
        }),
      ),
    );
    expect(config.targets[0]?.stepPolicies[0]?.stepAdjustments).toEqual([
      { metricIntervalLowerBound: 0, scalingAdjustment: 1 },
    ]);
  });

  it('requires at least one step', () => {
    expect(policyIssues({ stepAdjustments: [] })).toEqual([
      { path: `${P}.stepAdjustments`, message: 'must hold at least one step (found an empty list)' },
    ]);
  });

  it('refuses overlapping steps and names the shared range', () => {
    expect(policyIssues({ stepAdjustments: steps([0, 200, 1], [100, undefined, 3]) })).toEqual([
      {
        path: `${P}.stepAdjustments[1]`,
        message: 'overlaps: stepAdjustments[0] (0 to 200) and this step (100 to +∞) both cover 100 to 200',
      },
    ]);
  });

  it('refuses a gap between steps and names the uncovered range', () => {
    expect(policyIssues({ stepAdjustments: steps([150, undefined, 3], [0, 100, 1]) })).toEqual([
      {
        path: `${P}.stepAdjustments[0]`,
        message:
          'leaves a gap: stepAdjustments[1] (0 to 100) and this step (150 to +∞) do not touch, so no step covers 100 to 150',
      },
    ]);
  });

  it('allows a missing lower bound on one step only', () => {
    const issues = policyIssues({ stepAdjustments: steps([undefined, -10, -2], [undefined, 0, -1]) });
    expect(issues).toEqual([
      {
        path: `${P}.stepAdjustments[1].metricIntervalLowerBound`,
        message: 'may be left out (minus infinity) on one step only (found also on stepAdjustments[0])',
      },
    ]);
  });

  it('allows a missing upper bound on one step only', () => {
    const issues = policyIssues({ stepAdjustments: steps([0, undefined, 1], [10, undefined, 2]) });
    expect(issues.map((issue) => issue.path)).toEqual([`${P}.stepAdjustments[1].metricIntervalUpperBound`]);
  });

  it('requires a step without lower bound when a lower bound is negative', () => {
    const issues = policyIssues({ stepAdjustments: steps([-20, -10, -2], [-10, 0, -1]) });
    expect(issues).toEqual([
      {
        path: `${P}.stepAdjustments[0].metricIntervalLowerBound`,
        message: expect.stringMatching(
          /^is negative \(found -20\), so one step must leave metricIntervalLowerBound out/,
        ),
      },
    ]);
  });

  it('requires a step without upper bound when an upper bound is positive', () => {
    const issues = policyIssues({ stepAdjustments: steps([0, 10, 1], [10, 20, 2]) });
    expect(issues.map((issue) => issue.path)).toEqual([`${P}.stepAdjustments[0].metricIntervalUpperBound`]);
    expect(issues[0]?.message).toMatch(/^is positive \(found 10\)/);
  });

  it('refuses a step with neither bound', () => {
    expect(policyIssues({ stepAdjustments: [{ scalingAdjustment: 1 }] })).toEqual([
      {
        path: `${P}.stepAdjustments[0]`,
        message: expect.stringMatching(
          /^must set metricIntervalLowerBound, metricIntervalUpperBound or both \(found neither\)/,
        ),
      },
    ]);
  });

  it('refuses a lower bound that is not below the upper bound', () => {
    expect(policyIssues({ stepAdjustments: steps([0, 100, 1], [100, 100, 2], [100, undefined, 3]) })).toEqual(
      [
        {
          path: `${P}.stepAdjustments[1].metricIntervalLowerBound`,
          message: 'must be < metricIntervalUpperBound (found 100 >= 100)',
        },
      ],
    );
  });

  it('refuses a fractional percent adjustment with a hint to write whole percents', () => {
    const issues = policyIssues({
      adjustmentType: 'PercentChangeInCapacity',
      stepAdjustments: steps([0, undefined, 0.2]),
    });
    expect(issues).toEqual([
      {
        path: `${P}.stepAdjustments[0].scalingAdjustment`,
        message: 'must be an integer (found 0.2): percent adjustments are whole numbers: write 20 for 20 %',
      },
    ]);
  });

  it('refuses a fractional percent above 1 without suggesting a multiplication', () => {
    const issues = policyIssues({
      adjustmentType: 'PercentChangeInCapacity',
      stepAdjustments: steps([0, undefined, 12.5]),
    });
    expect(issues[0]?.message).toBe(
      'must be an integer (found 12.5): percent adjustments are whole numbers (20 means 20 %)',
    );
  });

  it('refuses an infinite bound and says to leave it out instead', () => {
    const issues = policyIssues({ stepAdjustments: steps([0, Number.POSITIVE_INFINITY, 1]) });
    expect(issues).toEqual([
      {
        path: `${P}.stepAdjustments[0].metricIntervalUpperBound`,
        message: 'expected a finite number (leave the bound out for infinity), found Infinity',
      },
    ]);
  });

  it('refuses a fractional change in capacity', () => {
    expect(policyIssues({ stepAdjustments: steps([0, undefined, 1.5]) })[0]?.message).toBe(
      'must be an integer (found 1.5): capacity is counted in whole instances',
    );
  });

  it('refuses a negative ExactCapacity adjustment', () => {
    const issues = policyIssues({
      adjustmentType: 'ExactCapacity',
      stepAdjustments: steps([0, undefined, -1]),
    });
    expect(issues.map((issue) => issue.path)).toEqual([`${P}.stepAdjustments[0].scalingAdjustment`]);
    expect(issues[0]?.message).toMatch(/^must be >= 0 with ExactCapacity/);
  });

  it('accepts minAdjustmentMagnitude on a percent policy', () => {
    const policy = rawPolicy({ adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: 2 });
    expect(
      validOf(rawConfig(rawTarget({ stepPolicies: [policy] }))).config.targets[0]?.stepPolicies[0]
        ?.minAdjustmentMagnitude,
    ).toBe(2);
  });

  it('refuses minAdjustmentMagnitude on a policy that is not PercentChangeInCapacity', () => {
    expect(policyIssues({ minAdjustmentMagnitude: 2 })).toEqual([
      {
        path: `${P}.minAdjustmentMagnitude`,
        message: 'applies to PercentChangeInCapacity only (found with ChangeInCapacity)',
      },
    ]);
  });

  it('refuses a minAdjustmentMagnitude that is not a positive integer', () => {
    expect(policyIssues({ adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: 0 })).toEqual([
      { path: `${P}.minAdjustmentMagnitude`, message: 'must be a positive integer (found 0)' },
    ]);
    expect(
      policyIssues({ adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: 1.5 })[0]?.message,
    ).toBe('expected an integer, found 1.5');
  });

  it('refuses a negative or fractional cooldown', () => {
    expect(policyIssues({ cooldown: -5 })).toEqual([
      { path: `${P}.cooldown`, message: 'must be a non-negative number of seconds (found -5)' },
    ]);
    expect(policyIssues({ cooldown: 2.5 })).toEqual([
      { path: `${P}.cooldown`, message: 'expected an integer, found 2.5' },
    ]);
  });

  it('refuses steps below zero behind a GreaterThan alarm, which can never match', () => {
    const issues = policyIssues({
      alarm: rawAlarm(),
      stepAdjustments: steps([undefined, -10, -1], [-10, 0, 0], [0, undefined, 1]),
    });
    expect(issues).toEqual([
      {
        path: `${P}.stepAdjustments[0]`,
        message:
          "can never match: alarm 'orders-high' uses GreaterThanOrEqualToThreshold, so the breach delta is never negative, and this step (-∞ to -10) lies entirely below 0",
      },
    ]);
  });

  it('refuses a step ending at zero behind a strict GreaterThanThreshold alarm', () => {
    const issues = policyIssues({
      alarm: rawAlarm({ comparisonOperator: 'GreaterThanThreshold' }),
      stepAdjustments: steps([undefined, 0, 0], [0, undefined, 1]),
    });
    expect(issues.map((issue) => issue.path)).toEqual([`${P}.stepAdjustments[0]`]);
  });

  it('refuses steps above zero behind a LessThan alarm, which can never match', () => {
    const issues = policyIssues({
      alarm: rawAlarm({ comparisonOperator: 'LessThanOrEqualToThreshold' }),
      stepAdjustments: steps([undefined, 0, -1], [0, 10, 0], [10, undefined, 0]),
    });
    expect(issues.map((issue) => issue.path)).toEqual([`${P}.stepAdjustments[2]`]);
    expect(issues[0]?.message).toContain(
      'the breach delta is never positive, and this step (10 to +∞) lies entirely above 0',
    );
  });

  it('accepts a scale-in step (-∞, 0] behind a LessThanOrEqualToThreshold alarm', () => {
    const policy = rawPolicy({
      alarm: rawAlarm({ comparisonOperator: 'LessThanOrEqualToThreshold', threshold: 300 }),
      stepAdjustments: steps([undefined, 0, -1]),
    });
    expect(validOf(rawConfig(rawTarget({ stepPolicies: [policy] }))).config.targets).toHaveLength(1);
  });
});
