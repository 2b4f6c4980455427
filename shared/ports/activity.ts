import type { AlarmEvidence, ReasonCode } from '../domain/decision.ts';

/**
 * AAS activity statuses, plus `NotScaled` for decisions that changed nothing (AAS reports
 * those separately as "not scaled activities"; here they live in the same history).
 */
export type ActivityStatus =
  | 'Pending'
  | 'InProgress'
  | 'Successful'
  | 'Overridden'
  | 'Unfulfilled'
  | 'Failed'
  | 'NotScaled';

/** What happened to one decision, as the history shows it. */
export type ActivityAction = 'scale-out' | 'scale-in' | 'none' | 'deferred' | 'failed';

/** One entry of a target's activity history: every decision, including the ones that did not scale. */
export interface ActivityRecord {
  activityId: string;
  /** `endpoint/<EndpointName>/variant/<VariantName>` */
  targetKey: string;
  endpointName: string;
  variantName: string;
  /** The event that led to it (`tick:...` for the scaler's own re-evaluations). */
  eventId: string;
  eventKey: string;
  cause: string;
  startTime: number;
  endTime?: number | undefined;
  fromCapacity: number;
  toCapacity: number;
  action: ActivityAction;
  status: ActivityStatus;
  statusMessage: string;
  reasonCode?:
    | ReasonCode
    | 'ConfigurationChanged'
    | 'IntentOverridden'
    | 'EndpointFailed'
    | 'CapacityRejected'
    | 'NativePoliciesPresent'
    /** `scaler pause` / `scaler resume`: an operator changed the runtime suspension flags. */
    | 'ScalingPaused'
    | 'ScalingResumed'
    /** The forecast function made a predictive policy's forecast, or could not for lack of history. */
    | 'ForecastUpdated'
    | 'NotEnoughHistory'
    /** `scaler reset-marks`: an operator cleared the newest-seen marks that judge staleness. */
    | 'MarksReset'
    | undefined;
  policyName?: string | undefined;
  scheduledActionName?: string | undefined;
  alarm?: AlarmEvidence | undefined;
  /** True when the target runs in shadow mode: decided and recorded, never applied. */
  shadow?: boolean | undefined;
}
