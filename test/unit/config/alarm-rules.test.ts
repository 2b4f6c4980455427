import { describe, expect, it } from 'vitest';
import { policyIssues, rawAlarm, rawConfig, rawPolicy, rawTarget, validOf } from './build.ts';

const A = 'targets[0].stepPolicies[0].alarm';

function alarmIssues(overrides: Record<string, unknown>) {
  return policyIssues({ alarm: rawAlarm(overrides) });
}

function validAlarm(overrides: Record<string, unknown>) {
  return validOf(rawConfig(rawTarget({ stepPolicies: [rawPolicy({ alarm: rawAlarm(overrides) })] })));
}

describe('validateConfig: alarm block rules', () => {
  it('accepts periods of 10, 20, 30 and multiples of 60 seconds', () => {
    for (const period of [10, 20, 30, 60, 300, 3600]) {
      expect(
        validAlarm({ period, evaluationPeriods: 1 }).config.targets[0]?.stepPolicies[0]?.alarm?.period,
      ).toBe(period);
    }
  });

  it('refuses any other period', () => {
    expect(alarmIssues({ period: 45 })).toEqual([
      { path: `${A}.period`, message: 'must be 10, 20, 30 or a multiple of 60 seconds (found 45)' },
    ]);
    expect(alarmIssues({ period: 0 }).map((issue) => issue.path)).toEqual([`${A}.period`]);
  });

  it('refuses fewer than one evaluation period', () => {
    expect(alarmIssues({ evaluationPeriods: 0 })).toEqual([
      { path: `${A}.evaluationPeriods`, message: 'must be at least 1 (found 0)' },
    ]);
  });

  it('refuses datapointsToAlarm outside 1..evaluationPeriods', () => {
    expect(alarmIssues({ evaluationPeriods: 3, datapointsToAlarm: 4 })).toEqual([
      { path: `${A}.datapointsToAlarm`, message: 'must be between 1 and evaluationPeriods 3 (found 4)' },
    ]);
    expect(alarmIssues({ datapointsToAlarm: 0 }).map((issue) => issue.path)).toEqual([
      `${A}.datapointsToAlarm`,
    ]);
  });

  it('defaults datapointsToAlarm to evaluationPeriods and keeps an M-of-N alarm as given', () => {
    expect(
      validAlarm({ evaluationPeriods: 5 }).config.targets[0]?.stepPolicies[0]?.alarm?.datapointsToAlarm,
    ).toBe(5);
    expect(
      validAlarm({ evaluationPeriods: 5, datapointsToAlarm: 3 }).config.targets[0]?.stepPolicies[0]?.alarm
        ?.datapointsToAlarm,
    ).toBe(3);
  });

  it('refuses more than one day of evaluation for a period under an hour', () => {
    expect(validAlarm({ period: 60, evaluationPeriods: 1440 }).config.targets).toHaveLength(1);
    expect(alarmIssues({ period: 60, evaluationPeriods: 1441 })).toEqual([
      {
        path: `${A}.evaluationPeriods`,
        message:
          'period × evaluationPeriods must be at most 86400 s (one day, for a period under an hour) (found 60 × 1441 = 86460)',
      },
    ]);
  });

  it('allows up to seven days of evaluation for periods of an hour or more', () => {
    expect(validAlarm({ period: 3600, evaluationPeriods: 168 }).config.targets).toHaveLength(1);
    expect(alarmIssues({ period: 3600, evaluationPeriods: 169 })[0]?.message).toMatch(
      /at most 604800 s \(seven days\)/,
    );
  });

  it('accepts the CloudWatch statistics and percentiles', () => {
    for (const statistic of [
      'SampleCount',
      'Average',
      'Sum',
      'Minimum',
      'Maximum',
      'p50',
      'p99',
      'p99.9',
      'p99.99',
      'p100',
    ]) {
      expect(validAlarm({ statistic }).config.targets[0]?.stepPolicies[0]?.alarm?.statistic).toBe(statistic);
    }
  });

  it('refuses any other statistic', () => {
    for (const statistic of ['Median', 'average', 'p101', 'p99.999', 'p']) {
      expect(alarmIssues({ statistic }).map((issue) => issue.path)).toEqual([`${A}.statistic`]);
    }
  });

  it('refuses a comparison operator other than the four threshold operators', () => {
    const issues = alarmIssues({ comparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold' });
    expect(issues.map((issue) => issue.path)).toEqual([`${A}.comparisonOperator`]);
    expect(issues[0]?.message).toContain("'GreaterThanOrEqualToThreshold'");
  });

  it('refuses an unknown treatMissingData', () => {
    expect(alarmIssues({ treatMissingData: 'zero' })).toEqual([
      {
        path: `${A}.treatMissingData`,
        message: "expected one of 'breaching', 'notBreaching', 'ignore', 'missing', found \"zero\"",
      },
    ]);
  });

  it('refuses an instance metric in AWS/SageMaker, naming its namespace', () => {
    expect(alarmIssues({ metricName: 'CPUUtilization' })).toEqual([
      {
        path: `${A}.namespace`,
        message:
          'CPUUtilization is an instance metric, published in /aws/sagemaker/Endpoints, not AWS/SageMaker: the alarm would never get data',
      },
    ]);
  });

  it("refuses an instance metric in any namespace but /aws/sagemaker/Endpoints: the alarm watches the variant's own dimensions", () => {
    expect(alarmIssues({ metricName: 'MemoryUtilization', namespace: 'MyApp' })).toEqual([
      {
        path: `${A}.namespace`,
        message:
          'MemoryUtilization is an instance metric, published in /aws/sagemaker/Endpoints, not MyApp: the alarm would never get data',
      },
    ]);
  });

  it('refuses an invocation metric in /aws/sagemaker/Endpoints', () => {
    const issues = alarmIssues({ namespace: '/aws/sagemaker/Endpoints' });
    expect(issues.map((issue) => issue.path)).toEqual([`${A}.namespace`]);
    expect(issues[0]?.message).toMatch(
      /^InvocationsPerInstance is an invocation metric, published in AWS\/SageMaker/,
    );
  });

  it('accepts a metric in its own namespace', () => {
    expect(
      validAlarm({ metricName: 'GPUUtilization', namespace: '/aws/sagemaker/Endpoints' }).warnings,
    ).toEqual([]);
  });
});
