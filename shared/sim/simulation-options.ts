/**
 * What a simulation run is asked for: `runSimulation`'s options, the world settings they come to
 * once defaults are applied, and the step report a live consumer (`onMinute`) is told.
 */
import type { EventOutcome } from '../usecases/outcome.ts';
import type { SimulationDeliveryFactory } from './delivery.ts';
import type { SimulatedEndpointFleet } from './fleet/simulated-endpoint.ts';
import type { ServiceTime } from './service-time.ts';
import type { SimulatedTarget, WorldSettings } from './simulated-world.ts';

/** Run options; all but `capacityPerInstance` have defaults. */
export interface SimulationOptions {
  /** Requests one instance serves per minute at 100 % load. */
  capacityPerInstance: number;
  /** Default 300. */
  instanceStartupSeconds?: number;
  /** Default 60. */
  drainSeconds?: number;
  /** Instances serving at the start; default each target's minCapacity. */
  initialCapacity?: number;
  /** Default 4 (CPUUtilization is summed over vCPUs). */
  vcpusPerInstance?: number;
  /** Default 1: a minute's datapoint is visible when the minute ends. */
  metricDelayMinutes?: number;
  /** Target InvocationsPerInstance of the baseline; default half of `capacityPerInstance`. */
  baselineTarget?: number;
  /**
   * How long a request holds a model, for ConcurrentRequestsPerModel (`service-time.ts`): needed
   * when an alarm watches that metric.
   */
  serviceTime?: ServiceTime;
  /** Multiplies the trace's counts. */
  scale?: number;
  /** Epoch ms: play the steps in [from, to) only. */
  from?: number;
  to?: number;
  /** `endpoint/variant` (or `endpoint/<e>/variant/<v>`) of the targets to simulate; default all. */
  targets?: readonly string[];
  /** Told every simulated day (and at the end), in steps (minutes unless the run is high-resolution). */
  onProgress?: (stepsDone: number, stepsTotal: number) => void;
  /** Test hook: sees the fleet before the first minute (failure injection). */
  onFleet?: (fleet: SimulatedEndpointFleet) => void;
  /** How events reach the scaler; default: the use cases in process over the world's in-memory ports. */
  delivery?: SimulationDeliveryFactory;
  /** Told after each step (minute) is accounted (a live timeline); not called at all when absent. */
  onMinute?: (minute: SimulatedMinuteReport) => void;
}

/** One played step (a minute unless the run is high-resolution), for {@link SimulationOptions.onMinute}. */
export interface SimulatedMinuteReport {
  /** Index of the step in the trace, and its start (epoch ms). */
  index: number;
  time: number;
  /** The outcomes of this minute's events, in the order the handlers returned them. */
  outcomes: readonly EventOutcome[];
  /** The targets: `policyMinutes[index]` is this minute as accounted, `alarmStates()` the alarms now. */
  targets: readonly SimulatedTarget[];
}

/**
 * The world's settings from `options`, defaults applied, at `stepSeconds` per step. Throws a
 * RangeError for a capacity not > 0.
 */
export function simulationSettings(options: SimulationOptions, stepSeconds = 60): WorldSettings {
  if (!(options.capacityPerInstance > 0)) {
    throw new RangeError(`capacityPerInstance must be > 0, found ${options.capacityPerInstance}`);
  }
  const service = options.serviceTime;
  const serviceValue = service && ('latencyMs' in service ? service.latencyMs : service.msPerToken);
  if (serviceValue !== undefined && !(serviceValue > 0)) {
    throw new RangeError(`the service time must be > 0 ms, found ${serviceValue}`);
  }
  return {
    capacityPerInstance: options.capacityPerInstance,
    instanceStartupSeconds: options.instanceStartupSeconds ?? 300,
    drainSeconds: options.drainSeconds ?? 60,
    initialCapacity: options.initialCapacity,
    vcpusPerInstance: options.vcpusPerInstance ?? 4,
    metricDelayMinutes: options.metricDelayMinutes ?? 1,
    baselineTarget: options.baselineTarget,
    stepSeconds,
    serviceTime: options.serviceTime,
  };
}
