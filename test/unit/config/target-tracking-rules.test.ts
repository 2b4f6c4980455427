import { describe, expect, it } from 'vitest';
import { issuesOf, rawConfig, rawPolicy, rawTarget, validOf } from './build.ts';

type Raw = Record<string, unknown>;

const P = 'targets[0].targetTrackingPolicies[0]';

function rawTracking(overrides: Raw = {}): Raw {
  return {
    policyName: 'invocations',
    targetValue: 1000,
    predefinedMetricSpecification: { predefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
    ...overrides,
  };
}

function withTracking(...policies: Raw[]): Raw {
  return rawConfig(rawTarget({ stepPolicies: [], targetTrackingPolicies: policies }));
}

function trackingIssues(overrides: Raw) {
  return issuesOf(withTracking(rawTracking(overrides)));
}

describe('validateConfig: target tracking policies', () => {
  it('fills the AAS defaults: cooldowns of 300 s, scale-in enabled', () => {
    const { config } = validOf(withTracking(rawTracking()));
    expect(config.targets[0]?.targetTrackingPolicies).toEqual([
      {
        policyName: 'invocations',
        targetValue: 1000,
        metric: { kind: 'predefined', predefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        scaleOutCooldown: 300,
        scaleInCooldown: 300,
        disableScaleIn: false,
        highAlarm: undefined,
        lowAlarm: undefined,
      },
    ]);
  });

  it('reads a customized metric with AAS-style dimensions, and metric math', () => {
    const { config } = validOf(
      withTracking(
        rawTracking({
          predefinedMetricSpecification: undefined,
          customizedMetricSpecification: {
            metricName: 'Backlog',
            namespace: 'MyApp',
            statistic: 'Maximum',
            dimensions: [{ name: 'Queue', value: 'orders' }],
          },
        }),
        rawTracking({
          policyName: 'math',
          predefinedMetricSpecification: undefined,
          customizedMetricSpecification: {
            metrics: [
              {
                id: 'm1',
                metricStat: {
                  metric: { metricName: 'Invocations', namespace: 'AWS/SageMaker' },
                  stat: 'Sum',
                },
                returnData: false,
              },
              { id: 'e1', expression: 'm1 / 60' },
            ],
          },
        }),
      ),
    );
    const [single, math] = config.targets[0]?.targetTrackingPolicies ?? [];
    expect(single?.metric).toEqual({
      kind: 'customized',
      metricName: 'Backlog',
      namespace: 'MyApp',
      statistic: 'Maximum',
      unit: undefined,
      dimensions: { Queue: 'orders' },
    });
    expect(math?.metric).toMatchObject({
      kind: 'math',
      metrics: [
        {
          id: 'm1',
          returnData: false,
          metricStat: { metricName: 'Invocations', stat: 'Sum', dimensions: undefined },
        },
        { id: 'e1', expression: 'm1 / 60', returnData: true },
      ],
    });
  });

  it('refuses a targetValue that is not above 0', () => {
    for (const targetValue of [0, -5]) {
      expect(trackingIssues({ targetValue })).toEqual([
        { path: `${P}.targetValue`, message: `must be a finite number > 0 (found ${targetValue})` },
      ]);
    }
  });

  it('needs exactly one metric specification', () => {
    expect(trackingIssues({ predefinedMetricSpecification: undefined })).toEqual([
      {
        path: P,
        message:
          'needs exactly one metric: predefinedMetricSpecification or customizedMetricSpecification (found neither)',
      },
    ]);
    const both = trackingIssues({
      customizedMetricSpecification: { metricName: 'Backlog', namespace: 'MyApp', statistic: 'Sum' },
    });
    expect(both.map((issue) => issue.message)).toContain(
      'needs exactly one metric: predefinedMetricSpecification or customizedMetricSpecification (found both)',
    );
  });

  it('refuses an unknown predefined type, listing the known ones', () => {
    expect(
      trackingIssues({
        predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      }),
    ).toEqual([
      {
        path: `${P}.predefinedMetricSpecification.predefinedMetricType`,
        message:
          "expected one of SageMakerVariantInvocationsPerInstance, SageMakerVariantConcurrentRequestsPerModelHighResolution (the predefined metrics of a SageMaker variant), found 'ECSServiceAverageCPUUtilization'",
      },
    ]);
  });

  it('refuses the predefined types of other scalable dimensions, saying what they scale', () => {
    const serverless = trackingIssues({
      predefinedMetricSpecification: {
        predefinedMetricType: 'SageMakerVariantProvisionedConcurrencyUtilization',
      },
    });
    expect(serverless[0]?.message).toMatch(/sagemaker:variant:DesiredProvisionedConcurrency/);
    const component = trackingIssues({
      predefinedMetricSpecification: {
        predefinedMetricType: 'SageMakerInferenceComponentInvocationsPerCopy',
      },
    });
    expect(component[0]?.message).toMatch(/sagemaker:inference-component:DesiredCopyCount/);
  });

  it('refuses negative cooldowns and non-integer ones', () => {
    expect(trackingIssues({ scaleOutCooldown: -1 })).toEqual([
      { path: `${P}.scaleOutCooldown`, message: 'must be a non-negative number of seconds (found -1)' },
    ]);
    expect(trackingIssues({ scaleInCooldown: 1.5 }).map((issue) => issue.path)).toEqual([
      `${P}.scaleInCooldown`,
    ]);
  });

  it('refuses a policyName used twice on a target, across step and tracking policies', () => {
    const issues = issuesOf(
      rawConfig(
        rawTarget({
          stepPolicies: [rawPolicy({ policyName: 'invocations' })],
          targetTrackingPolicies: [rawTracking(), rawTracking()],
        }),
      ),
    );
    expect(issues).toEqual([
      {
        path: 'targets[0].targetTrackingPolicies[0].policyName',
        message: "duplicates the policyName 'invocations' of targets[0].stepPolicies[0].policyName",
      },
      {
        path: 'targets[0].targetTrackingPolicies[1].policyName',
        message: "duplicates the policyName 'invocations' of targets[0].stepPolicies[0].policyName",
      },
    ]);
  });

  it("refuses a policy name that makes an alarm's name pass CloudWatch's 255 characters", () => {
    const issues = trackingIssues({ policyName: 'p'.repeat(200) });
    expect(issues.map((issue) => issue.path)).toEqual([`${P}.policyName`, `${P}.policyName`]);
    expect(issues[0]?.message).toBe(
      "makes the high alarm's name 266 characters long; CloudWatch allows 255 (shorten the policy name by 11)",
    );
  });

  it('refuses a customized instance metric outside /aws/sagemaker/Endpoints, naming the right namespace', () => {
    const issues = trackingIssues({
      predefinedMetricSpecification: undefined,
      customizedMetricSpecification: {
        metricName: 'CPUUtilization',
        namespace: 'AWS/SageMaker',
        statistic: 'Average',
      },
    });
    expect(issues).toEqual([
      {
        path: `${P}.customizedMetricSpecification.namespace`,
        message:
          'CPUUtilization is an instance metric, published in /aws/sagemaker/Endpoints, not AWS/SageMaker: the alarm would never get data',
      },
    ]);
  });

  it("accepts a metric of the user's own, with its own dimensions, in its own namespace", () => {
    validOf(
      withTracking(
        rawTracking({
          predefinedMetricSpecification: undefined,
          customizedMetricSpecification: {
            metricName: 'CPUUtilization',
            namespace: 'MyApp',
            statistic: 'Average',
            dimensions: [{ name: 'Host', value: 'a' }],
          },
        }),
      ),
    );
  });

  it('needs metricName, namespace and statistic for a single customized metric', () => {
    const issues = trackingIssues({
      predefinedMetricSpecification: undefined,
      customizedMetricSpecification: {},
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      `${P}.customizedMetricSpecification.metricName`,
      `${P}.customizedMetricSpecification.namespace`,
      `${P}.customizedMetricSpecification.statistic`,
    ]);
  });

  it('refuses a customized statistic AAS does not take', () => {
    const issues = trackingIssues({
      predefinedMetricSpecification: undefined,
      customizedMetricSpecification: { metricName: 'Backlog', namespace: 'MyApp', statistic: 'p99' },
    });
    expect(issues[0]?.path).toBe(`${P}.customizedMetricSpecification.statistic`);
  });

  it('checks metric math: one shape per query, ids, exactly one series returned, namespaces', () => {
    const issues = trackingIssues({
      predefinedMetricSpecification: undefined,
      customizedMetricSpecification: {
        metricName: 'X',
        metrics: [
          {
            id: 'M1',
            expression: 'a',
            metricStat: {
              metric: { metricName: 'CPUUtilization', namespace: 'AWS/SageMaker' },
              stat: 'Average',
            },
          },
          { id: 'M1' },
        ],
      },
    });
    const M = `${P}.customizedMetricSpecification`;
    expect(issues).toEqual([
      {
        path: M,
        message:
          'give either a single metric (metricName, namespace, statistic) or metric math (metrics), not both',
      },
      { path: `${M}.metrics[0]`, message: 'needs exactly one of expression and metricStat' },
      {
        path: `${M}.metrics[0].id`,
        message:
          "must start with a lowercase letter and hold only letters, digits and underscores (found 'M1')",
      },
      {
        path: `${M}.metrics[0].metricStat.metric.namespace`,
        message: expect.stringMatching(/^CPUUtilization is an instance metric/),
      },
      { path: `${M}.metrics[1]`, message: 'needs exactly one of expression and metricStat' },
      {
        path: `${M}.metrics[1].id`,
        message:
          "must start with a lowercase letter and hold only letters, digits and underscores (found 'M1')",
      },
      { path: `${M}.metrics[1].id`, message: `duplicates the id of ${M}.metrics[0]` },
      {
        path: `${M}.metrics`,
        message: 'exactly one query must return the tracked series (returnData true or left out), found 2',
      },
    ]);
    expect(
      trackingIssues({
        predefinedMetricSpecification: undefined,
        customizedMetricSpecification: { metrics: [] },
      }),
    ).toEqual([
      {
        path: `${P}.customizedMetricSpecification.metrics`,
        message: 'must hold at least one query (found an empty list)',
      },
    ]);
  });

  it("checks alarm overrides as CloudWatch would, and refuses a low alarm's with scale-in disabled", () => {
    expect(trackingIssues({ highAlarm: { period: 45 } })).toEqual([
      { path: `${P}.highAlarm.period`, message: 'must be 10, 20, 30 or a multiple of 60 seconds (found 45)' },
    ]);
    expect(trackingIssues({ disableScaleIn: true, lowAlarm: { period: 60 } })).toEqual([
      { path: `${P}.lowAlarm`, message: 'has no effect: with disableScaleIn the policy gets no low alarm' },
    ]);
  });

  it("keeps step policies' alarm names off the tracking alarms' prefix", () => {
    const issues = issuesOf(
      rawConfig(rawTarget({ stepPolicies: [rawPolicy({ alarmName: 'ScalerTargetTracking-mine' })] })),
    );
    expect(issues).toEqual([
      {
        path: 'targets[0].stepPolicies[0].alarmName',
        message:
          "must not start with 'ScalerTargetTracking-': that prefix names the alarms the scaler creates for target tracking policies",
      },
    ]);
  });

  it('warns only when a target has no policy of any kind and no scheduled action', () => {
    expect(validOf(withTracking(rawTracking())).warnings).toEqual([]);
  });
});
