/**
 * Builds the simulated world a run plays in: the endpoint fleet, the metric store, CloudWatch with
 * one alarm per step policy (from its scaling.yml `alarm:` block), the scheduler, the production
 * ports (in-memory state, sequential ids) and one target-tracking baseline per target.
 */
import { InMemoryStateStore } from '../adapters/memory/memory-state-store.ts';
import { SequentialIds } from '../adapters/memory/sequential-ids.ts';
import {
  type AlarmStateValue,
  type ScalingConfig,
  type StepPolicy,
  type TargetConfig,
  targetKey,
} from '../domain/model.ts';
import type { TickPorts } from '../usecases/handle-tick.ts';
import type { EventOutcome } from '../usecases/outcome.ts';
import type { SimulatedAlarmDefinition } from './cloudwatch/alarm-event.ts';
import { SimulatedCloudWatch } from './cloudwatch/simulated-cloudwatch.ts';
import { SimulatedMetricStore } from './cloudwatch/simulated-metrics.ts';
import { SimulatedEndpointFleet } from './fleet/simulated-endpoint.ts';
import type { SimulatedVariant } from './fleet/simulated-variant.ts';
import { TargetTrackingBaseline } from './references/target-tracking-baseline.ts';
import { type VariantMetricSeries, variantMetricSeries } from './simulated-minute.ts';
import { type SimulatedFiring, SimulatedScheduler, scheduledFirings } from './simulated-scheduler.ts';
import type { SimulatedMinute } from './timeline.ts';
import type { SimulatedTrace } from './trace/trace.ts';

/** A scaling.yml the simulator cannot play (a configuration problem: exit 1 in the CLI). */
export class SimulationSetupError extends Error {
  override readonly name = 'SimulationSetupError';
}

/** The world's settings, defaults applied. */
export interface WorldSettings {
  capacityPerInstance: number;
  instanceStartupSeconds: number;
  drainSeconds: number;
  initialCapacity?: number | undefined;
  vcpusPerInstance: number;
  metricDelayMinutes: number;
  baselineTarget?: number | undefined;
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
  baseline: TargetTrackingBaseline;
  baselineTarget: number;
  /** Filled by the run, minute by minute. */
  policyMinutes: SimulatedMinute[];
  baselineMinutes: SimulatedMinute[];
  /** The outcomes the handlers returned for this target. */
  outcomes: EventOutcome[];
}

export interface SimulatedWorld {
  ports: TickPorts;
  fleet: SimulatedEndpointFleet;
  metrics: SimulatedMetricStore;
  cloudWatch: SimulatedCloudWatch;
  scheduler: SimulatedScheduler;
  targets: SimulatedTarget[];
}

/** The metrics the simulated fleet publishes, by namespace. */
const SIMULATED_METRICS: Record<string, readonly string[]> = {
  'AWS/SageMaker': ['Invocations', 'InvocationsPerInstance'],
  '/aws/sagemaker/Endpoints': ['CPUUtilization'],
};

/** The CloudWatch alarm the scaler would create for a policy (dimensions EndpointName/VariantName implied). */
export function simulatedAlarmDefinition(target: TargetConfig, policy: StepPolicy): SimulatedAlarmDefinition {
  const where = `${targetKey(target)} policy ${policy.policyName}`;
  if (!policy.alarm) {
    throw new SimulationSetupError(
      `${where}: alarm ${policy.alarmName} has no 'alarm:' block in scaling.yml, so the simulator cannot know what it watches; add the block (metric, statistic, period, threshold, ...) to simulate it`,
    );
  }
  const { namespace, metricName } = policy.alarm;
  if (!SIMULATED_METRICS[namespace]?.includes(metricName)) {
    const known = Object.entries(SIMULATED_METRICS)
      .map(([ns, names]) => `${names.join(', ')} in ${ns}`)
      .join('; ');
    throw new SimulationSetupError(
      `${where}: alarm ${policy.alarmName} watches ${metricName} in ${namespace}, which the simulated fleet does not publish (it publishes ${known})`,
    );
  }
  return {
    ...policy.alarm,
    alarmName: policy.alarmName,
    dimensions: { EndpointName: target.endpointName, VariantName: target.variantName },
    description: `Simulated alarm of ${where} (managed by sagemaker-scaler).`,
  };
}

/**
 * The baseline's target InvocationsPerInstance: `--baseline-target`, or the threshold of the
 * first scale-out policy's alarm when it watches InvocationsPerInstance (per minute: a Sum over
 * a longer period is divided by its minutes).
 */
export function baselineTargetValue(target: TargetConfig, explicit?: number): number {
  if (explicit !== undefined) return explicit;
  const policy = target.stepPolicies.find((p) => p.alarm?.comparisonOperator.startsWith('Greater'));
  const alarm = policy?.alarm;
  if (alarm?.metricName !== 'InvocationsPerInstance') {
    throw new SimulationSetupError(
      `${targetKey(target)}: no scale-out policy alarm on InvocationsPerInstance to take the baseline's target value from; pass --baseline-target (invocations per instance per minute)`,
    );
  }
  return alarm.statistic === 'Sum' ? alarm.threshold / (alarm.period / 60) : alarm.threshold;
}

/** Builds the world for `config`'s targets over the trace's minutes. */
export function buildSimulatedWorld(
  config: ScalingConfig,
  trace: SimulatedTrace,
  settings: WorldSettings,
): SimulatedWorld {
  const fleet = new SimulatedEndpointFleet({
    instanceStartupSeconds: settings.instanceStartupSeconds,
    drainSeconds: settings.drainSeconds,
  });
  const metrics = new SimulatedMetricStore(trace.start, trace.length, settings.metricDelayMinutes);
  const cloudWatch = new SimulatedCloudWatch(metrics);
  const end = trace.start + trace.length * 60_000;
  const firings = scheduledFirings(config.targets, trace.start, end);
  const defined = new Map<string, string>();
  const targets = config.targets.map((target): SimulatedTarget => {
    const key = targetKey(target);
    for (const policy of target.stepPolicies) {
      const definition = simulatedAlarmDefinition(target, policy);
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
    const baselineTarget = baselineTargetValue(target, settings.baselineTarget);
    const alarmNames = [...new Set(target.stepPolicies.map((policy) => policy.alarmName))];
    return {
      target,
      key,
      variant: fleet.seedVariant(target.endpointName, target.variantName, initialCapacity),
      series: variantMetricSeries(metrics, target.endpointName, target.variantName),
      alarmNames,
      alarmStates: cloudWatch.statesReader(alarmNames),
      firings: firings.filter(
        (f) => f.endpointName === target.endpointName && f.variantName === target.variantName,
      ),
      baselineTarget,
      policyMinutes: [],
      baselineMinutes: [],
      outcomes: [],
      baseline: new TargetTrackingBaseline(target, {
        targetValue: baselineTarget,
        capacityPerInstance: settings.capacityPerInstance,
        instanceStartupSeconds: settings.instanceStartupSeconds,
        drainSeconds: settings.drainSeconds,
        initialCapacity,
        vcpusPerInstance: settings.vcpusPerInstance,
        metricDelayMinutes: settings.metricDelayMinutes,
        start: trace.start,
        length: trace.length,
      }),
    };
  });
  const ports: TickPorts = {
    config,
    endpoints: fleet,
    store: new InMemoryStateStore(),
    ids: new SequentialIds(),
    alarms: cloudWatch,
  };
  return { ports, fleet, metrics, cloudWatch, scheduler: new SimulatedScheduler(firings), targets };
}
