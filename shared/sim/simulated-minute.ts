/**
 * One simulated minute of one variant: what arrived, what its serving instances could take, what
 * was billed, and the SageMaker metrics CloudWatch would receive for it.
 */
import type { AlarmStateValue } from '../domain/model.ts';
import type { SimulatedMetricStore } from './cloudwatch/simulated-metrics.ts';
import type { SimulatedVariant } from './fleet/simulated-variant.ts';
import type { SimulatedMinute } from './timeline.ts';

/** The per-minute series a variant publishes: AWS/SageMaker invocations and the instance CPU. */
export interface VariantMetricSeries {
  /** `AWS/SageMaker` Invocations: requests arrived. */
  invocations: Float64Array;
  /** `AWS/SageMaker` InvocationsPerInstance: requests arrived / instances serving. */
  invocationsPerInstance: Float64Array;
  /** `/aws/sagemaker/Endpoints` CPUUtilization: load × 100 × vCPUs (summed over cores, 400 % max on 4). */
  cpuUtilization: Float64Array;
}

/** The variant's series in the store (dimensions EndpointName and VariantName, as SageMaker publishes). */
export function variantMetricSeries(
  metrics: SimulatedMetricStore,
  endpointName: string,
  variantName: string,
): VariantMetricSeries {
  const dimensions = { EndpointName: endpointName, VariantName: variantName };
  return {
    invocations: metrics.seriesOf({ namespace: 'AWS/SageMaker', metricName: 'Invocations', dimensions }),
    invocationsPerInstance: metrics.seriesOf({
      namespace: 'AWS/SageMaker',
      metricName: 'InvocationsPerInstance',
      dimensions,
    }),
    cpuUtilization: metrics.seriesOf({
      namespace: '/aws/sagemaker/Endpoints',
      metricName: 'CPUUtilization',
      dimensions,
    }),
  };
}

/**
 * Accounts the minute starting at `time`: demand beyond what the serving instances can take in
 * the minute is unserved. A gap minute has no demand (and no metrics).
 */
export function accountMinute(
  variant: SimulatedVariant,
  time: number,
  demand: number,
  gap: boolean,
  capacityPerInstance: number,
  alarmStates: Record<string, AlarmStateValue>,
): SimulatedMinute {
  const servingInstances = variant.servingDuring(time);
  const arrived = gap ? 0 : demand;
  const servedRequests = Math.min(arrived, servingInstances * capacityPerInstance);
  return {
    time,
    demand: arrived,
    gap,
    servingInstances,
    desiredInstances: variant.desired,
    billedInstances: variant.billedDuring(time),
    servedRequests,
    unservedRequests: arrived - servedRequests,
    alarmStates,
  };
}

/**
 * Publishes the minute's datapoints at index `minuteIndex`. A gap publishes nothing (the metric is
 * missing there); with no instance serving there is nothing per instance to report either.
 */
export function publishMinute(
  series: VariantMetricSeries,
  minuteIndex: number,
  minute: SimulatedMinute,
  capacityPerInstance: number,
  vcpusPerInstance: number,
): void {
  if (minute.gap) return;
  series.invocations[minuteIndex] = minute.demand;
  const serving = minute.servingInstances;
  if (serving <= 0) return;
  series.invocationsPerInstance[minuteIndex] = minute.demand / serving;
  const load = minute.servedRequests / (serving * capacityPerInstance);
  series.cpuUtilization[minuteIndex] = load * 100 * vcpusPerInstance;
}
