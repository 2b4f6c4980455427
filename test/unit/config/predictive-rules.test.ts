import { describe, expect, it } from 'vitest';
import { issuesOf, rawConfig, rawTarget, validOf } from './build.ts';

type Raw = Record<string, unknown>;

const P = 'targets[0].predictivePolicies[0]';

function rawPredictive(overrides: Raw = {}): Raw {
  return {
    policyName: 'daily-peaks',
    targetValue: 900,
    predefinedLoadMetricSpecification: { predefinedMetricType: 'SageMakerVariantInvocations' },
    ...overrides,
  };
}

function withPredictive(...policies: Raw[]): Raw {
  return rawConfig(rawTarget({ stepPolicies: [], predictivePolicies: policies }));
}

function predictiveIssues(overrides: Raw) {
  return issuesOf(withPredictive(rawPredictive(overrides)));
}

describe('validateConfig: predictive policies', () => {
  it("fills EC2 predictive scaling's defaults: ForecastOnly, a 300 s buffer, HonorMaxCapacity", () => {
    const { config, warnings } = validOf(withPredictive(rawPredictive()));
    expect(warnings).toEqual([]);
    expect(config.targets[0]?.predictivePolicies).toEqual([
      {
        policyName: 'daily-peaks',
        targetValue: 900,
        loadMetric: { kind: 'predefined', predefinedMetricType: 'SageMakerVariantInvocations' },
        mode: 'ForecastOnly',
        schedulingBufferTime: 300,
        maxCapacityBreachBehavior: 'HonorMaxCapacity',
        maxCapacityBuffer: undefined,
      },
    ]);
  });

  it('reads a customized load metric with its dimensions', () => {
    const { config } = validOf(
      withPredictive(
        rawPredictive({
          predefinedLoadMetricSpecification: undefined,
          customizedLoadMetricSpecification: {
            metricName: 'RequestsReceived',
            namespace: 'MyGateway',
            statistic: 'Sum',
            dimensions: [{ name: 'Route', value: '/predict' }],
          },
        }),
      ),
    );
    expect(config.targets[0]?.predictivePolicies[0]?.loadMetric).toEqual({
      kind: 'customized',
      metricName: 'RequestsReceived',
      namespace: 'MyGateway',
      statistic: 'Sum',
      dimensions: { Route: '/predict' },
    });
  });

  it('refuses a target value that is not a load above 0', () => {
    expect(predictiveIssues({ targetValue: 0 })).toEqual([
      {
        path: `${P}.targetValue`,
        message: 'must be the load per instance per minute, a finite number > 0 (found 0)',
      },
    ]);
  });

  it('needs exactly one known load metric', () => {
    expect(predictiveIssues({ predefinedLoadMetricSpecification: undefined })[0]?.message).toBe(
      'needs exactly one load metric: predefinedLoadMetricSpecification or customizedLoadMetricSpecification (found neither)',
    );
    expect(
      predictiveIssues({
        predefinedLoadMetricSpecification: { predefinedMetricType: 'ASGTotalCPUUtilization' },
      }),
    ).toEqual([
      {
        path: `${P}.predefinedLoadMetricSpecification.predefinedMetricType`,
        message:
          "expected SageMakerVariantInvocations (the variant's Invocations, Sum per minute), found 'ASGTotalCPUUtilization'",
      },
    ]);
  });

  it('keeps the scheduling buffer under an hour', () => {
    expect(predictiveIssues({ schedulingBufferTime: 3600 })).toEqual([
      {
        path: `${P}.schedulingBufferTime`,
        message:
          'must be from 0 to 3599 seconds: capacity for an hour is put in place less than an hour ahead (found 3600)',
      },
    ]);
  });

  it('asks for maxCapacityBuffer with IncreaseMaxCapacity only, as a percent', () => {
    expect(predictiveIssues({ maxCapacityBreachBehavior: 'IncreaseMaxCapacity' })[0]?.path).toBe(
      `${P}.maxCapacityBuffer`,
    );
    expect(
      predictiveIssues({ maxCapacityBreachBehavior: 'IncreaseMaxCapacity', maxCapacityBuffer: 150 }),
    ).toEqual([{ path: `${P}.maxCapacityBuffer`, message: 'must be a percent from 0 to 100 (found 150)' }]);
    expect(predictiveIssues({ maxCapacityBuffer: 10 })[0]?.message).toMatch(
      /^applies only with maxCapacityBreachBehavior IncreaseMaxCapacity/,
    );
  });

  it('lets at most one policy of a target scale, and names unique across policy types', () => {
    const issues = issuesOf(
      withPredictive(
        rawPredictive({ mode: 'ForecastAndScale' }),
        rawPredictive({ policyName: 'second', mode: 'ForecastAndScale' }),
        rawPredictive({ policyName: 'daily-peaks' }),
      ),
    );
    expect(issues).toEqual([
      {
        path: 'targets[0].predictivePolicies[1].mode',
        message:
          'at most one predictive policy of a target may be ForecastAndScale; targets[0].predictivePolicies[0] already is (make this one ForecastOnly)',
      },
      {
        path: 'targets[0].predictivePolicies[2].policyName',
        message: "duplicates the policyName 'daily-peaks' of targets[0].predictivePolicies[0].policyName",
      },
    ]);
  });
});
