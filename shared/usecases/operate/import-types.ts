import type {
  ScheduledAction as NativeScheduledAction,
  ScalableTarget,
  ScalingPolicy,
} from '@aws-sdk/client-application-auto-scaling';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';

/**
 * The native Application Auto Scaling setup of one variant, in the AAS API's own shapes: the
 * import's subject *is* that API, so its types are used as they are rather than mirrored.
 */
export interface NativeVariant {
  target: ScalableTarget;
  policies: ScalingPolicy[];
  scheduledActions: NativeScheduledAction[];
}

/** The variants of an endpoint registered with AAS, and the CloudWatch alarms their step policies use. */
export interface NativeConfiguration {
  variants: NativeVariant[];
  /** Metric alarms named by the step policies' `Alarms[]` (an alarm not found is absent). */
  alarms: MetricAlarm[];
}

/** Reads an endpoint's native configuration (every Describe call paginated). */
export interface NativeConfigurationReader {
  read(endpointName: string, variantName?: string): Promise<NativeConfiguration>;
}

/** A step of scaling.yml, as written. */
export interface StepDocument {
  metricIntervalLowerBound?: number;
  metricIntervalUpperBound?: number;
  scalingAdjustment: number;
}

/** An `alarm:` block of scaling.yml, as written. */
export interface AlarmDocument {
  metricName: string;
  namespace: string;
  statistic: string;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  threshold: number;
  comparisonOperator: string;
  treatMissingData: string;
}

/** A step policy of scaling.yml, as written (defaults left out). */
export interface PolicyDocument {
  policyName: string;
  alarmName: string;
  alarm?: AlarmDocument;
  adjustmentType: string;
  metricAggregationType?: string;
  cooldown?: number;
  minAdjustmentMagnitude?: number;
  stepAdjustments: StepDocument[];
}

/** A target tracking policy of scaling.yml, as written (AAS defaults left out). */
export interface TrackingDocument {
  policyName: string;
  targetValue: number;
  predefinedMetricSpecification?: { predefinedMetricType: string };
  customizedMetricSpecification?: {
    metricName?: string;
    namespace?: string;
    statistic?: string;
    unit?: string;
    dimensions?: { name: string; value: string }[];
    metrics?: Record<string, unknown>[];
  };
  scaleOutCooldown?: number;
  scaleInCooldown?: number;
  disableScaleIn?: boolean;
  highAlarm?: { period: number; evaluationPeriods: number; datapointsToAlarm: number };
  lowAlarm?: { period: number; evaluationPeriods: number; datapointsToAlarm: number };
}

/** A scheduled action of scaling.yml, as written. */
export interface ScheduledDocument {
  scheduledActionName: string;
  schedule: string;
  timezone?: string;
  startTime?: string;
  endTime?: string;
  scalableTargetAction: { minCapacity?: number; maxCapacity?: number };
}

/** A target of scaling.yml, as written. */
export interface TargetDocument {
  endpointName: string;
  variantName: string;
  minCapacity: number;
  maxCapacity: number;
  mode: 'active' | 'shadow';
  suspendedState?: {
    dynamicScalingInSuspended: boolean;
    dynamicScalingOutSuspended: boolean;
    scheduledScalingSuspended: boolean;
  };
  stepPolicies: PolicyDocument[];
  targetTrackingPolicies?: TrackingDocument[];
  scheduledActions: ScheduledDocument[];
}

/** Something the user must know about the import: what was not migrated, changed or kept, and why. */
export interface ImportNote {
  /** `endpoint/variant`, or undefined for the whole file. */
  target?: string | undefined;
  kind: 'not-migrated' | 'changed' | 'kept';
  subject: string;
  message: string;
}

/** A native policy or scheduled action the scaler now replaces: to delete once it is deployed. */
export interface NativeRemoval {
  kind: 'scaling-policy' | 'scheduled-action';
  resourceId: string;
  name: string;
}
