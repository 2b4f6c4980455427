/**
 * Everything `serverless package` adds to the stack besides the functions, from a validated
 * scaling.yml and the deployment's settings: `{ Resources, Outputs, Conditions }` for
 * serverless.yml `resources:`. Pure: no file, no CLI, no AWS.
 */
import type { ScalingConfig } from '../shared/domain/model.ts';
import { type Json, type Resources, ref, type TemplateFragment } from './cfn.ts';
import { ALARM_TAG_VALUE, ownershipTagKey } from './ownership.ts';
import { scalingAlarmResources } from './resources/alarms.ts';
import { alertConditions, alertingResources } from './resources/alerting.ts';
import { dashboardResources } from './resources/dashboard.ts';
import { executionRoleResources } from './resources/iam.ts';
import { deadLetterQueue } from './resources/queues.ts';
import { alarmRuleResources, tickRuleResources } from './resources/rules.ts';
import { scheduleResources } from './resources/schedules.ts';
import { tableResources } from './resources/table.ts';
import { FUNCTIONS, IDS, type StackSettings } from './stack.ts';

/** Each function's on-failure destination: the queue its execution role alone may write. */
function failureQueues(): Resources {
  return Object.assign(
    {},
    ...FUNCTIONS.map((fn) => deadLetterQueue(fn.failureQueueId, { kind: 'role', roleId: fn.roleId })),
  );
}

function queueIds(resources: Resources): string[] {
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::SQS::Queue')
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
  for (const id of queueIds(resources)) {
    result[`${id}Url`] = { Description: `Dead letters: ${id}`, Value: ref(id) as Json };
  }
  return result;
}

/** The whole fragment. */
export function buildResources(config: ScalingConfig, settings: StackSettings): TemplateFragment {
  const core: Resources = {
    ...tableResources(settings.tableName),
    ...scalingAlarmResources(config, settings.stage, [
      { Key: ownershipTagKey(settings), Value: ALARM_TAG_VALUE },
    ]),
    ...alarmRuleResources(config, settings.stage),
    ...tickRuleResources(settings.stage),
    ...scheduleResources(config, settings.stage),
    ...failureQueues(),
    ...executionRoleResources(config, settings),
  };
  const alerting = alertingResources(settings, queueIds(core));
  const resources: Resources = {
    ...core,
    ...alerting,
    ...dashboardResources(config, settings, alarmNames(alerting)),
  };
  return { Resources: resources, Outputs: outputs(resources), Conditions: alertConditions(settings) };
}
