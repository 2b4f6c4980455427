/**
 * The forecast function's alerts and dashboard widget, beside what every function has (its two
 * dead-letter queues are alarmed with the others by alerting.ts): its failed-activity log lines
 * counted into the one failed-activities alarm, an alarm when it fails hour after hour, and a
 * widget of its runs. Nothing without a predictive policy.
 */
import type { ScalingConfig } from '../../shared/domain/model.ts';
import { type Json, type Resources, ref } from '../cfn.ts';
import { FORECAST, hasPredictivePolicies, type StackSettings } from '../stack.ts';
import { alertAlarm, FAILED_ACTIVITY_FILTER_METRIC, FAILED_ACTIVITY_PATTERN } from './alerting.ts';
import { metricWidget, type Widget } from './dashboard.ts';

/** Logical id of the alarm on the forecast's errors. */
export const FORECAST_ERRORS_ALARM = 'ForecastErrorsAlarm';

/**
 * The function's name as osls gives it (`<service>-<stage>-<key>`), for the dashboard, whose body
 * is text: the package test checks it against the template's FunctionName.
 */
export function forecastFunctionName(settings: Pick<StackSettings, 'service' | 'stage'>): string {
  return `${settings.service}-${settings.stage}-${FORECAST.key}`;
}

/**
 * Errors in each of the last two hours. One failed hour is already in the function's queue (its
 * alarm fires) once the retries are spent; two in a row mean the forecast is failing, not
 * flaking. Until it works again the floors come from the last forecast stored, which covers 48
 * hours from when it was made; after that there is no floor.
 */
function errorsAlarm(settings: StackSettings): Resources {
  return {
    [FORECAST_ERRORS_ALARM]: alertAlarm(
      `${settings.service}-${settings.stage}-forecast-errors`,
      'The forecast function failed in each of the last two hours: predictive floors come from an older forecast (each covers 48 hours), then none.',
      {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: ref(FORECAST.functionId) }],
        Statistic: 'Sum',
        Period: 3600,
        EvaluationPeriods: 2,
        DatapointsToAlarm: 2,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      },
    ),
  };
}

/**
 * The forecast's log group counted into the failed-activities alarm like every function's: its
 * outcomes go through the same reporting, so a failed activity it ever records pages too.
 */
function failedActivityFilter(settings: StackSettings): Resources {
  return {
    [`${FORECAST.logGroupId}FailedActivityFilter`]: {
      Type: 'AWS::Logs::MetricFilter',
      Properties: {
        LogGroupName: ref(FORECAST.logGroupId),
        FilterPattern: FAILED_ACTIVITY_PATTERN,
        MetricTransformations: [
          {
            MetricNamespace: settings.metricsNamespace,
            MetricName: FAILED_ACTIVITY_FILTER_METRIC,
            MetricValue: '1',
            Unit: 'Count',
          },
        ],
      },
    },
  };
}

/** The forecast's alerts; the alarms among them go on the dashboard's alert widget. */
export function forecastAlerting(config: ScalingConfig, settings: StackSettings): Resources {
  if (!hasPredictivePolicies(config)) return {};
  return { ...failedActivityFilter(settings), ...errorsAlarm(settings) };
}

/** One widget: the forecast's runs each hour (invocations, errors, throttles) and its longest run. */
export function forecastWidgets(config: ScalingConfig, settings: StackSettings): Widget[] {
  if (!hasPredictivePolicies(config)) return [];
  const name = forecastFunctionName(settings);
  const metric = (metricName: string, stat: string, extra: Record<string, string> = {}): Json => [
    'AWS/Lambda',
    metricName,
    'FunctionName',
    name,
    { stat, ...extra },
  ];
  return [
    metricWidget(
      'Forecast function (hourly at :05 UTC): runs, errors, throttles, longest run',
      {
        period: 3600,
        metrics: [
          metric('Invocations', 'Sum'),
          metric('Errors', 'Sum'),
          metric('Throttles', 'Sum'),
          metric('Duration', 'Maximum', { yAxis: 'right', label: 'longest run (ms)' }),
        ],
      },
      24,
    ),
  ];
}
