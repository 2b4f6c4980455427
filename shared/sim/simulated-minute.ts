/**
 * One simulated step of one variant (a minute, or 10 s in a high-resolution run): what arrived,
 * what its serving instances could take, what was billed, and the SageMaker metrics CloudWatch
 * would receive for it.
 */
import type { AlarmStateValue } from '../domain/model.ts';
import type { SimulatedMetricStore } from './cloudwatch/simulated-metrics.ts';
import type { SimulatedVariant } from './fleet/simulated-variant.ts';
import { CONCURRENCY_METRIC, concurrencyPerModel } from './service-time.ts';
import type { SimulatedMinute } from './timeline.ts';

/** The per-step series a variant publishes: AWS/SageMaker invocations and concurrency, the instance CPU. */
export interface VariantMetricSeries {
  /** `AWS/SageMaker` Invocations: requests arrived. */
  invocations: Float64Array;
  /** `AWS/SageMaker` InvocationsPerInstance: requests arrived / instances serving. */
  invocationsPerInstance: Float64Array;
  /** `/aws/sagemaker/Endpoints` CPUUtilization: load × 100 × vCPUs (summed over cores, 400 % max on 4). */
  cpuUtilization: Float64Array;
  /** `AWS/SageMaker` ConcurrentRequestsPerModel (`service-time.ts`), when the run has a service time. */
  concurrentRequestsPerModel?: Float64Array | undefined;
}

/** How a step is measured: its length and what an instance does in it. */
export interface StepSettings {
  /** Seconds per step: 60, or 10 in a high-resolution run. */
  stepSeconds: number;
  /** Requests one instance serves per minute at 100 % load. */
  capacityPerInstance: number;
  vcpusPerInstance: number;
}

/**
 * Requests one instance serves in a step: the per-minute capacity, prorated. The fleet's
 * accounting and the oracle both use this one product, so "enough instances" means the same to both.
 */
export function capacityPerStep(capacityPerInstance: number, stepSeconds: number): number {
  return stepSeconds === 60 ? capacityPerInstance : (capacityPerInstance * stepSeconds) / 60;
}

/**
 * The variant's series in the store (dimensions EndpointName and VariantName, as SageMaker
 * publishes); `concurrency` adds ConcurrentRequestsPerModel.
 */
export function variantMetricSeries(
  metrics: SimulatedMetricStore,
  endpointName: string,
  variantName: string,
  concurrency = false,
): VariantMetricSeries {
  const dimensions = { EndpointName: endpointName, VariantName: variantName };
  const sageMaker = (metricName: string) =>
    metrics.seriesOf({ namespace: 'AWS/SageMaker', metricName, dimensions });
  return {
    invocations: sageMaker('Invocations'),
    invocationsPerInstance: sageMaker('InvocationsPerInstance'),
    cpuUtilization: metrics.seriesOf({
      namespace: '/aws/sagemaker/Endpoints',
      metricName: 'CPUUtilization',
      dimensions,
    }),
    concurrentRequestsPerModel: concurrency ? sageMaker(CONCURRENCY_METRIC) : undefined,
  };
}

/**
 * Accounts the step starting at `time`: demand beyond what the serving instances can take in
 * the step is unserved. A gap step has no demand (and no metrics).
 */
export function accountMinute(
  variant: SimulatedVariant,
  time: number,
  demand: number,
  gap: boolean,
  capacityPerInstance: number,
  alarmStates: Record<string, AlarmStateValue>,
  stepSeconds = 60,
): SimulatedMinute {
  const stepMs = stepSeconds * 1000;
  const servingInstances = variant.servingDuring(time, stepMs);
  const arrived = gap ? 0 : demand;
  const servedRequests = Math.min(
    arrived,
    servingInstances * capacityPerStep(capacityPerInstance, stepSeconds),
  );
  return {
    time,
    demand: arrived,
    gap,
    servingInstances,
    desiredInstances: variant.desired,
    billedInstances: variant.billedDuring(time, stepMs),
    servedRequests,
    unservedRequests: arrived - servedRequests,
    alarmStates,
  };
}

/**
 * Publishes the step's datapoints at index `stepIndex`. A gap publishes nothing (the metric is
 * missing there); with no instance serving there is nothing per instance to report either.
 * `serviceSeconds` is the model time the step's arrivals need (for ConcurrentRequestsPerModel).
 */
export function publishMinute(
  series: VariantMetricSeries,
  stepIndex: number,
  minute: SimulatedMinute,
  settings: StepSettings,
  serviceSeconds?: number,
): void {
  if (minute.gap) return;
  series.invocations[stepIndex] = minute.demand;
  const serving = minute.servingInstances;
  if (serving <= 0) return;
  series.invocationsPerInstance[stepIndex] = minute.demand / serving;
  const load =
    minute.servedRequests / (serving * capacityPerStep(settings.capacityPerInstance, settings.stepSeconds));
  series.cpuUtilization[stepIndex] = load * 100 * settings.vcpusPerInstance;
  if (series.concurrentRequestsPerModel && serviceSeconds !== undefined) {
    series.concurrentRequestsPerModel[stepIndex] = concurrencyPerModel(
      serviceSeconds,
      settings.stepSeconds,
      serving,
    );
  }
}
