import type { StepAdjustment } from './model.ts';
import type { PredictiveFloor } from './predictive/floor.ts';
import type { CooldownEffect, TargetState } from './state.ts';

/**
 * Why a decision changed nothing. The AAS-like codes come first; the rest are the scaler's
 * own, each answering "why did it not scale?" for one situation.
 */
export type ReasonCode =
  | 'AlreadyAtMaxCapacity'
  | 'AlreadyAtMinCapacity'
  | 'AlreadyAtDesiredCapacity'
  | 'CooldownInEffect'
  | 'NoMatchingStep'
  | 'ZeroStepAdjustment'
  | 'ScalingSuspended'
  | 'EndpointNotInService'
  | 'DuplicateEvent'
  | 'StaleEvent'
  | 'UnknownAlarm'
  | 'UnknownScheduledAction'
  | 'AlarmNotInAlarm'
  | 'MissingMetricData'
  | 'MissingThreshold'
  | 'OutsideScheduleWindow'
  | 'InvalidScheduledBounds'
  | 'CapacityWithinNewBounds'
  /** Target tracking scale-in waits until every tracking policy with scale-in enabled agrees. */
  | 'OtherPolicyNotInAlarm'
  /** A ForecastOnly predictive policy would have raised capacity; it changes nothing. */
  | 'ForecastOnly';

export type DecisionAction = 'scale-out' | 'scale-in' | 'none';

/** What the scaler saw when an alarm drove the decision: the "why" of it. */
export interface AlarmEvidence {
  alarmName: string;
  policyName: string;
  /** Set for a target tracking policy (absent: a step policy). */
  policyType?: 'TargetTracking' | undefined;
  /** Target tracking: the metric tracked, its target value and the capacity the formula started from. */
  metricName?: string | undefined;
  targetValue?: number | undefined;
  measuredFrom?: number | undefined;
  metricValue?: number | undefined;
  threshold?: number | undefined;
  breachDelta?: number | undefined;
  step?: StepAdjustment | undefined;
  /** The capacity the step asked for before clamping. */
  requestedCapacity?: number | undefined;
  cooldownEndsAt?: number | undefined;
}

/** One decision: the new desired capacity, or why it stays, with the state it leaves behind. */
export interface Decision {
  action: DecisionAction;
  fromCapacity: number;
  toCapacity: number;
  /** What set the decision off, e.g. "alarm X in state ALARM triggered policy Y". */
  cause: string;
  /** A sentence a person can read. */
  reason: string;
  /** Set exactly when nothing changes. */
  reasonCode?: ReasonCode | undefined;
  policyName?: string | undefined;
  scheduledActionName?: string | undefined;
  alarm?: AlarmEvidence | undefined;
  /**
   * The state after deciding, whether or not the change is then applied: alarm timestamps,
   * handled scheduled slots, bounds set by a scheduled action.
   */
  state: TargetState;
  /** What the cooldowns become once SageMaker accepts the change. */
  cooldownEffect?: CooldownEffect | undefined;
  /** Set when this decision carries on an earlier activity (a deferred intent retried). */
  continuesActivity?: { activityId: string; startTime: number } | undefined;
}

/** The two inputs a decision takes from outside besides the trigger. */
export interface DecisionContext {
  /** Processing time (epoch ms): cooldowns and activity times are judged on it. */
  now: number;
  /** The variant's DesiredInstanceCount (not CurrentInstanceCount: they differ while Updating). */
  currentCapacity: number;
  /**
   * The ForecastAndScale floor in force now, from the stored forecast: dynamic policies act
   * within it (scale-in never below it; IncreaseMaxCapacity lifts max).
   */
  floor?: PredictiveFloor | undefined;
}

/** A decision before the state it leaves behind is attached. */
export type Candidate = Omit<Decision, 'state'>;

/** A decision (or a candidate one, without its state yet) that changes no capacity. */
export function notScaled<T extends { fromCapacity: number; cause: string }>(
  base: T,
  reason: string,
  reasonCode: ReasonCode,
): T & { action: 'none'; toCapacity: number; reason: string; reasonCode: ReasonCode } {
  // Object.assign, not spread: see ./objects.ts.
  return Object.assign({}, base, {
    action: 'none' as const,
    toCapacity: base.fromCapacity,
    reason,
    reasonCode,
  });
}

/** The action that moves `from` to `to`. */
export function actionBetween(from: number, to: number): DecisionAction {
  if (to > from) return 'scale-out';
  if (to < from) return 'scale-in';
  return 'none';
}

/** ISO text of an instant, for reasons a person reads. */
export function isoTime(instant: number): string {
  return new Date(instant).toISOString();
}

/** A metric value for a sentence: at most two decimals (941.6666 reads as 941.67). */
export function numberText(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}
