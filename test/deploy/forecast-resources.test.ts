/**
 * What predictive policies add to a deployment, from the builders (no serverless CLI): the forecast
 * function's definition, role, schedule, queues and alerts, in the root stack whatever the layout,
 * nothing per target, nothing at all without a predictive policy; and the limit guard counting it.
 */
import { describe, expect, it } from 'vitest';
import { buildDeployment } from '../../deploy/build-resources.ts';
import type { Json } from '../../deploy/cfn.ts';
import { deploymentProblems } from '../../deploy/limits/check-deployment.ts';
import { DeploymentLimitError } from '../../deploy/limits/check-template.ts';
import {
  FORECAST_IDS,
  FORECAST_RETRY,
  FORECAST_SCHEDULE_EXPRESSION,
  FORECAST_TIMEOUT_SECONDS,
  forecastFunctionDefinition,
} from '../../deploy/resources/forecast.ts';
import { FORECAST_ERRORS_ALARM, forecastFunctionName } from '../../deploy/resources/forecast-alerting.ts';
import { deployedFunctions, FORECAST, FUNCTIONS, type StackSettings } from '../../deploy/stack.ts';
import { loadConfigFile } from '../../shared/config/index.ts';
import type { ScalingConfig } from '../../shared/domain/model.ts';
import { fireTimesBetween, parseScheduleExpression } from '../../shared/domain/schedule/index.ts';
import { fleetConfig } from './fleet-config.ts';
import { actionsOf, render, resource, resourcesOf, roleStatements, type Template } from './template.ts';

const settings: StackSettings = {
  service: 'sagemaker-scaler',
  stage: 'unit',
  tableName: 'sagemaker-scaler-unit',
  alertEmail: '',
  metricsNamespace: 'SageMakerScaler',
};

const predictive = loadConfigFile('test/fixtures/config/predictive.yml');
/** The same configuration without its predictive policies: two-targets.yml. */
const reactive: ScalingConfig = {
  targets: predictive.targets.map((target) => ({ ...target, predictivePolicies: [] })),
};

/** Every resource the builders add for the forecast (osls adds the function, log group and invoke config). */
const FORECAST_RESOURCES = [
  FORECAST.roleId,
  FORECAST.failureQueueId,
  `${FORECAST.failureQueueId}Policy`,
  FORECAST_IDS.schedule,
  FORECAST_IDS.schedulerRole,
  FORECAST_IDS.scheduleDlq,
  `${FORECAST_IDS.scheduleDlq}Policy`,
  `${FORECAST.logGroupId}FailedActivityFilter`,
  FORECAST_ERRORS_ALARM,
];

const rootOf = (config: ScalingConfig, nestedStacks = 0) =>
  buildDeployment(config, { ...settings, nestedStacks }).root as Template;

/** The logical ids only the first template has. */
const added = (with_: Template, without: Template) =>
  Object.keys(with_.Resources).filter((id) => !(id in without.Resources));

describe('the forecast function in the templates', () => {
  it('is deployed only when some target has a predictive policy', () => {
    expect(deployedFunctions(reactive)).toEqual(FUNCTIONS);
    expect(deployedFunctions(predictive)).toEqual([...FUNCTIONS, FORECAST]);
    expect(forecastFunctionDefinition(reactive)).toBeNull();
    const template = rootOf(reactive);
    expect(Object.keys(template.Resources).filter((id) => id.includes('Forecast'))).toEqual([]);
    expect(JSON.stringify(template)).not.toContain(FORECAST.functionId);
  });

  it('adds exactly its own resources, and a dead-letter alarm for each of its two queues', () => {
    const ids = added(rootOf(predictive), rootOf(reactive));
    const alarms = ids.filter((id) => id.startsWith('DeadLetterAlarm'));
    expect(ids.filter((id) => !alarms.includes(id)).sort()).toEqual([...FORECAST_RESOURCES].sort());
    expect(alarms.map((id) => render(resource(rootOf(predictive), id).Properties?.AlarmName))).toEqual([
      'sagemaker-scaler-unit-ForecastFailureQueue-not-empty',
      'sagemaker-scaler-unit-ForecastScheduleDeadLetterQueue-not-empty',
    ]);
  });

  it('changes nothing else: every other resource is the same as without predictive policies, but the dashboard', () => {
    const withForecast = rootOf(predictive);
    const without = rootOf(reactive);
    for (const [id, built] of Object.entries(without.Resources)) {
      if (id === 'ScalerDashboard') continue;
      expect(withForecast.Resources[id], id).toEqual(built);
    }
  });

  it('keeps the forecast in the root with nested stacks: no nested template changes', () => {
    const withForecast = buildDeployment(predictive, { ...settings, nestedStacks: 2 });
    const without = buildDeployment(reactive, { ...settings, nestedStacks: 2 });
    expect(withForecast.nested).toEqual(without.nested);
    const ids = added(withForecast.root as Template, without.root as Template);
    expect(ids).toEqual(expect.arrayContaining(FORECAST_RESOURCES));
  });

  it('defines the function with its role, timeout, bounded retries and its own failure queue', () => {
    expect(forecastFunctionDefinition(predictive)).toEqual({
      handler: 'functions/forecast.handler',
      role: 'ForecastExecutionRole',
      timeout: FORECAST_TIMEOUT_SECONDS,
      maximumRetryAttempts: 2,
      maximumEventAge: 3300,
      destinations: { onFailure: { type: 'sqs', arn: { 'Fn::GetAtt': ['ForecastFailureQueue', 'Arn'] } } },
    });
  });

  it('lets its Scheduler role invoke the forecast only, and write only its schedule queue', () => {
    const statements = roleStatements(resource(rootOf(predictive), FORECAST_IDS.schedulerRole));
    expect(statements.map((statement) => [actionsOf(statement), resourcesOf(statement)])).toEqual([
      [['lambda:InvokeFunction'], ['<ForecastLambdaFunction.Arn>']],
      [['sqs:SendMessage'], ['<ForecastScheduleDeadLetterQueue.Arn>']],
    ]);
  });

  it("pages when the forecast fails two hours running, and shows it on the dashboard's alerts and its own widget", () => {
    const template = rootOf(predictive);
    expect(resource(template, FORECAST_ERRORS_ALARM).Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: FORECAST.functionId } }],
      Period: 3600,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      AlarmActions: [{ Ref: 'AlertTopic' }],
    });
    const body = render(resource(template, 'ScalerDashboard').Properties?.DashboardBody);
    const widgets = (JSON.parse(body) as { widgets: { type: string; properties: Record<string, Json> }[] })
      .widgets;
    const alerts = JSON.stringify(widgets.find((widget) => widget.type === 'alarm')?.properties.alarms);
    for (const name of [
      'sagemaker-scaler-unit-forecast-errors',
      'sagemaker-scaler-unit-ForecastFailureQueue-not-empty',
      'sagemaker-scaler-unit-ForecastScheduleDeadLetterQueue-not-empty',
    ])
      expect(alerts).toContain(`:alarm:${name}"`);
    const forecast = widgets.find((widget) =>
      String(widget.properties.title).startsWith('Forecast function'),
    );
    expect(JSON.stringify(forecast?.properties.metrics)).toContain(
      `"FunctionName","${forecastFunctionName(settings)}"`,
    );
  });
});

describe('the hourly schedule', () => {
  const schedule = resource(rootOf(predictive), FORECAST_IDS.schedule).Properties ?? {};
  const parsed = parseScheduleExpression(String(schedule.ScheduleExpression));
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const day = Date.UTC(2026, 10, 26);
  const firings = fireTimesBetween(parsed.expression, { timezone: 'UTC' }, day, day + 86_400_000);

  it('runs the forecast at five past every hour, UTC, on time, dead letters to its own queue', () => {
    expect(schedule).toMatchObject({
      ScheduleExpression: FORECAST_SCHEDULE_EXPRESSION,
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [FORECAST.functionId, 'Arn'] },
        RoleArn: { 'Fn::GetAtt': [FORECAST_IDS.schedulerRole, 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [FORECAST_IDS.scheduleDlq, 'Arn'] } },
      },
    });
    expect(firings).toHaveLength(24);
    for (const [hour, firing] of firings.entries()) expect(firing).toBe(day + hour * 3_600_000 + 300_000);
  });

  it("stores each hour's forecast before the next hour's floor applies, for every policy's buffer, even after both retries", () => {
    // The last attempt ends at most: 3 runs of the whole timeout, and Lambda's 1 and 2 minute waits.
    const worstCase = 3 * FORECAST_TIMEOUT_SECONDS * 1000 + 3 * 60_000;
    const buffers = [
      300,
      ...predictive.targets.flatMap((t) => t.predictivePolicies.map((p) => p.schedulingBufferTime)),
    ];
    for (const firing of firings) {
      const nextInterval = Math.floor(firing / 3_600_000) * 3_600_000 + 3_600_000;
      for (const buffer of buffers) expect(firing + worstCase).toBeLessThan(nextInterval - buffer * 1000);
    }
    // And a run delayed longer than that is dropped by the time the next one is due.
    const [first = 0, second = 0] = firings;
    expect(FORECAST_RETRY.maximumEventAgeSeconds * 1000).toBeLessThanOrEqual(second - first);
  });
});

describe('the limit guard', () => {
  /** The example target copied n times, with and without a predictive policy on each. */
  const withForecasts = (config: ScalingConfig): ScalingConfig => {
    const [policy] = predictive.targets[0]?.predictivePolicies ?? [];
    if (!policy) throw new Error('the fixture has a predictive policy');
    return { targets: config.targets.map((target) => ({ ...target, predictivePolicies: [policy] })) };
  };
  const resourcesOfRoot = (config: ScalingConfig) => Object.keys(rootOf(config).Resources).length;

  it("counts the forecast's resources in the root: a fleet one stack holds without them is refused with them", () => {
    // The most copies of the example one stack holds (the count grows with the targets).
    let fits = 1;
    for (let step = 128; step >= 1; step /= 2)
      if (resourcesOfRoot(fleetConfig(fits + step)) <= 500) fits += step;
    const fleet = fleetConfig(fits);
    expect(resourcesOfRoot(fleet)).toBeLessThanOrEqual(500);
    expect(resourcesOfRoot(fleetConfig(fits + 1))).toBeGreaterThan(500);
    expect(deploymentProblems(rootOf(fleet), [], 0)).toEqual([]);

    const predictiveRoot = rootOf(withForecasts(fleet));
    const count = Object.keys(predictiveRoot.Resources).length;
    expect(count).toBe(resourcesOfRoot(fleet) + FORECAST_RESOURCES.length + 2);
    const message = new DeploymentLimitError(deploymentProblems(predictiveRoot, [], 0)).message;
    expect(message).toContain(`root stack: ${count} resources, ${count - 500} over the limit of 500`);
    expect(message).toContain('--param="nestedStacks=');
  });
});
