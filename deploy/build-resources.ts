/**
 * Everything `serverless package` adds to the stack besides the functions, from a validated
 * scaling.yml and the deployment's settings: `{ Resources, Outputs, Conditions }` for
 * serverless.yml `resources:`, and, for a fleet too large for one stack, the nested stacks that
 * hold the per-target resources (alarms, schedules, alarm rules, dashboards). Pure: no file, no
 * CLI, no AWS.
 */
import type { ScalingConfig } from '../shared/domain/model.ts';
import { type Json, type Resources, ref, stackArn, type TemplateFragment } from './cfn.ts';
import { nestedTemplate } from './layout/nested-template.ts';
import { partitionTargets } from './layout/partition.ts';
import { ALARM_TAG_VALUE, ownershipTagKey } from './ownership.ts';
import { managedAlarmNames, scalingAlarmResources } from './resources/alarms.ts';
import { alertConditions, alertingResources } from './resources/alerting.ts';
import { dashboardResources, dashboardsOf, targetWidgets } from './resources/dashboard.ts';
import { forecastResources } from './resources/forecast.ts';
import { forecastAlerting, forecastWidgets } from './resources/forecast-alerting.ts';
import { executionRoleResources } from './resources/iam.ts';
import { deadLetterQueue } from './resources/queues.ts';
import { alarmRuleResources, alarmRules, tickRuleResources } from './resources/rules.ts';
import { scheduleEntries, scheduleResources, scheduleSupportResources } from './resources/schedules.ts';
import { tableResources } from './resources/table.ts';
import { deployedFunctions, IDS, type StackSettings } from './stack.ts';

/** A nested stack of the deployment: the root's resource and the template it points at. */
export interface NestedStackSpec {
  /** The AWS::CloudFormation::Stack's logical id in the root template. */
  logicalId: string;
  /** The template's file name, beside the packaged root template. */
  fileName: string;
  template: Record<string, Json>;
}

/** The root template's fragment and the nested stacks it points at (none for most fleets). */
export interface Deployment {
  root: TemplateFragment;
  nested: NestedStackSpec[];
}

/** What a nested stack's TemplateURL says until the packaging plugin puts the S3 URL there. */
export const NESTED_TEMPLATE_PLACEHOLDER = 'nested-template:';

/** Each function's on-failure destination: the queue its execution role alone may write. */
function failureQueues(config: ScalingConfig): Resources {
  return Object.assign(
    {},
    ...deployedFunctions(config).map((fn) =>
      deadLetterQueue(fn.failureQueueId, { kind: 'role', roleId: fn.roleId }),
    ),
  );
}

function idsOfType(resources: Resources, type: string): string[] {
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id]) => id);
}

function alarmNames(resources: Resources): string[] {
  return Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm')
    .map((resource) => String(resource.Properties?.AlarmName));
}

function outputs(resources: Resources): TemplateFragment['Outputs'] {
  const result: TemplateFragment['Outputs'] = {
    ScalerTableName: { Description: 'The scaling state and history table (retained)', Value: ref(IDS.table) },
    AlertTopicArn: { Description: 'Alerts: subscribe more endpoints here', Value: ref(IDS.alertTopic) },
    DashboardName: { Description: 'CloudWatch dashboard', Value: ref(IDS.dashboard) },
  };
  for (const id of idsOfType(resources, 'AWS::SQS::Queue')) {
    result[`${id}Url`] = { Description: `Dead letters: ${id}`, Value: ref(id) as Json };
  }
  return result;
}

function alarmTags(settings: StackSettings): Json[] {
  return [{ Key: ownershipTagKey(settings), Value: ALARM_TAG_VALUE }];
}

/** Names of the alarm rules in nested stacks: `<service>-<stage>-alarms-<stack>-<n>`. */
function nestedRulePrefix(settings: StackSettings): string {
  return `${settings.service}-${settings.stage}-alarms-`;
}

/** The per-target resources of one nested stack. */
function fleetPart(part: ScalingConfig, index: number, settings: StackSettings): Resources {
  const number = String(index + 1).padStart(2, '0');
  return {
    ...scalingAlarmResources(part, settings.stage, alarmTags(settings)),
    ...alarmRules(
      managedAlarmNames(part),
      settings.stage,
      (n) => `${nestedRulePrefix(settings)}${number}-${n + 1}`,
    ),
    ...scheduleEntries(part, settings.stage),
    ...dashboardsOf(
      targetWidgets(part, settings),
      'FleetDashboard',
      `${settings.service}-${settings.stage}-fleet-${number}`,
    ),
  };
}

/**
 * The resources every layout has in the root: table, tick, queues, roles, and the forecast's
 * (one function and schedule for all predictive policies, nothing per target).
 */
function coreResources(config: ScalingConfig, settings: StackSettings): Resources {
  return {
    ...tableResources(settings.tableName),
    ...tickRuleResources(settings.stage, settings.tickShards ?? 1),
    ...failureQueues(config),
    ...executionRoleResources(config, settings),
    ...forecastResources(config, settings),
  };
}

/** Adds alerting (which needs every queue) and the dashboard(s), and the outputs. */
function finish(
  core: Resources,
  config: ScalingConfig,
  settings: StackSettings,
  withTargetWidgets: boolean,
): TemplateFragment {
  const alerting = {
    ...alertingResources(settings, idsOfType(core, 'AWS::SQS::Queue')),
    ...forecastAlerting(config, settings),
  };
  const resources: Resources = {
    ...core,
    ...alerting,
    ...dashboardResources(
      config,
      settings,
      alarmNames(alerting),
      withTargetWidgets,
      forecastWidgets(config, settings),
    ),
  };
  return { Resources: resources, Outputs: outputs(resources), Conditions: alertConditions(settings) };
}

/** Everything in one stack: the layout of every fleet that fits in one. */
function singleStack(config: ScalingConfig, settings: StackSettings): Deployment {
  const core: Resources = {
    ...coreResources(config, settings),
    ...scalingAlarmResources(config, settings.stage, alarmTags(settings)),
    ...alarmRuleResources(config, settings.stage),
    ...scheduleResources(config, settings.stage),
  };
  return { root: finish(core, config, settings, true), nested: [] };
}

/** The root with what is shared, and `settings.nestedStacks` stacks of per-target resources. */
function withNestedStacks(config: ScalingConfig, settings: StackSettings, stacks: number): Deployment {
  const core = coreResources(config, settings);
  if (managedAlarmNames(config).length > 0) {
    Object.assign(
      core,
      deadLetterQueue(IDS.alarmRuleDlq, {
        kind: 'rule-pattern',
        ruleArnPattern: stackArn('events', `rule/${nestedRulePrefix(settings)}*`),
      }),
    );
  }
  if (config.targets.some((target) => target.scheduledActions.length > 0)) {
    Object.assign(core, scheduleSupportResources());
  }
  const nested: NestedStackSpec[] = [];
  partitionTargets(config.targets, stacks).forEach((targets, index) => {
    if (targets.length === 0) return;
    const number = String(index + 1).padStart(2, '0');
    const part = nestedTemplate(
      `sagemaker-scaler (${settings.stage}) fleet part ${number} of ${stacks}: alarms, alarm rules, schedules and dashboards of ${targets.length} targets`,
      fleetPart({ targets }, index, settings),
    );
    const logicalId = `FleetStack${number}`;
    nested.push({
      logicalId,
      fileName: `fleet-${number}.json`,
      template: part.template as unknown as Record<string, Json>,
    });
    core[logicalId] = {
      Type: 'AWS::CloudFormation::Stack',
      Properties: {
        TemplateURL: `${NESTED_TEMPLATE_PLACEHOLDER}fleet-${number}.json`,
        Parameters: part.parameters,
      },
    };
  });
  return { root: finish(core, config, settings, false), nested };
}

/** The whole deployment. */
export function buildDeployment(config: ScalingConfig, settings: StackSettings): Deployment {
  const stacks = settings.nestedStacks ?? 0;
  return stacks > 0 ? withNestedStacks(config, settings, stacks) : singleStack(config, settings);
}

/** The root fragment only (`resources:` of serverless.yml). */
export function buildResources(config: ScalingConfig, settings: StackSettings): TemplateFragment {
  return buildDeployment(config, settings).root;
}
