/**
 * Builds the simulated world a run plays in: the endpoint fleet, the metric store (one datapoint
 * per step: a minute, or 10 s in a high-resolution run), CloudWatch with one alarm per step policy
 * (from its scaling.yml `alarm:` block) and the two alarms of each target tracking policy, the
 * scheduler, the production ports (in-memory state, sequential ids) and one target-tracking
 * baseline per target.
 */
import { InMemoryForecastStore } from '../adapters/memory/memory-forecast-store.ts';
import { InMemoryStateStore } from '../adapters/memory/memory-state-store.ts';
import { SequentialIds } from '../adapters/memory/sequential-ids.ts';
import { policyAlarmNames } from '../domain/alarm-policies.ts';
import { type AlarmStateValue, type ScalingConfig, type TargetConfig, targetKey } from '../domain/model.ts';
import { targetTrackingAlarms } from '../domain/target-tracking/alarms.ts';
import type { TickPorts } from '../usecases/handle-tick.ts';
import type { EventOutcome } from '../usecases/outcome.ts';
import type { ForecastPorts } from '../usecases/predictive/refresh-forecasts.ts';
import { SimulatedCloudWatch } from './cloudwatch/simulated-cloudwatch.ts';
import { SimulatedMetricStore } from './cloudwatch/simulated-metrics.ts';
import { SimulatedEndpointFleet } from './fleet/simulated-endpoint.ts';
import type { SimulatedVariant } from './fleet/simulated-variant.ts';
import { rememberingForecaster, traceFingerprint } from './predictive/simulated-forecasts.ts';
import { TargetTrackingBaseline } from './references/target-tracking-baseline.ts';
import { type ServiceTime, serviceSecondsPerStep } from './service-time.ts';
import {
  checkServiceTime,
  SimulationSetupError,
  simulatedAlarmDefinition,
  simulatedTrackingAlarm,
} from './simulated-alarms.ts';
import { type VariantMetricSeries, variantMetricSeries } from './simulated-minute.ts';
import { type SimulatedFiring, SimulatedScheduler, scheduledFirings } from './simulated-scheduler.ts';
import type { SimulatedMinute } from './timeline.ts';
import type { SimulatedTrace } from './trace/trace.ts';
import { TraceLoadHistory } from './trace/trace-load-history.ts';

export {
  SimulationSetupError,
  simulatedAlarmDefinition,
  simulatedTrackingAlarm,
} from './simulated-alarms.ts';

/** The world's settings, defaults applied. */
export interface WorldSettings {
  capacityPerInstance: number;
  instanceStartupSeconds: number;
  drainSeconds: number;
  initialCapacity?: number | undefined;
  vcpusPerInstance: number;
  metricDelayMinutes: number;
  baselineTarget?: number | undefined;
  /** Seconds per step: 60, or 10 when an alarm has a sub-minute period (`resolution.ts`). */
  stepSeconds: number;
  /** Feeds ConcurrentRequestsPerModel (`service-time.ts`); required when an alarm watches it. */
  serviceTime?: ServiceTime | undefined;
  /**
   * Default true. False builds the policy's fleet alone, without the target-tracking baseline
   * beside it: a tuner's candidate is judged on its own figures (`runPolicyFigures`).
   */
  references?: boolean | undefined;
}

/** One simulated target: its variant, metric series, alarms, firings and baseline. */
export interface SimulatedTarget {
  target: TargetConfig;
  key: string;
  variant: SimulatedVariant;
  series: VariantMetricSeries;
  alarmNames: string[];
  /** The alarms' states now, as one shared object until one changes. */
  alarmStates: () => Record<string, AlarmStateValue>;
  firings: SimulatedFiring[];
  /** Absent in a run without references (`WorldSettings.references`). */
  baseline: TargetTrackingBaseline | undefined;
  baselineTarget: number;
  /** `option`: `--baseline-target`; `default`: {@link BASELINE_SAFETY_FACTOR} × capacity per instance. */
  baselineTargetSource: 'option' | 'default';
  /** Filled by the run, step by step (left empty by a run without references: `runPolicyFigures`). */
  policyMinutes: SimulatedMinute[];
  baselineMinutes: SimulatedMinute[];
  /** The outcomes the handlers returned for this target (none kept by a run without references). */
  outcomes: EventOutcome[];
}

export interface SimulatedWorld {
  ports: TickPorts;
  fleet: SimulatedEndpointFleet;
  metrics: SimulatedMetricStore;
  cloudWatch: SimulatedCloudWatch;
  scheduler: SimulatedScheduler;
  targets: SimulatedTarget[];
  /**
   * The forecast function's ports, when a target has predictive policies: the world's state and
   * forecast store, the history trace as its load history (`predictive/simulated-forecasts.ts`).
   */
  forecasting?: ForecastPorts | undefined;
  /** Model time the arrivals of each step need, when the run has a service time. */
  serviceSeconds?: Float64Array | undefined;
}

/**
 * The baseline's target when `--baseline-target` is not given: half of what one instance serves
 * a minute. AWS suggests starting a SageMakerVariantInvocationsPerInstance target at
 * MAX_RPS × SAFETY_FACTOR × 60 with a safety factor of 0.5
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-loadtest.html). It never
 * follows the policy under test, so tuning scaling.yml does not move the reference.
 */
export const BASELINE_SAFETY_FACTOR = 0.5;

/** The baseline's target InvocationsPerInstance and where it came from. */
export function baselineTargetValue(
  capacityPerInstance: number,
  explicit?: number,
): { value: number; source: 'option' | 'default' } {
  if (explicit !== undefined) return { value: explicit, source: 'option' };
  return { value: capacityPerInstance * BASELINE_SAFETY_FACTOR, source: 'default' };
}

/**
 * Builds the world for `config`'s targets over the trace's steps. `history` is what a forecast may
 * read: the whole trace (scaled like the run), of which it only ever asks for hours already past.
 */
export function buildSimulatedWorld(
  config: ScalingConfig,
  trace: SimulatedTrace,
  settings: WorldSettings,
  history: SimulatedTrace = trace,
): SimulatedWorld {
  const fleet = new SimulatedEndpointFleet({
    instanceStartupSeconds: settings.instanceStartupSeconds,
    drainSeconds: settings.drainSeconds,
  });
  const { stepSeconds, serviceTime } = settings;
  const metrics = new SimulatedMetricStore(
    trace.start,
    trace.length,
    settings.metricDelayMinutes,
    stepSeconds,
  );
  const cloudWatch = new SimulatedCloudWatch(metrics);
  const end = trace.start + trace.length * stepSeconds * 1000;
  const firings = scheduledFirings(config.targets, trace.start, end);
  const defined = new Map<string, string>();
  const targets = config.targets.map((target): SimulatedTarget => {
    const key = targetKey(target);
    const definitions = [
      ...target.stepPolicies.map((policy) => simulatedAlarmDefinition(target, policy)),
      ...targetTrackingAlarms(target).map((alarm) => simulatedTrackingAlarm(target, alarm)),
    ];
    checkServiceTime(definitions, serviceTime);
    for (const definition of definitions) {
      const owner = defined.get(definition.alarmName);
      if (owner !== undefined && owner !== key) {
        throw new SimulationSetupError(
          `alarm ${definition.alarmName} drives policies of ${owner} and ${key}; the simulator creates one alarm per target's metric, so give each target its own alarm name`,
        );
      }
      defined.set(definition.alarmName, key);
      cloudWatch.putMetricAlarm(definition);
    }
    const initialCapacity = settings.initialCapacity ?? target.minCapacity;
    const baseline = baselineTargetValue(settings.capacityPerInstance, settings.baselineTarget);
    const alarmNames = [...policyAlarmNames(target)];
    return {
      target,
      key,
      variant: fleet.seedVariant(target.endpointName, target.variantName, initialCapacity),
      series: variantMetricSeries(
        metrics,
        target.endpointName,
        target.variantName,
        serviceTime !== undefined,
      ),
      alarmNames,
      alarmStates: cloudWatch.statesReader(alarmNames),
      firings: firings.filter(
        (f) => f.endpointName === target.endpointName && f.variantName === target.variantName,
      ),
      baselineTarget: baseline.value,
      baselineTargetSource: baseline.source,
      policyMinutes: [],
      baselineMinutes: [],
      outcomes: [],
      baseline:
        (settings.references ?? true)
          ? new TargetTrackingBaseline(target, {
              targetValue: baseline.value,
              capacityPerInstance: settings.capacityPerInstance,
              instanceStartupSeconds: settings.instanceStartupSeconds,
              drainSeconds: settings.drainSeconds,
              initialCapacity,
              vcpusPerInstance: settings.vcpusPerInstance,
              metricDelayMinutes: settings.metricDelayMinutes,
              start: trace.start,
              length: trace.length,
              stepSeconds,
            })
          : undefined,
    };
  });
  const predictive = config.targets.some((target) => target.predictivePolicies.length > 0);
  const ports: TickPorts = {
    config,
    endpoints: fleet,
    // The run keeps the outcomes the use cases return; nothing reads the store's history back.
    store: new InMemoryStateStore({ keepActivities: false }),
    ids: new SequentialIds(),
    alarms: cloudWatch,
    ...(predictive && { forecasts: new InMemoryForecastStore() }),
  };
  return {
    ports,
    fleet,
    metrics,
    cloudWatch,
    scheduler: new SimulatedScheduler(firings),
    targets,
    forecasting:
      ports.forecasts &&
      ({
        config,
        store: ports.store,
        ids: ports.ids,
        forecasts: ports.forecasts,
        loadHistory: new TraceLoadHistory(history),
        forecaster: rememberingForecaster(traceFingerprint(history)),
      } satisfies ForecastPorts),
    serviceSeconds: serviceTime && serviceSecondsPerStep(trace, serviceTime),
  };
}
