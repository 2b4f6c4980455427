/**
 * The comparison baseline: Application Auto Scaling target tracking on SageMakerVariantInvocations-
 * PerInstance, as AWS documents it, on its own instance of the same simulated fleet and alarms.
 * AAS creates two CloudWatch alarms for a target-tracking policy (`target-tracking-alarms.ts`):
 * "high" (3 of 3 one-minute datapoints above the target) and "low" (15 of 15 below 90 % of it).
 * While one is in ALARM, AAS sets capacity to ceil(current × metric / target), within min/max,
 * once a minute (a value within 1e-9 of a whole number counts as it). Cooldowns are 300 s each
 * way: a scale-in waits out every running cooldown, scale-out ones included (scaling-semantics.md);
 * during the scale-out cooldown the capacity the initiating scale-out added counts toward the
 * next, so only a larger need adds more. A refused update (endpoint Updating) is decided afresh
 * the next minute. This is an independent implementation of the rules the production decision
 * path follows for a target tracking policy; a test requires both to decide identically.
 * Scheduled actions exist in AAS too, so the target's scheduled min/max changes apply to the
 * baseline at the same times. In a high-resolution run its fleet and metrics step every 10 s like
 * the policy's (serving, billing), while it still decides once a minute, on its one-minute alarms.
 */
import type { TargetConfig } from '../../domain/model.ts';
import { SimulatedMetricStore } from '../cloudwatch/simulated-metrics.ts';
import { SimulatedEndpointFleet } from '../fleet/simulated-endpoint.ts';
import type { SimulatedVariant } from '../fleet/simulated-variant.ts';
import {
  accountMinute,
  publishMinute,
  type VariantMetricSeries,
  variantMetricSeries,
} from '../simulated-minute.ts';
import type { SimulatedFiring } from '../simulated-scheduler.ts';
import type { SimulatedMinute } from '../timeline.ts';
import { TargetTrackingAlarms } from './target-tracking-alarms.ts';

const COOLDOWN_MS = 300_000;

export interface TargetTrackingBaselineOptions {
  /** Target InvocationsPerInstance (requests per instance per minute). */
  targetValue: number;
  capacityPerInstance: number;
  instanceStartupSeconds: number;
  drainSeconds: number;
  initialCapacity: number;
  vcpusPerInstance: number;
  metricDelayMinutes: number;
  /** First step of the run and number of steps. */
  start: number;
  length: number;
  /** Seconds per step; default 60. */
  stepSeconds?: number;
}

/** Counters the summary reads. */
export interface BaselineActivity {
  scalingActions: number;
  /** Decisions refused at least once because the endpoint was Updating. */
  deferredActions: number;
}

/** AAS target tracking for one target, stepped minute by minute by the run. */
export class TargetTrackingBaseline {
  readonly activity: BaselineActivity = { scalingActions: 0, deferredActions: 0 };
  private readonly fleet: SimulatedEndpointFleet;
  private readonly variant: SimulatedVariant;
  private readonly series: VariantMetricSeries;
  private readonly alarms: TargetTrackingAlarms;
  private readonly stepSeconds: number;
  private bounds: { minCapacity: number; maxCapacity: number };
  private scaleOut: { endsAt: number; baseline: number } = { endsAt: Number.NEGATIVE_INFINITY, baseline: 0 };
  private scaleInEndsAt = Number.NEGATIVE_INFINITY;
  /** The capacity last refused, so one decision retried for minutes counts as one deferral. */
  private refused: number | undefined;

  constructor(
    readonly target: TargetConfig,
    private readonly options: TargetTrackingBaselineOptions,
  ) {
    this.fleet = new SimulatedEndpointFleet({
      instanceStartupSeconds: options.instanceStartupSeconds,
      drainSeconds: options.drainSeconds,
    });
    this.variant = this.fleet.seedVariant(target.endpointName, target.variantName, options.initialCapacity);
    this.stepSeconds = options.stepSeconds ?? 60;
    const metrics = new SimulatedMetricStore(
      options.start,
      options.length,
      options.metricDelayMinutes,
      this.stepSeconds,
    );
    this.series = variantMetricSeries(metrics, target.endpointName, target.variantName);
    this.alarms = new TargetTrackingAlarms(metrics, target, options.targetValue);
    this.bounds = { minCapacity: target.minCapacity, maxCapacity: target.maxCapacity };
  }

  /**
   * Advances to `now` and applies the scheduled firings due now. At the start of a minute
   * (`minute`) it also evaluates its alarms and decides, as AAS does once a minute; between whole
   * minutes (10-s steps) a firing only moves capacity into its new bounds.
   */
  step(now: number, firings: readonly SimulatedFiring[], minute = true): void {
    this.fleet.advanceTo(now);
    for (const firing of firings) this.applyScheduled(firing);
    if (!minute) {
      const bounded = this.clamp(this.variant.desired);
      if (bounded !== this.variant.desired) this.update(bounded, 'bounds', now);
      return;
    }
    this.alarms.evaluate(now);
    const suspended = this.target.suspendedState;
    // A scheduled bound first (no cooldown), then the policy: the larger of the two for scale-out.
    let wanted = this.clamp(this.variant.desired);
    let kind: 'bounds' | 'out' | 'in' = 'bounds';
    if (this.alarms.inAlarm('high') && !suspended.dynamicScalingOutSuspended) {
      const out = this.scaleOutCapacity(now);
      if (out > wanted) [wanted, kind] = [out, 'out'];
    } else if (
      this.alarms.inAlarm('low') &&
      !suspended.dynamicScalingInSuspended &&
      now >= this.scaleInEndsAt &&
      now >= this.scaleOut.endsAt
    ) {
      const metric = this.alarms.latestMetric('low', now);
      const scaleIn = metric === undefined ? wanted : this.clamp(this.tracked(this.variant.desired, metric));
      if (scaleIn < wanted) [wanted, kind] = [scaleIn, 'in'];
    }
    if (wanted !== this.variant.desired) this.update(wanted, kind, now);
  }

  /** Accounts the step starting at `time` and publishes its metrics. */
  account(stepIndex: number, time: number, demand: number, gap: boolean): SimulatedMinute {
    const { capacityPerInstance, vcpusPerInstance } = this.options;
    const minute = accountMinute(
      this.variant,
      time,
      demand,
      gap,
      capacityPerInstance,
      this.alarms.states(),
      this.stepSeconds,
    );
    publishMinute(this.series, stepIndex, minute, {
      stepSeconds: this.stepSeconds,
      capacityPerInstance,
      vcpusPerInstance,
    });
    return minute;
  }

  private scaleOutCapacity(now: number): number {
    const metric = this.alarms.latestMetric('high', now);
    if (metric === undefined) return this.variant.desired;
    const inCooldown = now < this.scaleOut.endsAt;
    const from = inCooldown ? this.scaleOut.baseline : this.variant.desired;
    return this.clamp(this.tracked(from, metric));
  }

  /** ceil(capacity × metric / target), a value within 1e-9 of a whole number counting as it. */
  private tracked(capacity: number, metric: number): number {
    const exact = (capacity * metric) / this.options.targetValue;
    const whole = Math.round(exact);
    return Math.abs(exact - whole) <= 1e-9 ? whole : Math.ceil(exact);
  }

  private applyScheduled(firing: SimulatedFiring): void {
    if (this.target.suspendedState.scheduledScalingSuspended) return;
    const action = this.target.scheduledActions.find(
      (a) => a.scheduledActionName === firing.scheduledActionName,
    );
    if (!action) return;
    this.bounds = {
      minCapacity: action.scalableTargetAction.minCapacity ?? this.bounds.minCapacity,
      maxCapacity: action.scalableTargetAction.maxCapacity ?? this.bounds.maxCapacity,
    };
  }

  private clamp(capacity: number): number {
    return Math.min(this.bounds.maxCapacity, Math.max(this.bounds.minCapacity, capacity));
  }

  private update(wanted: number, kind: 'bounds' | 'out' | 'in', now: number): void {
    const from = this.variant.desired;
    // SageMaker refuses an update while the endpoint is not InService (the fleet would throw
    // EndpointBusyError): asked first rather than caught, as this happens every minute of a start-up.
    if (this.fleet.endpointStatus(this.target.endpointName) !== 'InService') {
      if (this.refused !== wanted) this.activity.deferredActions++;
      this.refused = wanted;
      return;
    }
    this.fleet.applyUpdate(this.target.endpointName, [
      { variantName: this.target.variantName, desiredInstanceCount: wanted },
    ]);
    this.refused = undefined;
    this.activity.scalingActions++;
    // Cooldowns start with the activity; a top-up inside the scale-out cooldown keeps its baseline,
    // and a move to a scheduled bound starts none.
    if (kind === 'out' && now >= this.scaleOut.endsAt)
      this.scaleOut = { endsAt: now + COOLDOWN_MS, baseline: from };
    if (kind === 'in') this.scaleInEndsAt = now + COOLDOWN_MS;
  }
}
