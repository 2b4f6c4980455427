/**
 * The CloudWatch alarms a simulation creates, from scaling.yml: one per step policy (its `alarm:`
 * block) and the ones of each target tracking policy, each checked against what the simulated
 * fleet publishes, and the configuration errors that stop a run.
 */
import { type StepPolicy, type TargetConfig, targetKey } from '../domain/model.ts';
import type { TrackingAlarm } from '../domain/target-tracking/alarms.ts';
import type { SimulatedAlarmDefinition } from './cloudwatch/alarm-event.ts';
import { CONCURRENCY_METRIC, type ServiceTime, SimulationOptionError } from './service-time.ts';

/** A scaling.yml the simulator cannot play (a configuration problem: exit 1 in the CLI). */
export class SimulationSetupError extends Error {
  override readonly name = 'SimulationSetupError';
}

/** The metrics the simulated fleet publishes, by namespace. */
const SIMULATED_METRICS: Record<string, readonly string[]> = {
  'AWS/SageMaker': ['Invocations', 'InvocationsPerInstance', CONCURRENCY_METRIC],
  '/aws/sagemaker/Endpoints': ['CPUUtilization'],
};

function checkSimulatedMetric(where: string, alarmName: string, namespace: string, metricName: string): void {
  if (SIMULATED_METRICS[namespace]?.includes(metricName)) return;
  const known = Object.entries(SIMULATED_METRICS)
    .map(([ns, names]) => `${names.join(', ')} in ${ns}`)
    .join('; ');
  throw new SimulationSetupError(
    `${where}: alarm ${alarmName} watches ${metricName} in ${namespace}, which the simulated fleet does not publish (it publishes ${known})`,
  );
}

/** The CloudWatch alarm the scaler would create for a policy (dimensions EndpointName/VariantName implied). */
export function simulatedAlarmDefinition(target: TargetConfig, policy: StepPolicy): SimulatedAlarmDefinition {
  const where = `${targetKey(target)} policy ${policy.policyName}`;
  if (!policy.alarm) {
    throw new SimulationSetupError(
      `${where}: alarm ${policy.alarmName} has no 'alarm:' block in scaling.yml, so the simulator cannot know what it watches; add the block (metric, statistic, period, threshold, ...) to simulate it`,
    );
  }
  checkSimulatedMetric(where, policy.alarmName, policy.alarm.namespace, policy.alarm.metricName);
  return {
    ...policy.alarm,
    alarmName: policy.alarmName,
    dimensions: { EndpointName: target.endpointName, VariantName: target.variantName },
    description: `Simulated alarm of ${where} (managed by sagemaker-scaler).`,
  };
}

/** The CloudWatch alarm the scaler creates for a target tracking policy, in the simulation. */
export function simulatedTrackingAlarm(target: TargetConfig, alarm: TrackingAlarm): SimulatedAlarmDefinition {
  const where = `${targetKey(target)} target tracking policy ${alarm.policyName}`;
  const { metric } = alarm;
  if (metric.kind === 'math') {
    throw new SimulationSetupError(
      `${where}: tracks a metric-math series, which the simulated CloudWatch does not evaluate; simulate it with a single metric`,
    );
  }
  checkSimulatedMetric(where, alarm.alarmName, metric.namespace, metric.metricName);
  return {
    alarmName: alarm.alarmName,
    metricName: metric.metricName,
    namespace: metric.namespace,
    statistic: metric.statistic,
    period: alarm.period,
    evaluationPeriods: alarm.evaluationPeriods,
    datapointsToAlarm: alarm.datapointsToAlarm,
    threshold: alarm.threshold,
    comparisonOperator: alarm.comparisonOperator,
    treatMissingData: alarm.treatMissingData,
    dimensions: metric.dimensions,
    description: `Simulated ${alarm.role} alarm of ${where} (managed by sagemaker-scaler).`,
  };
}

/**
 * ConcurrentRequestsPerModel exists only with a service time: refuse an alarm on it without one,
 * naming the options that give it.
 */
export function checkServiceTime(
  definitions: readonly SimulatedAlarmDefinition[],
  serviceTime: ServiceTime | undefined,
): void {
  if (serviceTime) return;
  const watching = definitions.find(
    (d) => d.metricName === CONCURRENCY_METRIC && d.namespace === 'AWS/SageMaker',
  );
  if (!watching) return;
  throw new SimulationOptionError(
    `alarm ${watching.alarmName} watches ${CONCURRENCY_METRIC}, which the simulator derives from arrivals and a service time (Little's law): give --latency-ms N (a fixed time per request) or --ms-per-token N (per context + generated token of the trace)`,
  );
}
