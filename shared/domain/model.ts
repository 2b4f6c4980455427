/**
 * The scaler's vocabulary: what a target is configured to do, what it remembers between
 * events, and what triggers a decision. Plain data only: no AWS types, no clock, no env.
 *
 * Field names follow Application Auto Scaling (AAS) in camelCase so a user can map a
 * scaling.yml line by line to the AAS API. Instants are epoch milliseconds (UTC).
 */

/** How a step's `scalingAdjustment` is applied (AAS `AdjustmentType`). */
export type AdjustmentType = 'ChangeInCapacity' | 'PercentChangeInCapacity' | 'ExactCapacity';

/** How the alarm's recent datapoints are reduced to one value (AAS `MetricAggregationType`). */
export type MetricAggregationType = 'Average' | 'Minimum' | 'Maximum';

/** One step of a step scaling policy. Bounds are offsets from the alarm threshold. */
export interface StepAdjustment {
  /** Missing means minus infinity. */
  metricIntervalLowerBound?: number | undefined;
  /** Missing means plus infinity. */
  metricIntervalUpperBound?: number | undefined;
  /** An integer; for percent policies 20 means 20 %. */
  scalingAdjustment: number;
}

export type ComparisonOperator =
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

export type TreatMissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

/** A CloudWatch alarm the scaler creates at deploy time for a policy (`alarm:` in scaling.yml). */
export interface AlarmDefinition {
  metricName: string;
  namespace: string;
  /** One of SampleCount, Average, Sum, Minimum, Maximum, or a percentile such as p99. */
  statistic: string;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
}

export interface StepPolicy {
  policyName: string;
  /** The alarm whose state drives this policy: the only link from an alarm event to a policy. */
  alarmName: string;
  alarm?: AlarmDefinition | undefined;
  adjustmentType: AdjustmentType;
  metricAggregationType: MetricAggregationType;
  /** Seconds; AAS default 300. */
  cooldown: number;
  /** Percent policies only: the smallest magnitude a non-zero adjustment may have. */
  minAdjustmentMagnitude?: number | undefined;
  stepAdjustments: StepAdjustment[];
}

export interface ScalableTargetAction {
  minCapacity?: number | undefined;
  maxCapacity?: number | undefined;
}

export interface ScheduledAction {
  scheduledActionName: string;
  /** `at(...)`, `rate(...)` or `cron(...)`, as EventBridge Scheduler / AAS write them. */
  schedule: string;
  /** IANA time zone name; default UTC. */
  timezone: string;
  /** Epoch ms; the action may not fire before it. */
  startTime?: number | undefined;
  /** Epoch ms; the action may not fire after it. */
  endTime?: number | undefined;
  scalableTargetAction: ScalableTargetAction;
}

/**
 * The metrics a target tracking policy may track by name (AAS `PredefinedMetricType` values for a
 * SageMaker variant's `sagemaker:variant:DesiredInstanceCount`).
 */
export type PredefinedMetricType =
  | 'SageMakerVariantInvocationsPerInstance'
  | 'SageMakerVariantConcurrentRequestsPerModelHighResolution';

/** One query of a metric-math customized metric (AAS `TargetTrackingMetricDataQuery`). */
export interface MetricMathQuery {
  id: string;
  expression?: string | undefined;
  metricStat?:
    | {
        metricName: string;
        namespace: string;
        /** Absent: the variant's EndpointName and VariantName. */
        dimensions?: Record<string, string> | undefined;
        stat: string;
        unit?: string | undefined;
      }
    | undefined;
  label?: string | undefined;
  /** Exactly one query of the list returns the tracked series. */
  returnData: boolean;
}

/**
 * What a target tracking policy tracks: a predefined metric (AAS `PredefinedMetricSpecification`),
 * or a customized one (AAS `CustomizedMetricSpecification`): one metric with its statistic, or a
 * metric-math list. A customized metric without dimensions is the variant's own (EndpointName and
 * VariantName implied).
 */
export type TrackingMetricSpecification =
  | { kind: 'predefined'; predefinedMetricType: PredefinedMetricType }
  | {
      kind: 'customized';
      metricName: string;
      namespace: string;
      statistic: 'Average' | 'Minimum' | 'Maximum' | 'SampleCount' | 'Sum';
      unit?: string | undefined;
      dimensions?: Record<string, string> | undefined;
    }
  | { kind: 'math'; metrics: MetricMathQuery[] };

/**
 * How one of the two alarms of a target tracking policy evaluates (ours: AWS does not document
 * them; scaling.yml may override the defaults, and `scaler import` copies a native policy's).
 */
export interface TrackingAlarmEvaluation {
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
}

/** A target tracking scaling policy (AAS `TargetTrackingScalingPolicyConfiguration`). */
export interface TargetTrackingPolicy {
  policyName: string;
  /** The metric value to hold: > 0, in the metric's unit (invocations per instance per minute, ...). */
  targetValue: number;
  metric: TrackingMetricSpecification;
  /** Seconds; AAS default 300 for SageMaker variants. */
  scaleOutCooldown: number;
  scaleInCooldown: number;
  /** True: the policy never removes capacity (and gets no low alarm). */
  disableScaleIn: boolean;
  /** Overrides of the high and low alarms' evaluation (see `target-tracking/alarms.ts`). */
  highAlarm?: Partial<TrackingAlarmEvaluation> | undefined;
  lowAlarm?: Partial<TrackingAlarmEvaluation> | undefined;
}

/**
 * A predictive scaling policy (ours for SageMaker, modelled on EC2 Auto Scaling's
 * `PredictiveScalingConfiguration`): capacity sized ahead of time for the forecast load.
 */
export interface PredictivePolicy {
  policyName: string;
  /** The load one instance should carry, per minute (e.g. invocations per instance per minute). */
  targetValue: number;
  /** The load the forecast learns: the variant's Invocations (Sum per minute) or a metric of the user's. */
  loadMetric:
    | { kind: 'predefined'; predefinedMetricType: 'SageMakerVariantInvocations' }
    | {
        kind: 'customized';
        metricName: string;
        namespace: string;
        statistic: 'Sum' | 'SampleCount';
        /** Absent: the variant's EndpointName and VariantName. */
        dimensions?: Record<string, string> | undefined;
      };
  /** `ForecastOnly` records what it would do; `ForecastAndScale` raises capacity to the forecast. */
  mode: 'ForecastOnly' | 'ForecastAndScale';
  /** Seconds before an interval starts that its capacity is put in place (0 to 3599). */
  schedulingBufferTime: number;
  maxCapacityBreachBehavior: 'HonorMaxCapacity' | 'IncreaseMaxCapacity';
  /** Percent above the forecast capacity the max may be lifted to (IncreaseMaxCapacity only). */
  maxCapacityBuffer?: number | undefined;
}

/** The three independent AAS suspension flags. */
export interface SuspendedState {
  dynamicScalingInSuspended: boolean;
  dynamicScalingOutSuspended: boolean;
  scheduledScalingSuspended: boolean;
}

/** `active` applies decisions; `shadow` decides and records but never changes the endpoint. */
export type TargetMode = 'active' | 'shadow';

/** One scalable target: a SageMaker endpoint variant. */
export interface TargetConfig {
  endpointName: string;
  variantName: string;
  minCapacity: number;
  maxCapacity: number;
  mode: TargetMode;
  suspendedState: SuspendedState;
  stepPolicies: StepPolicy[];
  targetTrackingPolicies: TargetTrackingPolicy[];
  predictivePolicies: PredictivePolicy[];
  scheduledActions: ScheduledAction[];
}

/** The whole of a validated scaling.yml. */
export interface ScalingConfig {
  targets: TargetConfig[];
}

/** AAS resource id of a variant: `endpoint/<EndpointName>/variant/<VariantName>`. */
export function targetKey(target: { endpointName: string; variantName: string }): string {
  let key = targetKeys.get(target);
  if (key === undefined) {
    key = `endpoint/${target.endpointName}/variant/${target.variantName}`;
    targetKeys.set(target, key);
  }
  return key;
}

/**
 * The key of each target object, built once (configurations are never changed in place): the
 * same string each time, so the maps keyed by it need not hash a new one every simulated minute.
 */
const targetKeys = new WeakMap<object, string>();

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/**
 * An alarm evaluation, from an EventBridge state-change event or from the one-minute tick's
 * re-evaluation of an alarm still in ALARM.
 */
export interface AlarmTrigger {
  kind: 'alarm';
  eventId: string;
  /** When the event says it happened (EventBridge `time`). */
  eventTime: number;
  alarmName: string;
  state: AlarmStateValue;
  previousState?: AlarmStateValue | undefined;
  /** `detail.state.timestamp`: staleness is judged on it. */
  stateTimestamp: number;
  /** The alarm's most recent datapoints (`reasonData.recentDatapoints`), possibly empty. */
  datapoints: number[];
  /** The alarm threshold (`reasonData.threshold`), when the event carries it. */
  threshold?: number | undefined;
  /**
   * The most recent datapoint (`reasonData.evaluatedDatapoints` by timestamp when present, else the
   * last of `recentDatapoints`): what target tracking measures. Absent when there is none.
   */
  latestDatapoint?: number | undefined;
  /** True when the state did not change: the tick's periodic re-evaluation. */
  reevaluation: boolean;
}

/** A scheduled action firing, from EventBridge Scheduler (or the simulator's scheduler). */
export interface ScheduledTrigger {
  kind: 'scheduled';
  /** The Scheduler's execution id: differs on every retry, so never used for deduplication. */
  eventId: string;
  endpointName: string;
  variantName: string;
  scheduledActionName: string;
  /** The scheduled slot (the Scheduler's `<aws.scheduler.scheduled-time>`). */
  scheduledTime: number;
}

export type Trigger = AlarmTrigger | ScheduledTrigger;
