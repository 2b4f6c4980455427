import type { AlarmEvidence } from './decision.ts';
import type { AlarmStateValue, StepAdjustment, SuspendedState, TargetConfig } from './model.ts';

/** Direction of a capacity change. */
export type Direction = 'out' | 'in';

/** The min/max that policies act within, and what set them. */
export interface BoundsInForce {
  minCapacity: number;
  maxCapacity: number;
  /** `config` for scaling.yml's own values, otherwise the scheduled action that set them. */
  setBy: { kind: 'config' } | { kind: 'scheduled'; scheduledActionName: string; scheduledTime: number };
  /** Processing time at which these bounds took effect. */
  since: number;
}

/**
 * A running cooldown of one policy in one direction. AAS: a cooldown starts when the
 * activity starts (SageMaker accepted the update) and lasts the policy's `cooldown`.
 */
export interface CooldownWindow {
  policyName: string;
  direction: Direction;
  startedAt: number;
  endsAt: number;
  /** Capacity before the initiating activity: a later, larger step is measured from it. */
  baselineCapacity: number;
  /** Largest capacity any step asked for inside this cooldown (before clamping). */
  targetCapacity: number;
}

/** What accepting a capacity change does to the cooldowns. */
export type CooldownEffect =
  | {
      kind: 'start';
      policyName: string;
      direction: Direction;
      seconds: number;
      baselineCapacity: number;
      targetCapacity: number;
    }
  /** A larger scale-out inside a running scale-out cooldown: neither restarts it nor moves its baseline. */
  | { kind: 'raise'; policyName: string; targetCapacity: number };

/**
 * A capacity change the scaler decided and has not yet seen through. `inFlight` is written
 * before SageMaker is called (so a retry after a crash re-applies the same absolute count);
 * `deferred` waits for the endpoint to be InService again and is retried by the tick.
 */
export interface ScalingIntent {
  activityId: string;
  /** `<eventId>` or `<action>@<slot>`: the key of the event that produced it. */
  eventKey: string;
  /**
   * The id of that event, so the activity keeps naming it when a later invocation (a retry, the
   * tick) finishes the intent. Absent in state written before it was recorded.
   */
  eventId?: string | undefined;
  decidedAt: number;
  /** When its activity began: earlier than decidedAt for a deferred intent retried later. */
  activityStart: number;
  fromCapacity: number;
  desiredCapacity: number;
  cause: string;
  /** The decision's reason, kept for the activity record written when the intent ends. */
  reason: string;
  policyName?: string | undefined;
  scheduledActionName?: string | undefined;
  alarm?: AlarmEvidence | undefined;
  cooldownEffect?: CooldownEffect | undefined;
  /** Why it waits (deferred intents only). */
  waitingFor?: string | undefined;
  /**
   * In-flight intents are recorded with their cooldown already started, so that concurrent
   * events see it; this is what to restore if SageMaker then refuses the update.
   */
  rollback?: { cooldowns: CooldownWindow[]; lastSetCapacity?: number | undefined } | undefined;
}

/**
 * A change SageMaker accepted, whose activity stays InProgress until the endpoint is seen
 * InService again with the count it asked for (AAS reports its activities the same way). If the
 * endpoint instead rolls back or fails, the activity fails and its cooldown is withdrawn.
 */
export interface AcceptedChange extends ScalingIntent {
  acceptedAt: number;
}

/** Everything the scaler remembers about one target between events. */
export interface TargetState {
  /** Optimistic-locking version: every write is conditional on it. */
  version: number;
  bounds: BoundsInForce;
  /** The min/max scaling.yml had when last seen: a change resets the bounds in force. */
  configBounds: { minCapacity: number; maxCapacity: number };
  /** The last capacity the scaler itself set (absent until it first acts). */
  lastSetCapacity?: number | undefined;
  cooldowns: CooldownWindow[];
  /** Newest `detail.state.timestamp` seen per alarm: older events are stale. */
  alarmTimestamps: Record<string, number>;
  /**
   * Target tracking low alarms as last seen, with their latest datapoint: several tracking policies
   * scale in only when all of them ask. Absent in state written before target tracking.
   */
  trackingLowAlarms?: Record<string, { state: AlarmStateValue; metric?: number | undefined }> | undefined;
  /** Per ForecastOnly policy, the start of the last interval whose would-be raise was recorded. */
  forecastOnlySeen?: Record<string, number> | undefined;
  /** Newest slot handled per scheduled action: the same slot again is a duplicate. */
  firedSlots: Record<string, number>;
  /** Newest slot of any scheduled action that set the bounds: an older slot arriving late is superseded. */
  newestScheduledSlot?: number | undefined;
  /** Runtime suspension (`scaler pause`); combines with scaling.yml's `suspendedState` by OR. */
  pausedState: SuspendedState;
  pauseReason?: string | undefined;
  inFlight?: ScalingIntent | undefined;
  deferred?: ScalingIntent | undefined;
  /** The last change SageMaker accepted, until the endpoint shows how it ended. */
  accepted?: AcceptedChange | undefined;
}

const NOT_SUSPENDED: SuspendedState = {
  dynamicScalingInSuspended: false,
  dynamicScalingOutSuspended: false,
  scheduledScalingSuspended: false,
};

/** The state of a target the scaler has never touched: the file's bounds, nothing running. */
export function initialTargetState(target: TargetConfig, now: number): TargetState {
  return {
    version: 0,
    bounds: {
      minCapacity: target.minCapacity,
      maxCapacity: target.maxCapacity,
      setBy: { kind: 'config' },
      since: now,
    },
    configBounds: { minCapacity: target.minCapacity, maxCapacity: target.maxCapacity },
    cooldowns: [],
    alarmTimestamps: {},
    firedSlots: {},
    pausedState: { ...NOT_SUSPENDED },
  };
}

/** A flag set in scaling.yml or by `scaler pause` suspends (semantics: "a flag set in either place"). */
export function effectiveSuspension(target: TargetConfig, state: TargetState): SuspendedState {
  const file = target.suspendedState;
  const paused = state.pausedState;
  return {
    dynamicScalingInSuspended: file.dynamicScalingInSuspended || paused.dynamicScalingInSuspended,
    dynamicScalingOutSuspended: file.dynamicScalingOutSuspended || paused.dynamicScalingOutSuspended,
    scheduledScalingSuspended: file.scheduledScalingSuspended || paused.scheduledScalingSuspended,
  };
}

/** Cooldowns still running at `now`. */
export function runningCooldowns(state: TargetState, now: number): CooldownWindow[] {
  return state.cooldowns.filter((window) => window.endsAt > now);
}

/** Formats a step interval the way the AWS console shows it, e.g. `[0, 200)` or `(-inf, -20]`. */
export function describeStepInterval(step: StepAdjustment, aboveThreshold: boolean): string {
  const lower = step.metricIntervalLowerBound ?? '-inf';
  const upper = step.metricIntervalUpperBound ?? '+inf';
  return aboveThreshold ? `[${lower}, ${upper})` : `(${lower}, ${upper}]`;
}
