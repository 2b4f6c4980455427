import { describe, expect, it } from 'vitest';
import { buildResources } from '../../deploy/build-resources.ts';
import { dashboardBody } from '../../deploy/resources/dashboard.ts';
import { FUNCTIONS, type StackSettings } from '../../deploy/stack.ts';
import { loadConfigFile } from '../../shared/config/index.ts';
import { MALFORMED_EVENTS_METRIC } from '../../shared/wiring/outcome-telemetry.ts';

const settings: StackSettings = {
  service: 'sagemaker-scaler',
  stage: 'unit',
  tableName: 'sagemaker-scaler-unit',
  alertEmail: '',
  metricsNamespace: 'SageMakerScaler',
};
const config = loadConfigFile('scaling.yml');

describe('red-team 2.3: the MalformedEvents metric', () => {
  it('red-team 2.3: pages on any malformed event of any function, and the dashboard draws it', () => {
    const { Resources } = buildResources(config, settings);
    const alarm = Resources.MalformedEventsAlarm?.Properties as Record<string, unknown>;
    const body = JSON.parse(dashboardBody(config, settings, ['sagemaker-scaler-unit-malformed-events'])) as {
      widgets: { type: string; properties: { title?: string; metrics?: unknown; alarms?: string[] } }[];
    };

    expect(alarm).toMatchObject({
      AlarmName: 'sagemaker-scaler-unit-malformed-events',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: 'AlertTopic' }],
    });
    const metrics = alarm.Metrics as { Id: string; Expression?: string; MetricStat?: unknown }[];
    expect(metrics[0]?.Expression).toBe(`SUM([${FUNCTIONS.map((_, i) => `m${i}`).join(', ')}])`);
    expect(metrics.slice(1).map((m) => m.MetricStat)).toEqual(
      FUNCTIONS.map((fn) => ({
        Metric: {
          Namespace: 'SageMakerScaler',
          MetricName: MALFORMED_EVENTS_METRIC,
          Dimensions: [{ Name: 'service', Value: fn.serviceName }],
        },
        Period: 60,
        Stat: 'Sum',
      })),
    );
    const widget = body.widgets.find((w) => w.properties.title === 'Malformed events dropped');
    expect(JSON.stringify(widget?.properties.metrics)).toContain('MetricName=\\"MalformedEvents\\"');
    const alerts = body.widgets.find((w) => w.type === 'alarm');
    expect(alerts?.properties.alarms?.[0]).toContain(':alarm:sagemaker-scaler-unit-malformed-events');
  });
});
