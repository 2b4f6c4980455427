import { alarmPolicyOf, policyAlarmNames } from '../../domain/alarm-policies.ts';
import {
  type PredictivePolicy,
  type SuspendedState,
  type TargetConfig,
  type TargetMode,
  targetKey,
} from '../../domain/model.ts';
import { floorsAt, nextFloorChange, type PredictiveFloor } from '../../domain/predictive/floor.ts';
import {
  type BoundsInForce,
  type CooldownWindow,
  initialTargetState,
  runningCooldowns,
  type ScalingIntent,
} from '../../domain/state.ts';
import type { EndpointCapacityPort, EndpointStatus } from '../../ports/endpoint-capacity.ts';
import { EndpointNotFoundError } from '../../ports/errors.ts';
import type { ForecastStore } from '../../ports/forecast-store.ts';
import type { ScalingStateStore } from '../../ports/scaling-state-store.ts';
import { type NextScheduled, nextScheduledAction, type ScheduleNote } from './next-scheduled.ts';
import type { AlarmInAlarm, AlarmStates } from './ports.ts';
import { marksOf, type StoredMarks } from './reset-marks.ts';

/** What `scaler status` reads. */
export interface StatusPorts {
  store: ScalingStateStore;
  endpoints: EndpointCapacityPort;
  alarmStates: AlarmStates;
  /** The stored forecasts of predictive policies (absent: none are shown). */
  forecasts?: ForecastStore | undefined;
}

/** A predictive policy's floor now and its next change, from its stored forecast. */
export interface PredictiveView {
  policyName: string;
  mode: PredictivePolicy['mode'];
  /** When the stored forecast was made; undefined when there is none. */
  forecastAt?: number | undefined;
  floor?: PredictiveFloor | undefined;
  next?: { at: number; floor: PredictiveFloor | undefined } | undefined;
}

/** The variant as SageMaker reports it, or why it could not be read. */
export type EndpointView =
  | {
      found: true;
      status: EndpointStatus;
      desiredInstanceCount: number;
      currentInstanceCount?: number | undefined;
    }
  | { found: false; problem: string };

/** One suspension flag and where it is set. */
export interface SuspensionView {
  flag: keyof SuspendedState;
  /** Set in scaling.yml's `suspendedState`. */
  file: boolean;
  /** Set at runtime by `scaler pause`. */
  paused: boolean;
}

/** Everything `scaler status` shows for one target. */
export interface TargetStatus {
  target: string;
  endpointName: string;
  variantName: string;
  mode: TargetMode;
  endpoint: EndpointView;
  /** False while the scaler has never written state for the target (it then uses the file's bounds). */
  hasState: boolean;
  bounds: BoundsInForce;
  /** Set when scaling.yml's min/max differ from what the state last saw: the next event resets the bounds. */
  pendingConfigBounds?: { minCapacity: number; maxCapacity: number } | undefined;
  lastSetCapacity?: number | undefined;
  cooldowns: (CooldownWindow & { leftMs: number })[];
  alarmsInAlarm: (AlarmInAlarm & { policyName: string })[];
  inFlight?: ScalingIntent | undefined;
  deferred?: ScalingIntent | undefined;
  /** The last change SageMaker accepted, while the endpoint has not yet shown how it ended. */
  accepted?: ScalingIntent | undefined;
  suspension: SuspensionView[];
  pauseReason?: string | undefined;
  nextScheduled: NextScheduled;
  scheduleNotes: ScheduleNote[];
  predictive: PredictiveView[];
  /** The newest-seen marks staleness is judged on (`scaler reset-marks` clears them). */
  marks: StoredMarks;
}

const FLAGS: readonly (keyof SuspendedState)[] = [
  'dynamicScalingInSuspended',
  'dynamicScalingOutSuspended',
  'scheduledScalingSuspended',
];

/**
 * The status of each target at `now`: one DescribeAlarms for all their alarms, then per target
 * the state item and DescribeEndpoint, read side by side. Nothing is written.
 */
export async function describeStatus(
  ports: StatusPorts,
  targets: readonly TargetConfig[],
  now: number,
): Promise<TargetStatus[]> {
  const alarmNames = [...new Set(targets.flatMap(policyAlarmNames))];
  const inAlarm = alarmNames.length > 0 ? await ports.alarmStates.alarmsInAlarm(alarmNames) : [];
  return Promise.all(targets.map((target) => statusOf(ports, target, inAlarm, now)));
}

async function statusOf(
  ports: StatusPorts,
  target: TargetConfig,
  inAlarm: readonly AlarmInAlarm[],
  now: number,
): Promise<TargetStatus> {
  const [{ state: stored }, endpoint, predictive] = await Promise.all([
    ports.store.load(targetKey(target), ''),
    readEndpoint(ports.endpoints, target),
    predictiveViews(ports, target, now),
  ]);
  const state = stored ?? initialTargetState(target, now);
  const file = { minCapacity: target.minCapacity, maxCapacity: target.maxCapacity };
  const configChanged =
    state.configBounds.minCapacity !== file.minCapacity ||
    state.configBounds.maxCapacity !== file.maxCapacity;
  const { next, notes } = nextScheduledAction(target, now);
  return {
    target: targetKey(target),
    endpointName: target.endpointName,
    variantName: target.variantName,
    mode: target.mode,
    endpoint,
    hasState: stored !== undefined,
    bounds: state.bounds,
    pendingConfigBounds: configChanged ? file : undefined,
    lastSetCapacity: state.lastSetCapacity,
    cooldowns: runningCooldowns(state, now).map((window) => ({ ...window, leftMs: window.endsAt - now })),
    alarmsInAlarm: inAlarm.flatMap((alarm) => {
      const policy = alarmPolicyOf(target, alarm.alarmName)?.policy;
      return policy ? [{ ...alarm, policyName: policy.policyName }] : [];
    }),
    inFlight: state.inFlight,
    deferred: state.deferred,
    accepted: state.accepted,
    suspension: FLAGS.map((flag) => ({
      flag,
      file: target.suspendedState[flag],
      paused: state.pausedState[flag],
    })),
    pauseReason: state.pauseReason,
    nextScheduled: next,
    scheduleNotes: notes,
    predictive,
    marks: marksOf(state),
  };
}

async function readEndpoint(endpoints: EndpointCapacityPort, target: TargetConfig): Promise<EndpointView> {
  try {
    const variant = await endpoints.describeVariant(target.endpointName, target.variantName);
    return {
      found: true,
      status: variant.endpointStatus,
      desiredInstanceCount: variant.desiredInstanceCount,
      currentInstanceCount: variant.currentInstanceCount,
    };
  } catch (error) {
    // A missing or unusable variant is part of the status, not a reason to show none.
    // UnsupportedEndpointError (a serverless variant) is the SageMaker adapter's: known by name
    // so that this use case stays clear of adapters.
    if (
      error instanceof EndpointNotFoundError ||
      (error instanceof Error && error.name === 'UnsupportedEndpointError')
    ) {
      return { found: false, problem: error.message };
    }
    throw error;
  }
}

async function predictiveViews(
  ports: StatusPorts,
  target: TargetConfig,
  now: number,
): Promise<PredictiveView[]> {
  if (target.predictivePolicies.length === 0) return [];
  const names = target.predictivePolicies.map((policy) => policy.policyName);
  const stored = ports.forecasts ? await ports.forecasts.loadForecasts(targetKey(target), names) : [];
  const floors = floorsAt(target, stored, now);
  return target.predictivePolicies.map((policy) => {
    const forecast = stored.find((candidate) => candidate.policyName === policy.policyName);
    return {
      policyName: policy.policyName,
      mode: policy.mode,
      forecastAt: forecast?.createdAt,
      floor: floors.find((floor) => floor.policy === policy),
      next: forecast && nextFloorChange(target, policy, forecast, now),
    };
  });
}
