import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  type ScalingPolicy,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerOperate } from '../../../shared/cli/commands/operate.ts';
import { defaultOperateDeps } from '../../../shared/cli/commands/operate-support.ts';
import { CliError } from '../../../shared/cli/errors.ts';
import { parseConfigDocument, parseConfigText, validateConfig } from '../../../shared/config/index.ts';
import type { AlarmTrigger, ScheduledTrigger, Trigger } from '../../../shared/domain/model.ts';
import { createOperateClients } from '../../../shared/operate/clients.ts';
import { removalCommands, renderImportYaml } from '../../../shared/operate/import-output.ts';
import { AasNativeReader } from '../../../shared/operate/native-reader.ts';
import { planImport } from '../../../shared/usecases/operate/import-native.ts';
import { replayTriggers } from '../../../shared/usecases/replay.ts';
import { invocationsAlarm } from '../../support/metric-alarms.ts';

const aas = mockClient(ApplicationAutoScalingClient);
const cloudwatch = mockClient(CloudWatchClient);
afterEach(() => {
  aas.reset();
  cloudwatch.reset();
});

const ACCOUNT = '123456789012';
const RESOURCE = 'endpoint/fraud-detector/variant/AllTraffic';
const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
const CREATED = new Date('2026-06-01T08:00:00Z');

function stepPolicy(
  name: string,
  alarms: string[],
  config: ScalingPolicy['StepScalingPolicyConfiguration'],
): ScalingPolicy {
  return {
    PolicyARN: `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:scalingPolicy:0b1f2c3d:resource/sagemaker/${RESOURCE}:policyName/${name}`,
    PolicyName: name,
    ServiceNamespace: 'sagemaker',
    ResourceId: RESOURCE,
    ScalableDimension: DIMENSION,
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: config,
    Alarms: alarms.map((alarm) => ({
      AlarmName: alarm,
      AlarmARN: `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:${alarm}`,
    })),
    CreationTime: CREATED,
  };
}

function metricAlarm(
  name: string,
  threshold: number,
  comparison: MetricAlarm['ComparisonOperator'],
  periods: number,
): MetricAlarm {
  return invocationsAlarm(name, threshold, comparison, periods, {
    AlarmArn: `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:${name}`,
    ActionsEnabled: true,
    AlarmActions: [
      `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:scalingPolicy:0b1f2c3d:resource/sagemaker/${RESOURCE}:policyName/x`,
    ],
    StateValue: 'OK',
  });
}

const SCALE_OUT = stepPolicy('scale-out-on-invocations', ['fraud-detector-invocations-high'], {
  AdjustmentType: 'ChangeInCapacity',
  Cooldown: 300,
  MetricAggregationType: 'Average',
  StepAdjustments: [
    { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 200, ScalingAdjustment: 1 },
    { MetricIntervalLowerBound: 200, ScalingAdjustment: 3 },
  ],
});
const SCALE_IN = stepPolicy('scale-in-on-invocations', ['fraud-detector-invocations-low'], {
  AdjustmentType: 'PercentChangeInCapacity',
  Cooldown: 600,
  MetricAggregationType: 'Average',
  MinAdjustmentMagnitude: 1,
  StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -25 }],
});
const TARGET_TRACKING: ScalingPolicy = {
  PolicyARN: `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:scalingPolicy:9a8b:resource/sagemaker/${RESOURCE}:policyName/invocations-target`,
  PolicyName: 'invocations-target',
  ServiceNamespace: 'sagemaker',
  ResourceId: RESOURCE,
  ScalableDimension: DIMENSION,
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: {
    TargetValue: 700,
    PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
    ScaleInCooldown: 300,
    ScaleOutCooldown: 60,
  },
  Alarms: [
    {
      AlarmName: 'TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmHigh-5b1c',
      AlarmARN: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:TargetTracking-high',
    },
  ],
  CreationTime: CREATED,
};

function scheduledAction(name: string, schedule: string, min: number, max: number, timezone?: string) {
  return {
    ScheduledActionName: name,
    ScheduledActionARN: `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:scheduledAction:77aa:resource/sagemaker/${RESOURCE}:scheduledActionName/${name}`,
    ServiceNamespace: 'sagemaker' as const,
    Schedule: schedule,
    ...(timezone ? { Timezone: timezone } : {}),
    ResourceId: RESOURCE,
    ScalableDimension: DIMENSION as 'sagemaker:variant:DesiredInstanceCount',
    ScalableTargetAction: { MinCapacity: min, MaxCapacity: max },
    CreationTime: CREATED,
  };
}

/** The native setup: two step policies, one target tracking, two scheduled actions; two pages each where AAS pages. */
function mockNative(
  policies: ScalingPolicy[] = [SCALE_OUT, SCALE_IN, TARGET_TRACKING],
  alarms?: MetricAlarm[],
) {
  const target = (resourceId: string) => ({
    ServiceNamespace: 'sagemaker' as const,
    ResourceId: resourceId,
    ScalableDimension: DIMENSION as 'sagemaker:variant:DesiredInstanceCount',
    MinCapacity: 2,
    MaxCapacity: 10,
    RoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
    CreationTime: CREATED,
    SuspendedState: {
      DynamicScalingInSuspended: false,
      DynamicScalingOutSuspended: false,
      ScheduledScalingSuspended: false,
    },
  });
  aas
    .on(DescribeScalableTargetsCommand, { NextToken: undefined })
    .resolves({
      ScalableTargets: [target('endpoint/another-endpoint/variant/AllTraffic')],
      NextToken: 'targets-2',
    })
    .on(DescribeScalableTargetsCommand, { NextToken: 'targets-2' })
    .resolves({ ScalableTargets: [target(RESOURCE)] });
  aas
    .on(DescribeScalingPoliciesCommand, { NextToken: undefined })
    .resolves({ ScalingPolicies: policies.slice(0, 1), NextToken: 'policies-2' })
    .on(DescribeScalingPoliciesCommand, { NextToken: 'policies-2' })
    .resolves({ ScalingPolicies: policies.slice(1) });
  aas.on(DescribeScheduledActionsCommand).resolves({
    ScheduledActions: [
      scheduledAction('morning-peak', 'cron(0 9 ? * MON-FRI *)', 6, 12),
      scheduledAction('evening-cap', 'cron(0 20 ? * MON-FRI *)', 2, 6, 'UTC'),
    ],
  });
  cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: alarms ?? [
      metricAlarm('fraud-detector-invocations-high', 800, 'GreaterThanOrEqualToThreshold', 3),
      metricAlarm('fraud-detector-invocations-low', 300, 'LessThanOrEqualToThreshold', 15),
    ],
  });
}

function reader() {
  return new AasNativeReader(
    new ApplicationAutoScalingClient({ region: 'eu-west-1' }),
    new CloudWatchClient({ region: 'eu-west-1' }),
  );
}

const T = (hh: number, mm: number) => Date.UTC(2026, 10, 23, hh, mm); // Monday 2026-11-23

function alarm(
  alarmName: string,
  time: number,
  value: number,
  threshold: number,
  since: number,
): AlarmTrigger {
  return {
    kind: 'alarm',
    eventId: `${alarmName}@${time}`,
    eventTime: time,
    alarmName,
    state: 'ALARM',
    previousState: since === time ? 'OK' : 'ALARM',
    stateTimestamp: since,
    datapoints: [value],
    threshold,
    reevaluation: since !== time,
  };
}

function schedule(name: string, time: number): ScheduledTrigger {
  return {
    kind: 'scheduled',
    eventId: `exec-${name}`,
    endpointName: 'fraud-detector',
    variantName: 'AllTraffic',
    scheduledActionName: name,
    scheduledTime: time,
  };
}

describe('scaler import', () => {
  it('turns two step policies and two scheduled actions into a scaling.yml that validates and scales as AAS did', async () => {
    mockNative();
    const plan = planImport(await reader().read('fraud-detector'), { adoptAlarms: true, mode: 'active' });
    const yaml = renderImportYaml(plan, { endpointName: 'fraud-detector', region: 'eu-west-1', at: T(8, 0) });
    expect(validateConfig(parseConfigDocument(yaml, 'imported.yml'))).toMatchObject({
      ok: true,
      warnings: [],
    });
    const config = parseConfigText(yaml, 'imported.yml');
    expect(config.targets).toHaveLength(1);
    expect(config.targets[0]).toMatchObject({
      endpointName: 'fraud-detector',
      variantName: 'AllTraffic',
      minCapacity: 2,
      maxCapacity: 10,
      stepPolicies: [
        {
          policyName: 'scale-out-on-invocations',
          alarmName: 'fraud-detector-invocations-high',
          alarm: {
            metricName: 'InvocationsPerInstance',
            threshold: 800,
            evaluationPeriods: 3,
            comparisonOperator: 'GreaterThanOrEqualToThreshold',
          },
          cooldown: 300,
        },
        {
          policyName: 'scale-in-on-invocations',
          adjustmentType: 'PercentChangeInCapacity',
          minAdjustmentMagnitude: 1,
          cooldown: 600,
        },
      ],
      scheduledActions: [
        {
          scheduledActionName: 'morning-peak',
          schedule: 'cron(0 9 ? * MON-FRI *)',
          timezone: 'UTC',
          scalableTargetAction: { minCapacity: 6, maxCapacity: 12 },
        },
        { scheduledActionName: 'evening-cap', scalableTargetAction: { minCapacity: 2, maxCapacity: 6 } },
      ],
    });
    // Paginated: both pages of targets (the other endpoint's filtered out) and of policies were read.
    expect(aas).toHaveReceivedCommandTimes(DescribeScalableTargetsCommand, 2);
    expect(aas).toHaveReceivedCommandTimes(DescribeScalingPoliciesCommand, 2);
    expect(cloudwatch).toHaveReceivedCommandWith(DescribeAlarmsCommand, {
      AlarmNames: [
        'fraud-detector-invocations-high',
        'fraud-detector-invocations-low',
        'TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmHigh-5b1c',
      ],
    });

    // The same events through the scaler. AAS, by hand, starting at 2 within [2, 10]:
    const high = 'fraud-detector-invocations-high';
    const low = 'fraud-detector-invocations-low';
    const events: Trigger[] = [
      schedule('morning-peak', T(9, 0)), //  min 6: 2 -> 6 at once
      alarm(high, T(10, 0), 950, 800, T(10, 0)), //  delta 150 in [0, 200): +1, 6 -> 7; cooldown to 10:05 from 6
      alarm(high, T(10, 2), 1100, 800, T(10, 0)), //  delta 300 in [200, inf): 6 + 3 = 9 > 7: adds 2 -> 9
      alarm(high, T(10, 4), 1100, 800, T(10, 0)), //  still 6 + 3 = 9: nothing more inside the cooldown
      alarm(high, T(10, 6), 950, 800, T(10, 0)), //  cooldown over: +1, 9 -> 10 (max 12)
      alarm(low, T(10, 12), 200, 300, T(10, 12)), //  -25 % of 10 = -2.5 -> -2: 10 -> 8; cooldown 600 s
      alarm(low, T(10, 15), 100, 300, T(10, 12)), //  inside its own scale-in cooldown: stays 8
      schedule('evening-cap', T(20, 0)), //  max 6: 8 -> 6 at once
    ];
    const steps = await replayTriggers(config, events, { initialCapacity: 2 });
    expect(steps.map((step) => step.outcome.toCapacity)).toEqual([6, 7, 9, 9, 10, 8, 8, 6]);
  });

  it('migrates a predefined and a customized target tracking policy into a scaling.yml that validates and tracks as AAS did', async () => {
    const invocations: ScalingPolicy = {
      ...TARGET_TRACKING,
      Alarms: [
        {
          AlarmName: 'TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmHigh-5b1c',
          AlarmARN: `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmHigh-5b1c`,
        },
        {
          AlarmName: 'TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmLow-7d2e',
          AlarmARN: `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmLow-7d2e`,
        },
      ],
    };
    const cpu: ScalingPolicy = {
      ...TARGET_TRACKING,
      PolicyName: 'cpu-target',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 60,
        CustomizedMetricSpecification: {
          MetricName: 'CPUUtilization',
          Namespace: '/aws/sagemaker/Endpoints',
          Statistic: 'Average',
          Dimensions: [
            { Name: 'VariantName', Value: 'AllTraffic' },
            { Name: 'EndpointName', Value: 'fraud-detector' },
          ],
        },
      },
      Alarms: [
        {
          AlarmName: 'TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmHigh-aa11',
          AlarmARN: `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmHigh-aa11`,
        },
        {
          AlarmName: 'TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmLow-bb22',
          AlarmARN: `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmLow-bb22`,
        },
      ],
    };
    // AAS's own alarms, as DescribeAlarms shows them: the CPU policy's high alarm on 2 of 2.
    const native = (
      name: string,
      threshold: number,
      comparison: MetricAlarm['ComparisonOperator'],
      periods: number,
    ) => metricAlarm(name, threshold, comparison, periods);
    mockNative(
      [invocations, cpu],
      [
        native(
          'TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmHigh-5b1c',
          700,
          'GreaterThanThreshold',
          3,
        ),
        native(
          'TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmLow-7d2e',
          630,
          'LessThanThreshold',
          15,
        ),
        native(
          'TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmHigh-aa11',
          60,
          'GreaterThanThreshold',
          2,
        ),
        native(
          'TargetTracking-endpoint/fraud-detector/variant/AllTraffic-AlarmLow-bb22',
          54,
          'LessThanThreshold',
          15,
        ),
      ],
    );
    const plan = planImport(await reader().read('fraud-detector', 'AllTraffic'), {
      adoptAlarms: false,
      mode: 'shadow',
    });
    const yaml = renderImportYaml(plan, { endpointName: 'fraud-detector', region: 'eu-west-1', at: T(8, 0) });
    expect(validateConfig(parseConfigDocument(yaml, 'imported.yml'))).toMatchObject({
      ok: true,
      warnings: [],
    });
    const config = parseConfigText(yaml, 'imported.yml');
    expect(config.targets[0]?.mode).toBe('shadow');
    expect(config.targets[0]?.targetTrackingPolicies).toEqual([
      {
        policyName: 'invocations-target',
        targetValue: 700,
        metric: { kind: 'predefined', predefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        scaleOutCooldown: 60,
        scaleInCooldown: 300,
        disableScaleIn: false,
        highAlarm: undefined,
        lowAlarm: undefined,
      },
      {
        policyName: 'cpu-target',
        targetValue: 60,
        // The variant's own dimensions are implied, so none are written.
        metric: {
          kind: 'customized',
          metricName: 'CPUUtilization',
          namespace: '/aws/sagemaker/Endpoints',
          statistic: 'Average',
          unit: undefined,
          dimensions: undefined,
        },
        scaleOutCooldown: 300,
        scaleInCooldown: 300,
        disableScaleIn: false,
        // The native high alarm's 2 of 2, where the scaler would create 3 of 3.
        highAlarm: { period: 60, evaluationPeriods: 2, datapointsToAlarm: 2 },
        lowAlarm: undefined,
      },
    ]);
    expect(plan.notes.filter((n) => n.kind === 'not-migrated')).toEqual([]);
    expect(plan.notes.find((n) => n.subject === 'policy cpu-target')?.message).toContain(
      "the scaler creates its own alarms (ScalerTargetTracking-...) with the period and datapoints of AAS's TargetTracking-... alarms (2 found)",
    );

    // The scaler's alarms, named after the policies. AAS, by hand, starting at 2 within [2, 10]:
    const tracking = (policy: string, role: 'High' | 'Low') =>
      `ScalerTargetTracking-endpoint/fraud-detector/variant/AllTraffic-${policy}-Alarm${role}`;
    const events: Trigger[] = [
      alarm(tracking('invocations-target', 'High'), T(10, 0), 1050, 700, T(10, 0)), // ceil(2 x 1.5) = 3
      // Inside its 60 s scale-out cooldown: from the 2 before it, ceil(2 x 2) = 4 > 3: raise to 4.
      alarm(tracking('invocations-target', 'High'), T(10, 0) + 30_000, 1400, 700, T(10, 0)),
      // The CPU policy is not held by the other's cooldown: ceil(4 x 90 / 60) = 6.
      alarm(tracking('cpu-target', 'High'), T(10, 2), 90, 60, T(10, 2)),
      // Scale-in waits until both tracking policies' low alarms are in ALARM.
      alarm(tracking('invocations-target', 'Low'), T(10, 10), 350, 630, T(10, 10)),
      // Both now: the larger of ceil(6 x 30 / 60) = 3 and ceil(6 x 350 / 700) = 3.
      alarm(tracking('cpu-target', 'Low'), T(10, 11), 30, 54, T(10, 11)),
    ];
    const steps = await replayTriggers(
      { targets: [{ ...(config.targets[0] as (typeof config.targets)[0]), mode: 'active' }] },
      events,
      { initialCapacity: 2 },
    );
    expect(steps.map((step) => step.outcome.toCapacity)).toEqual([3, 4, 6, 6, 3]);
    expect(steps[3]?.outcome.reasonCode).toBe('OtherPolicyNotInAlarm');

    // The native policies are what the scaler replaces: printed (never run) for removal.
    expect(removalCommands(plan.removals, 'eu-west-1').slice(0, 2)).toEqual([
      `aws application-autoscaling delete-scaling-policy --region eu-west-1 --service-namespace sagemaker --scalable-dimension ${DIMENSION} --resource-id ${RESOURCE} --policy-name invocations-target`,
      `aws application-autoscaling delete-scaling-policy --region eu-west-1 --service-namespace sagemaker --scalable-dimension ${DIMENSION} --resource-id ${RESOURCE} --policy-name cpu-target`,
    ]);
    // Read only: nothing is deleted or registered.
    expect(aas.calls().every((call) => /^Describe/.test(call.args[0].constructor.name))).toBe(true);
  });

  it('keeps a target tracking policy on a metric the variant cannot have as not migrated, saying why', async () => {
    const serverless: ScalingPolicy = {
      ...TARGET_TRACKING,
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 0.8,
        PredefinedMetricSpecification: {
          PredefinedMetricType: 'SageMakerVariantProvisionedConcurrencyUtilization',
        },
      },
    };
    mockNative([SCALE_OUT, serverless]);
    const plan = planImport(await reader().read('fraud-detector'), { adoptAlarms: false, mode: 'active' });
    expect(plan.notes.find((n) => n.subject === 'policy invocations-target')).toMatchObject({
      kind: 'not-migrated',
      message:
        "target tracking: its predefined metric SageMakerVariantProvisionedConcurrencyUtilization is not one of a SageMaker variant's",
    });
    expect(plan.removals.map((r) => r.name)).not.toContain('invocations-target');
  });

  it('splits a policy invoked by two alarms, and gives the second policy of a shared alarm its own copy, explaining both', async () => {
    const twoAlarms = stepPolicy(
      'scale-out-on-load',
      ['fraud-detector-invocations-high', 'fraud-detector-cpu-high'],
      {
        AdjustmentType: 'ChangeInCapacity',
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }],
      },
    );
    const sharedAlarm = stepPolicy('scale-out-emergency', ['fraud-detector-invocations-high'], {
      AdjustmentType: 'ExactCapacity',
      StepAdjustments: [
        { MetricIntervalLowerBound: 1000, ScalingAdjustment: 10 },
        { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 1000, ScalingAdjustment: 2 },
      ],
    });
    mockNative(
      [twoAlarms, sharedAlarm],
      [
        metricAlarm('fraud-detector-invocations-high', 800, 'GreaterThanOrEqualToThreshold', 3),
        {
          ...metricAlarm('fraud-detector-cpu-high', 300, 'GreaterThanThreshold', 5),
          MetricName: 'CPUUtilization',
          Namespace: '/aws/sagemaker/Endpoints',
          Statistic: 'Average',
        },
      ],
    );
    const native = await reader().read('fraud-detector');

    const plain = planImport(native, { adoptAlarms: false, mode: 'active' });
    expect(plain.validation.ok).toBe(true);
    expect(plain.document.targets[0]?.stepPolicies.map((p) => [p.policyName, p.alarmName])).toEqual([
      ['scale-out-on-load', 'fraud-detector-invocations-high'],
      ['scale-out-on-load-fraud-detector-cpu-high', 'fraud-detector-cpu-high'],
    ]);
    expect(plain.notes.map((n) => `${n.kind} ${n.subject}`)).toEqual([
      'changed policy scale-out-on-load',
      'not-migrated policy scale-out-emergency',
      'kept alarms',
    ]);
    expect(plain.notes[0]?.message).toContain('AAS ran them under one cooldown, here each has its own');
    // The emergency policy stays native, so it is not among the removals.
    expect(plain.removals.map((r) => r.name)).toEqual(['scale-out-on-load', 'morning-peak', 'evening-cap']);

    const adopted = planImport(native, { adoptAlarms: true, mode: 'active' });
    expect(adopted.validation.ok).toBe(true);
    expect(
      adopted.document.targets[0]?.stepPolicies.map((p) => [p.policyName, p.alarmName, p.alarm?.threshold]),
    ).toEqual([
      ['scale-out-on-load', 'fraud-detector-invocations-high', 800],
      ['scale-out-on-load-fraud-detector-cpu-high', 'fraud-detector-cpu-high', 300],
      ['scale-out-emergency', 'fraud-detector-invocations-high-scale-out-emergency', 800],
    ]);
    const yaml = renderImportYaml(adopted, { endpointName: 'fraud-detector', at: T(8, 0) });
    expect(yaml).toContain('# AAS: alarm fraud-detector-invocations-high also invoked scale-out-on-load;');
    expect(adopted.removals.map((r) => r.name)).toContain('scale-out-emergency');
  });

  it('writes --out and prints the removal commands through the CLI', async () => {
    mockNative();
    const out = join(mkdtempSync(join(tmpdir(), 'scaler-import-')), 'scaling.yml');
    let stdout = '';
    const program = new Command('scaler').exitOverride();
    registerOperate(program, {
      ...defaultOperateDeps,
      env: {},
      now: () => T(8, 0),
      write: (text) => {
        stdout += text;
      },
      clients: (options) => createOperateClients({ region: options.region ?? 'eu-west-1' }),
    });
    await program.parseAsync([
      'node',
      'scaler',
      'import',
      '--endpoint',
      'fraud-detector',
      '--out',
      out,
      '--region',
      'eu-west-1',
    ]);
    expect(parseConfigText(readFileSync(out, 'utf8'), out).targets).toHaveLength(1);
    expect(stdout).toContain(`wrote ${out} (passes scaler validate)`);
    expect(stdout).toContain(
      'Once the scaler is deployed, remove the native policies and scheduled actions it replaces (not run by scaler import):',
    );
    // Two step policies, the target tracking policy and two scheduled actions.
    expect(stdout.match(/aws application-autoscaling delete-/g)).toHaveLength(5);

    // A second run does not overwrite the file it wrote.
    const again = await program
      .parseAsync(['node', 'scaler', 'import', '--endpoint', 'fraud-detector', '--out', out])
      .catch((error: unknown) => error);
    expect(again).toBeInstanceOf(CliError);
    expect((again as CliError).exitCode).toBe(2);
  });
});
