/**
 * Builders of raw scaling.yml documents (as a YAML parser returns them) for the config tests:
 * each starts valid, and a test changes only the field it is about.
 */
import { expect } from 'vitest';
import type { ConfigIssue } from '../../../shared/config/index.ts';
import { validateConfig } from '../../../shared/config/index.ts';
import type { ScalingConfig } from '../../../shared/domain/model.ts';

type Raw = Record<string, unknown>;

export function rawPolicy(overrides: Raw = {}): Raw {
  return {
    policyName: 'scale-out',
    alarmName: 'orders-high',
    adjustmentType: 'ChangeInCapacity',
    stepAdjustments: [
      { metricIntervalLowerBound: 0, metricIntervalUpperBound: 200, scalingAdjustment: 1 },
      { metricIntervalLowerBound: 200, scalingAdjustment: 3 },
    ],
    ...overrides,
  };
}

export function rawAlarm(overrides: Raw = {}): Raw {
  return {
    metricName: 'InvocationsPerInstance',
    statistic: 'Sum',
    period: 60,
    evaluationPeriods: 3,
    threshold: 800,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    ...overrides,
  };
}

export function rawAction(overrides: Raw = {}): Raw {
  return {
    scheduledActionName: 'weekend-peak',
    schedule: 'cron(0 18 ? * FRI *)',
    scalableTargetAction: { minCapacity: 4, maxCapacity: 12 },
    ...overrides,
  };
}

export function rawTarget(overrides: Raw = {}): Raw {
  return {
    endpointName: 'orders',
    variantName: 'AllTraffic',
    minCapacity: 2,
    maxCapacity: 10,
    stepPolicies: [rawPolicy()],
    ...overrides,
  };
}

export function rawConfig(...targets: Raw[]): Raw {
  return { targets: targets.length === 0 ? [rawTarget()] : targets };
}

/** The config a valid document gives; fails the test with the issues otherwise. */
export function validOf(input: unknown): { config: ScalingConfig; warnings: ConfigIssue[] } {
  const result = validateConfig(input);
  if (!result.ok)
    expect.fail(
      `expected a valid config, got:\n${result.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`,
    );
  return { config: result.config, warnings: result.warnings };
}

/** The issues an invalid document gives; fails the test when it is valid. */
export function issuesOf(input: unknown): ConfigIssue[] {
  const result = validateConfig(input);
  if (result.ok) return expect.fail('expected validation to fail, but the config was accepted');
  return result.issues;
}

/** Issues of a config with one target holding one policy built from `overrides`. */
export function policyIssues(overrides: Raw): ConfigIssue[] {
  return issuesOf(rawConfig(rawTarget({ stepPolicies: [rawPolicy(overrides)] })));
}

/** Issues of a config with one target holding one scheduled action built from `overrides`. */
export function actionIssues(overrides: Raw, target: Raw = {}): ConfigIssue[] {
  return issuesOf(rawConfig(rawTarget({ scheduledActions: [rawAction(overrides)], ...target })));
}
