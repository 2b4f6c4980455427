/**
 * The template builders without the serverless CLI: plain configurations in, JSON out.
 */
import { describe, expect, it } from 'vitest';
import { buildResources } from '../../deploy/build-resources.ts';
import { type Json, logicalId } from '../../deploy/cfn.ts';
import { managedAlarmNames } from '../../deploy/resources/alarms.ts';
import { dashboardBody, fillPseudoParameters } from '../../deploy/resources/dashboard.ts';
import { alarmEventPattern, alarmNameChunks, alarmRuleId } from '../../deploy/resources/rules.ts';
import { scheduledActionInput, schedulerDate } from '../../deploy/resources/schedules.ts';
import type { StackSettings } from '../../deploy/stack.ts';
import { statisticField } from '../../shared/adapters/aws/metric-alarm-fields.ts';
import { loadConfigFile } from '../../shared/config/index.ts';
import type { ScalingConfig, TargetConfig } from '../../shared/domain/model.ts';
import { parseScheduledEvent } from '../../shared/events/index.ts';
import {
  actionsOf,
  ofType,
  render,
  resource,
  resourcesOf,
  roleStatements,
  type Template,
} from './template.ts';

const settings: StackSettings = {
  service: 'sagemaker-scaler',
  stage: 'unit',
  tableName: 'sagemaker-scaler-unit',
  alertEmail: '',
  metricsNamespace: 'SageMakerScaler',
};

function target(overrides: Partial<TargetConfig> = {}): TargetConfig {
  return {
    endpointName: 'Fraud-Detector',
    variantName: 'AllTraffic',
    minCapacity: 1,
    maxCapacity: 4,
    mode: 'active',
    suspendedState: {
      dynamicScalingInSuspended: false,
      dynamicScalingOutSuspended: false,
      scheduledScalingSuspended: false,
    },
    stepPolicies: [],
    targetTrackingPolicies: [],
    predictivePolicies: [],
    scheduledActions: [],
    ...overrides,
  };
}

const withPercentileAlarm: ScalingConfig = {
  targets: [
    target({
      stepPolicies: [
        {
          policyName: 'latency',
          alarmName: 'fraud-latency-p99',
          alarm: {
            metricName: 'ModelLatency',
            namespace: 'AWS/SageMaker',
            statistic: 'p99',
            period: 60,
            evaluationPeriods: 2,
            datapointsToAlarm: 2,
            threshold: 250_000,
            comparisonOperator: 'GreaterThanThreshold',
            treatMissingData: 'notBreaching',
          },
          adjustmentType: 'ChangeInCapacity',
          metricAggregationType: 'Average',
          cooldown: 300,
          stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1 }],
        },
        {
          policyName: 'external',
          alarmName: 'made-elsewhere',
          adjustmentType: 'ChangeInCapacity',
          metricAggregationType: 'Average',
          cooldown: 300,
          stepAdjustments: [{ metricIntervalUpperBound: 0, scalingAdjustment: -1 }],
        },
      ],
      scheduledActions: [
        {
          scheduledActionName: 'launch-window',
          schedule: 'at(2027-03-01T08:00:00)',
          timezone: 'UTC',
          startTime: Date.parse('2027-02-01T00:00:00Z'),
          endTime: Date.parse('2027-04-01T00:00:30.500Z'),
          scalableTargetAction: { minCapacity: 3 },
        },
      ],
    }),
  ],
};

describe('alarms', () => {
  it('uses Statistic for the five standard statistics and ExtendedStatistic for percentiles', () => {
    expect(statisticField('Sum')).toEqual({ Statistic: 'Sum' });
    expect(statisticField('SampleCount')).toEqual({ Statistic: 'SampleCount' });
    expect(statisticField('p99')).toEqual({ ExtendedStatistic: 'p99' });
    expect(statisticField('tm90')).toEqual({ ExtendedStatistic: 'tm90' });
  });

  it('creates alarms only for policies that declare one, but listens to every alarm name', () => {
    const template = buildResources(withPercentileAlarm, settings) as Template;
    const created = ofType(template, 'AWS::CloudWatch::Alarm')
      .map(([, alarm]) => alarm.Properties ?? {})
      .filter((properties) => properties.AlarmActions === undefined);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ AlarmName: 'fraud-latency-p99', ExtendedStatistic: 'p99' });
    expect(created[0]).not.toHaveProperty('Statistic');
    expect(managedAlarmNames(withPercentileAlarm)).toEqual(['fraud-latency-p99', 'made-elsewhere']);
  });
});

describe('target tracking alarms', () => {
  const tracked = (policies: TargetConfig['targetTrackingPolicies']): ScalingConfig => ({
    targets: [target({ targetTrackingPolicies: policies })],
  });
  const alarmsOf = (config: ScalingConfig) =>
    Object.values(buildResources(config, settings).Resources)
      .filter(
        (r) =>
          r.Type === 'AWS::CloudWatch::Alarm' &&
          String(r.Properties?.AlarmName).startsWith('ScalerTargetTracking-'),
      )
      .map((r) => r.Properties ?? {});

  it('gets no low alarm with scale-in disabled, and is listened to by name', () => {
    const config = tracked([
      {
        policyName: 'p',
        targetValue: 5,
        metric: {
          kind: 'predefined',
          predefinedMetricType: 'SageMakerVariantConcurrentRequestsPerModelHighResolution',
        },
        scaleOutCooldown: 300,
        scaleInCooldown: 300,
        disableScaleIn: true,
      },
    ]);
    const [high, ...rest] = alarmsOf(config);
    expect(rest).toEqual([]);
    expect(high).toMatchObject({
      AlarmName: 'ScalerTargetTracking-endpoint/Fraud-Detector/variant/AllTraffic-p-AlarmHigh',
      MetricName: 'ConcurrentRequestsPerModel',
      Statistic: 'Average',
      Period: 10,
      EvaluationPeriods: 3,
      Threshold: 5,
    });
    expect(managedAlarmNames(config)).toEqual([
      'ScalerTargetTracking-endpoint/Fraud-Detector/variant/AllTraffic-p-AlarmHigh',
    ]);
  });

  it("writes a metric-math policy as the alarm's Metrics, each metric at the alarm period, and charts it", () => {
    const config = tracked([
      {
        policyName: 'math',
        targetValue: 10,
        metric: {
          kind: 'math',
          metrics: [
            {
              id: 'm1',
              metricStat: { metricName: 'Invocations', namespace: 'AWS/SageMaker', stat: 'Sum' },
              returnData: false,
            },
            { id: 'e1', expression: 'm1 / 60', label: 'per second', returnData: true },
          ],
        },
        scaleOutCooldown: 300,
        scaleInCooldown: 300,
        disableScaleIn: false,
      },
    ]);
    const [high, low] = alarmsOf(config);
    expect(high).toMatchObject({
      Metrics: [
        {
          Id: 'm1',
          ReturnData: false,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/SageMaker',
              MetricName: 'Invocations',
              Dimensions: [
                { Name: 'EndpointName', Value: 'Fraud-Detector' },
                { Name: 'VariantName', Value: 'AllTraffic' },
              ],
            },
            Period: 60,
            Stat: 'Sum',
          },
        },
        { Id: 'e1', Expression: 'm1 / 60', Label: 'per second', ReturnData: true },
      ],
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(high).not.toHaveProperty('Period');
    expect(low).toMatchObject({
      Threshold: 9,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 15,
    });
    const widgets = JSON.parse(dashboardBody(config, settings, [])).widgets as {
      properties: Record<string, Json>;
    }[];
    const chart = widgets.find((w) => String(w.properties.title).includes('math: target tracking'));
    expect(chart?.properties.annotations).toEqual({
      horizontal: [
        { label: 'target 10', value: 10 },
        { label: 'scale-in below', value: 9 },
      ],
    });
  });
});

describe('rules', () => {
  it('keeps every alarm in one rule while the pattern fits, and splits only past the size limit', () => {
    const names = Array.from({ length: 120 }, (_, index) => `endpoint-${index}-invocations-high`);
    expect(alarmNameChunks(names.slice(0, 3))).toEqual([names.slice(0, 3)]);
    const chunks = alarmNameChunks(names);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(names);
    for (const chunk of chunks)
      expect(JSON.stringify(alarmEventPattern(chunk)).length).toBeLessThanOrEqual(2048);
    expect(alarmRuleId(0)).toBe('AlarmStateChangeRule');
    expect(alarmRuleId(1)).toBe('AlarmStateChangeRule2');
  });

  it('has no alarm rule, and no dead-letter queue for one, when no policy names an alarm', () => {
    const template = buildResources({ targets: [target()] }, settings) as Template;
    expect(template.Resources).not.toHaveProperty('AlarmStateChangeRule');
    expect(template.Resources).not.toHaveProperty('AlarmRuleDeadLetterQueue');
    expect(template.Resources).not.toHaveProperty('SchedulerInvokeRole');
    expect(template.Resources).toHaveProperty('TickRule');
  });
});

describe('schedules', () => {
  it('sends an event the scheduled-action parser accepts once the Scheduler fills in its attributes', () => {
    const input = scheduledActionInput('fraud-detector', 'AllTraffic', 'weekend-peak')
      .replace('<aws.scheduler.execution-id>', 'exec-1')
      .replace('<aws.scheduler.scheduled-time>', '2026-11-27T17:00:00Z');
    expect(parseScheduledEvent(JSON.parse(input))).toEqual({
      kind: 'scheduled',
      eventId: 'exec-1',
      endpointName: 'fraud-detector',
      variantName: 'AllTraffic',
      scheduledActionName: 'weekend-peak',
      scheduledTime: Date.parse('2026-11-27T17:00:00Z'),
    });
  });

  it('passes startTime and endTime as UTC dates to the second', () => {
    expect(schedulerDate(Date.parse('2027-04-01T00:00:30.500Z'))).toBe('2027-04-01T00:00:30Z');
    const template = buildResources(withPercentileAlarm, settings) as Template;
    const [[, schedule] = []] = ofType(template, 'AWS::Scheduler::Schedule');
    expect(schedule?.Properties).toMatchObject({
      ScheduleExpression: 'at(2027-03-01T08:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      StartDate: '2027-02-01T00:00:00Z',
      EndDate: '2027-04-01T00:00:30Z',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
  });
});

describe('IAM', () => {
  it('scopes RegisterScalableTarget to SageMaker variants and says why the AAS reads are on "*"', () => {
    const template = buildResources(withPercentileAlarm, settings) as Template;
    const statements = roleStatements(resource(template, 'OnScheduleExecutionRole'));
    const register = statements.find((statement) =>
      actionsOf(statement).includes('application-autoscaling:RegisterScalableTarget'),
    );
    expect(register && resourcesOf(register)).toEqual([
      'arn:aws:application-autoscaling:eu-west-1:123456789012:scalable-target/*',
    ]);
    expect(register?.Condition).toEqual({
      StringEquals: {
        'application-autoscaling:service-namespace': 'sagemaker',
        'application-autoscaling:scalable-dimension': 'sagemaker:variant:DesiredInstanceCount',
      },
    });
    const wildcard = statements.filter((statement) => resourcesOf(statement).includes('*'));
    expect(wildcard.map((statement) => statement.Sid)).toEqual([
      'AasDescribeSupportsNoResourceLevelPermissions',
    ]);
  });
});

describe('dashboard', () => {
  it('draws an external alarm by its ARN and a created one by its metric and threshold', () => {
    const body = JSON.parse(
      render(
        fillPseudoParameters(
          dashboardBody(withPercentileAlarm, settings, ['sagemaker-scaler-unit-tick-errors']),
        ),
      ),
    ) as { widgets: { type: string; properties: Record<string, Json> }[] };
    const text = JSON.stringify(body);
    expect(text).toContain('arn:aws:cloudwatch:eu-west-1:123456789012:alarm:made-elsewhere');
    expect(text).toContain(
      'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:sagemaker-scaler-unit-tick-errors',
    );
    const latency = body.widgets.find((widget) =>
      String(widget.properties.title).includes('fraud-latency-p99'),
    );
    expect(latency?.properties.metrics).toEqual([
      [
        'AWS/SageMaker',
        'ModelLatency',
        'EndpointName',
        'Fraud-Detector',
        'VariantName',
        'AllTraffic',
        { stat: 'p99', period: 60 },
      ],
    ]);
    expect(latency?.properties.annotations).toEqual({
      horizontal: [{ label: 'threshold (GreaterThanThreshold)', value: 250_000 }],
    });
  });
});

describe('the example scaling.yml', () => {
  it('builds a fragment whose every resource has a valid logical id and whose refs all resolve', () => {
    const fragment = buildResources(loadConfigFile('scaling.yml'), {
      ...settings,
      alertEmail: 'ops@example.com',
    });
    const ids = new Set(Object.keys(fragment.Resources));
    // Resources serverless itself adds (functions, log groups) are referred to but not built here.
    const external = /^(On(Alarm|Schedule|Tick)(LambdaFunction|LogGroup)|AWS::.*)$/;
    const referenced = JSON.stringify(fragment).matchAll(/"(?:Ref|Fn::GetAtt)":\s*\[?"([^"]+)"/g);
    for (const [, id] of referenced) {
      if (id !== undefined && !external.test(id)) expect(ids).toContain(id);
    }
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{1,255}$/);
    expect(fragment.Conditions).toEqual({
      AlertEmailIsSet: { 'Fn::Not': [{ 'Fn::Equals': ['ops@example.com', ''] }] },
    });
  });

  it('derives logical ids that differ for names that differ only in punctuation', () => {
    expect(logicalId('ScalingAlarm', 'a-b')).not.toBe(logicalId('ScalingAlarm', 'ab'));
    expect(logicalId('ScalingAlarm', 'fraud-detector-invocations-high')).toMatch(
      /^ScalingAlarmFraudDetectorInvocationsHigh[0-9A-F]{8}$/,
    );
  });
});

describe('tick shards', () => {
  it('makes one tick rule per shard, each sending its shard, each allowed to invoke on-tick and to write the dead-letter queue', () => {
    const template = buildResources(withPercentileAlarm, { ...settings, tickShards: 3 }) as Template;
    const rules = ['TickRule', 'TickRule2', 'TickRule3'].map((id) => resource(template, id).Properties ?? {});
    expect(rules.map((rule) => (rule.Targets as { Input?: string }[])[0]?.Input)).toEqual([
      '{"shard":0,"shards":3}',
      '{"shard":1,"shards":3}',
      '{"shard":2,"shards":3}',
    ]);
    for (const id of ['TickRuleInvokePermission', 'TickRule2InvokePermission', 'TickRule3InvokePermission']) {
      expect(resource(template, id).Type).toBe('AWS::Lambda::Permission');
    }
    const policy = resource(template, 'TickRuleDeadLetterQueuePolicy').Properties?.PolicyDocument as {
      Statement: { Condition?: { ArnEquals: Record<string, Json[]> } }[];
    };
    expect(policy.Statement[0]?.Condition?.ArnEquals['aws:SourceArn']).toHaveLength(3);
  });

  it('sends no input without sharding: the rule delivers its Scheduled Event, as before', () => {
    const template = buildResources(withPercentileAlarm, settings) as Template;
    const [target] = (resource(template, 'TickRule').Properties?.Targets ?? []) as Record<string, Json>[];
    expect(target).not.toHaveProperty('Input');
    expect(ofType(template, 'AWS::Events::Rule').filter(([id]) => id.startsWith('TickRule'))).toHaveLength(1);
  });
});
