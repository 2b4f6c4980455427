/**
 * One CloudWatch dashboard per deployment: per target, the desired capacity the scaler decided,
 * each step policy's alarm metric against its threshold and each target tracking policy's metric
 * against its target; for the deployment, the decisions by action
 * and the state of the alert alarms.
 *
 * The scaler's EMF metrics carry Powertools' `service` dimension (on-alarm, on-schedule, on-tick)
 * besides their own, so they are read with SEARCH and folded into one line per target or action.
 */

import type { ScalingConfig, TargetConfig } from '../../shared/domain/model.ts';
import { targetKey } from '../../shared/domain/model.ts';
import {
  SCALE_IN_THRESHOLD_RATIO,
  trackedMetric,
  trackingAlarmEvaluation,
} from '../../shared/domain/target-tracking/alarms.ts';
import type { ActivityAction } from '../../shared/ports/activity.ts';
import { MALFORMED_EVENTS_METRIC } from '../../shared/wiring/outcome-telemetry.ts';
import { type Json, join, type Resources, ref } from '../cfn.ts';
import { IDS, type StackSettings } from '../stack.ts';

const REGION = '@@AWS_REGION@@';
const ACCOUNT = '@@AWS_ACCOUNT_ID@@';
const PARTITION = '@@AWS_PARTITION@@';

/** Every action a decision can record (ports/activity.ts), one line each. */
export const DECISION_ACTIONS: readonly ActivityAction[] = [
  'scale-out',
  'scale-in',
  'none',
  'deferred',
  'failed',
];

/** One dashboard widget. */
export type Widget = Record<string, Json>;

/** Single quotes end a SEARCH expression's string: names with one cannot be searched. */
function searchValue(value: string): string {
  return value.replace(/["'\\]/g, '');
}

/** A time-series widget in the stack's region, one-minute periods unless `properties` say otherwise. */
export function metricWidget(title: string, properties: Record<string, Json>, width = 12): Widget {
  return {
    type: 'metric',
    width,
    height: 6,
    properties: { title, region: REGION, view: 'timeSeries', period: 60, ...properties },
  };
}

function desiredCapacityWidget(target: TargetConfig, namespace: string): Widget {
  const key = targetKey(target);
  const search = `{${namespace},service,target} MetricName="DesiredCapacity" target="${searchValue(key)}"`;
  return metricWidget(`Desired capacity: ${key} (${target.mode})`, {
    metrics: [
      [{ expression: `MAX(SEARCH('${search}', 'Maximum', 60))`, label: 'desired capacity', id: 'e1' }],
    ],
    yAxis: { left: { min: 0 } },
    annotations: {
      horizontal: [
        { label: 'minCapacity (file)', value: target.minCapacity },
        { label: 'maxCapacity (file)', value: target.maxCapacity },
      ],
    },
  });
}

function policyWidgets(target: TargetConfig): Widget[] {
  return target.stepPolicies.map((policy) => {
    const title = `${target.endpointName}/${target.variantName} ${policy.policyName}: ${policy.alarmName}`;
    const alarm = policy.alarm;
    if (alarm === undefined) {
      // An alarm made elsewhere: its own widget shows its metric and threshold.
      const arn = `arn:${PARTITION}:cloudwatch:${REGION}:${ACCOUNT}:alarm:${policy.alarmName}`;
      return metricWidget(title, { annotations: { alarms: [arn] } });
    }
    const stat = alarm.statistic;
    return metricWidget(title, {
      metrics: [
        [
          alarm.namespace,
          alarm.metricName,
          'EndpointName',
          target.endpointName,
          'VariantName',
          target.variantName,
          { stat, period: alarm.period },
        ],
      ],
      period: alarm.period,
      annotations: {
        horizontal: [{ label: `threshold (${alarm.comparisonOperator})`, value: alarm.threshold }],
      },
    });
  });
}

/** Each target tracking policy's metric against its target (and the 90 % its scale-in waits for). */
function trackingWidgets(target: TargetConfig): Widget[] {
  return target.targetTrackingPolicies.map((policy) => {
    const metric = trackedMetric(target, policy);
    const title = `${target.endpointName}/${target.variantName} ${policy.policyName}: target tracking`;
    const lines: Json[] =
      metric.kind === 'math'
        ? metric.queries.map((query) =>
            query.expression === undefined
              ? [
                  query.metricStat?.namespace ?? '',
                  query.metricStat?.metricName ?? '',
                  ...Object.entries(query.metricStat?.dimensions ?? {}).flat(),
                  { id: query.id, stat: query.metricStat?.stat ?? 'Average', visible: query.returnData },
                ]
              : [
                  {
                    expression: query.expression,
                    id: query.id,
                    label: query.label ?? query.id,
                    visible: query.returnData,
                  },
                ],
          )
        : [
            [
              metric.namespace,
              metric.metricName,
              ...Object.entries(metric.dimensions).flat(),
              { stat: metric.statistic },
            ],
          ];
    const horizontal: Json[] = [{ label: `target ${policy.targetValue}`, value: policy.targetValue }];
    if (!policy.disableScaleIn) {
      horizontal.push({ label: 'scale-in below', value: policy.targetValue * SCALE_IN_THRESHOLD_RATIO });
    }
    return metricWidget(title, {
      metrics: lines,
      period: trackingAlarmEvaluation(policy, 'high').period,
      annotations: { horizontal },
    });
  });
}

function decisionsWidget(namespace: string): Widget {
  return metricWidget(
    'Scaling decisions by action',
    {
      metrics: DECISION_ACTIONS.map((action, index) => [
        {
          expression:
            `SUM(SEARCH('{${namespace},action,reasonCode,service} MetricName="Decisions" ` +
            `action="${action}"', 'Sum', 60))`,
          label: action,
          id: `d${index}`,
        },
      ]),
      stat: 'Sum',
    },
    24,
  );
}

/** Malformed events dropped, per function: each is logged as `MalformedEvent` with its id. */
function malformedEventsWidget(namespace: string): Widget {
  return metricWidget(
    'Malformed events dropped',
    {
      metrics: [
        [
          {
            expression: `SEARCH('{${namespace},service} MetricName="${MALFORMED_EVENTS_METRIC}"', 'Sum', 60)`,
            label: 'malformed',
            id: 'm1',
          },
        ],
      ],
      stat: 'Sum',
      yAxis: { left: { min: 0 } },
    },
    24,
  );
}

function alertsWidget(alertAlarmNames: readonly string[]): Widget {
  return {
    type: 'alarm',
    width: 24,
    height: 3,
    properties: {
      title: 'Alerts',
      alarms: alertAlarmNames.map((name) => `arn:${PARTITION}:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`),
    },
  };
}

/**
 * A dashboard holds at most 500 widgets ("an array of between 0 and 500 widget objects",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html).
 */
export const MAX_WIDGETS_PER_DASHBOARD = 500;

/** The deployment's own widgets: its alerts and its decisions. */
export function deploymentWidgets(settings: StackSettings, alertAlarmNames: readonly string[]): Widget[] {
  return [
    alertsWidget(alertAlarmNames),
    decisionsWidget(settings.metricsNamespace),
    malformedEventsWidget(settings.metricsNamespace),
  ];
}

/** Each target's widgets: its desired capacity, then one per policy. */
export function targetWidgets(config: ScalingConfig, settings: StackSettings): Widget[] {
  return config.targets.flatMap((target) => [
    desiredCapacityWidget(target, settings.metricsNamespace),
    ...policyWidgets(target),
    ...trackingWidgets(target),
  ]);
}

/** The dashboard body as JSON, with the stack's region, account and partition still to fill in. */
export function dashboardBody(
  config: ScalingConfig,
  settings: StackSettings,
  alertAlarmNames: readonly string[],
): string {
  return JSON.stringify({
    widgets: [...deploymentWidgets(settings, alertAlarmNames), ...targetWidgets(config, settings)],
  });
}

/** The body as a template value: the placeholders become Refs of the pseudo parameters. */
export function fillPseudoParameters(body: string): Json {
  const parts: Json[] = [];
  for (const piece of body.split(/(@@AWS_REGION@@|@@AWS_ACCOUNT_ID@@|@@AWS_PARTITION@@)/)) {
    if (piece === REGION) parts.push(ref('AWS::Region'));
    else if (piece === ACCOUNT) parts.push(ref('AWS::AccountId'));
    else if (piece === PARTITION) parts.push(ref('AWS::Partition'));
    else if (piece !== '') parts.push(piece);
  }
  return join(parts);
}

/**
 * Dashboards for these widgets, 500 at most each: the first is `<logicalId>` named `<name>`, the
 * next `<logicalId>2` named `<name>-2`, and so on.
 */
export function dashboardsOf(widgets: readonly Widget[], logicalId: string, name: string): Resources {
  const resources: Resources = {};
  for (let start = 0, index = 0; start < Math.max(widgets.length, 1); start += MAX_WIDGETS_PER_DASHBOARD) {
    const suffix = index === 0 ? '' : String(index + 1);
    resources[`${logicalId}${suffix}`] = {
      Type: 'AWS::CloudWatch::Dashboard',
      Properties: {
        DashboardName: suffix === '' ? name : `${name}-${suffix}`,
        DashboardBody: fillPseudoParameters(
          JSON.stringify({ widgets: widgets.slice(start, start + MAX_WIDGETS_PER_DASHBOARD) }),
        ),
      },
    };
    index += 1;
  }
  return resources;
}

/**
 * The deployment's dashboard(s): its own widgets, the `functionWidgets` of functions only some
 * configurations deploy (the forecast's), then every target's (when `withTargets`).
 */
export function dashboardResources(
  config: ScalingConfig,
  settings: StackSettings,
  alertAlarmNames: readonly string[],
  withTargets = true,
  functionWidgets: readonly Widget[] = [],
): Resources {
  const widgets = [
    ...deploymentWidgets(settings, alertAlarmNames),
    ...functionWidgets,
    ...(withTargets ? targetWidgets(config, settings) : []),
  ];
  return dashboardsOf(widgets, IDS.dashboard, `${settings.service}-${settings.stage}`);
}
