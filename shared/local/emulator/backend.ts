/**
 * What the emulator serves: the simulator's own objects. The fleet answers SageMaker, the simulated
 * CloudWatch answers CloudWatch, so the local stack and `scaler simulate` share one model of an
 * endpoint and of alarms (never a second copy of the rules). Only the clock differs: a simulation
 * run moves it minute by minute; a standalone stack (`scaler local`) follows the wall clock.
 */
import type { SimulatedAlarmChange } from '../../sim/cloudwatch/alarm-event.ts';
import { SimulatedCloudWatch } from '../../sim/cloudwatch/simulated-cloudwatch.ts';
import { SimulatedMetricStore } from '../../sim/cloudwatch/simulated-metrics.ts';
import { SimulatedEndpointFleet } from '../../sim/fleet/simulated-endpoint.ts';
import type { SimulatedWorld } from '../../sim/simulated-world.ts';

/** The simulated services behind the emulator's HTTP face. */
export interface EmulatorBackend {
  fleet: SimulatedEndpointFleet;
  cloudWatch: SimulatedCloudWatch;
  /** In ARNs and error messages (the simulated fleet's own wording uses the same). */
  region: string;
  account: string;
  /** The time the services answer at; a wall-clock backend also moves its fleet there. */
  now(): number;
  /**
   * Each alarm's AlarmActions (PutMetricAlarm): the simulated alarms have no actions of their own,
   * but Application Auto Scaling lists the alarms whose actions name a step policy as its Alarms.
   */
  alarmActions: Map<string, readonly string[]>;
  /**
   * Where the alarm state changes of SetAlarmState go (each one's EventBridge event is
   * `alarmStateChangeEvent` of it): set by a
   * stack that delivers events on the wall clock (`scaler local`). Without it SetAlarmState is
   * refused: a simulation run's alarms are the run's to move.
   */
  alarmEvents?: ((change: SimulatedAlarmChange) => void) | undefined;
}

/** The simulator's defaults, which the fleet and CloudWatch of a simulated world also use. */
const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const MINUTE_MS = 60_000;

/** Serves a simulation run's world at the run's simulated time (the fleet's clock). */
export function simulationBackend(world: Pick<SimulatedWorld, 'fleet' | 'cloudWatch'>): EmulatorBackend {
  return {
    fleet: world.fleet,
    cloudWatch: world.cloudWatch,
    region: REGION,
    account: ACCOUNT,
    alarmActions: new Map(),
    // Before the first minute the fleet's clock has not started: the run's start stands in.
    now: () => (Number.isFinite(world.fleet.now) ? world.fleet.now : world.cloudWatch.metrics.start),
  };
}

/**
 * How far back PutMetricData accepts a timestamp: CloudWatch takes datapoints up to two weeks old
 * (and up to two hours ahead), https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html
 */
export const METRIC_PAST_DAYS = 14;

/**
 * An empty world on the wall clock, for a stack that runs until stopped: endpoints and alarms are
 * created through the API (CreateEndpoint, PutMetricAlarm), metrics published with PutMetricData.
 * Its metric store spans the two weeks before now (what CloudWatch accepts) and `days` after.
 */
export function wallClockBackend(
  options: { instanceStartupSeconds?: number; days?: number } = {},
): EmulatorBackend {
  const now = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  const start = now - METRIC_PAST_DAYS * 1440 * MINUTE_MS;
  const metrics = new SimulatedMetricStore(start, (METRIC_PAST_DAYS + (options.days ?? 30)) * 1440);
  const fleet = new SimulatedEndpointFleet({
    instanceStartupSeconds: options.instanceStartupSeconds ?? 300,
    region: REGION,
    account: ACCOUNT,
  });
  fleet.advanceTo(now);
  return {
    fleet,
    cloudWatch: new SimulatedCloudWatch(metrics, { region: REGION, account: ACCOUNT }),
    region: REGION,
    account: ACCOUNT,
    alarmActions: new Map(),
    now() {
      const now = Math.max(Date.now(), fleet.now);
      fleet.advanceTo(now);
      return now;
    },
  };
}
