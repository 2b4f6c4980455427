/**
 * `scaler simulate`'s core: plays a trace minute by minute through the production decision path
 * (handleAlarm, handleSchedule, handleTick) behind simulated ports, and the AAS target-tracking
 * baseline beside it. Nothing here decides: every scaling decision is the use cases'.
 *
 * Each minute T, in order:
 * 1. the fleet advances to T (instances finish starting or draining);
 * 2. CloudWatch evaluates the alarms at T (datapoints visible at T, see `simulated-metrics.ts`) and
 *    each state change is delivered as its EventBridge JSON (by default through `parseAlarmEvent` +
 *    `handleAlarm`; the local stack delivers it to the real `on-alarm` handler instead);
 * 3. scheduled actions due by T are delivered (`parseScheduledEvent` + `handleSchedule`);
 * 4. the one-minute tick runs (`handleTick`, reading the simulated CloudWatch);
 * 5. the baseline decides at T on its own fleet;
 * 6. the minute [T, T + 1 min) is accounted (after the decisions at T, so an instance asked for at
 *    T is billed from T) and its metrics published, visible from T + metric delay.
 * Processing time is simulated time: every handler gets `now` = T.
 */
import type { ScalingConfig } from '../domain/model.ts';
import type { EventOutcome } from '../usecases/outcome.ts';
import { inProcessDelivery, type SimulationDeliveryFactory } from './delivery.ts';
import type { SimulatedEndpointFleet } from './simulated-endpoint.ts';
import { accountMinute, publishMinute } from './simulated-minute.ts';
import { scheduledActionEvent } from './simulated-scheduler.ts';
import { buildSimulatedWorld, type SimulatedTarget } from './simulated-world.ts';
import { countActions, summarizeSimulation } from './summary.ts';
import { selectTargets } from './target-selection.ts';
import type { SimulatedMinute, SimulationSummary } from './timeline.ts';
import { type SimulatedTrace, sliceTrace } from './trace.ts';

export type { SimulationDelivery, SimulationDeliveryFactory } from './delivery.ts';
export { SimulationSetupError } from './simulated-world.ts';
export { selectTargets, UnknownTargetError } from './target-selection.ts';

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
  /** Target InvocationsPerInstance of the baseline; default from the first scale-out alarm. */
  baselineTarget?: number;
  /** Multiplies the trace's counts. */
  scale?: number;
  /** Epoch ms: play the minutes in [from, to) only. */
  from?: number;
  to?: number;
  /** `endpoint/variant` (or `endpoint/<e>/variant/<v>`) of the targets to simulate; default all. */
  targets?: readonly string[];
  /** Told every simulated day (and at the end). */
  onProgress?: (minutesDone: number, minutesTotal: number) => void;
  /** Test hook: sees the fleet before the first minute (failure injection). */
  onFleet?: (fleet: SimulatedEndpointFleet) => void;
  /** How events reach the scaler; default: the use cases in process over the world's in-memory ports. */
  delivery?: SimulationDeliveryFactory;
  /** Told after each minute is accounted (a live timeline); not called at all when absent. */
  onMinute?: (minute: SimulatedMinuteReport) => void;
}

/** One played minute, for {@link SimulationOptions.onMinute}. */
export interface SimulatedMinuteReport {
  /** Index of the minute in the trace, and its start (epoch ms). */
  index: number;
  time: number;
  /** The outcomes of this minute's events, in the order the handlers returned them. */
  outcomes: readonly EventOutcome[];
  /** The targets: `policyMinutes[index]` is this minute as accounted, `alarmStates()` the alarms now. */
  targets: readonly SimulatedTarget[];
}

/** What a run produced for one target. */
export interface TargetSimulationResult {
  targetKey: string;
  endpointName: string;
  variantName: string;
  policy: SimulatedMinute[];
  baseline: SimulatedMinute[];
  outcomes: EventOutcome[];
  scheduledFirings: { time: number; scheduledActionName: string }[];
  alarmNames: string[];
  summary: SimulationSummary;
}

/** The whole run. */
export interface SimulationResult {
  start: number;
  minutes: number;
  targets: TargetSimulationResult[];
  /** Every outcome, in the order the handlers returned them. */
  outcomes: EventOutcome[];
  /** Alarm state-change events delivered. */
  alarmEvents: number;
}

const MINUTE_MS = 60_000;

/** Plays `trace` against every selected target of `config` (the same trace drives each). */
export async function runSimulation(
  config: ScalingConfig,
  fullTrace: SimulatedTrace,
  options: SimulationOptions,
): Promise<SimulationResult> {
  if (!(options.capacityPerInstance > 0)) {
    throw new RangeError(`capacityPerInstance must be > 0, found ${options.capacityPerInstance}`);
  }
  const selected = selectTargets(config, options.targets);
  const trace =
    options.scale === undefined && options.from === undefined && options.to === undefined
      ? fullTrace
      : sliceTrace(fullTrace, { scale: options.scale, from: options.from, to: options.to });
  const settings = {
    capacityPerInstance: options.capacityPerInstance,
    instanceStartupSeconds: options.instanceStartupSeconds ?? 300,
    drainSeconds: options.drainSeconds ?? 60,
    initialCapacity: options.initialCapacity,
    vcpusPerInstance: options.vcpusPerInstance ?? 4,
    metricDelayMinutes: options.metricDelayMinutes ?? 1,
    baselineTarget: options.baselineTarget,
  };
  const world = buildSimulatedWorld(selected, trace, settings);
  options.onFleet?.(world.fleet);
  const { fleet, cloudWatch, scheduler, targets } = world;
  const deliver = options.delivery ? await options.delivery(world) : inProcessDelivery(world.ports);
  const { onMinute } = options;
  const byKey = new Map(targets.map((target) => [target.key, target]));
  const outcomes: EventOutcome[] = [];
  const record = (list: readonly EventOutcome[]) => {
    for (const outcome of list) {
      outcomes.push(outcome);
      if (outcome.targetKey !== undefined) byKey.get(outcome.targetKey)?.outcomes.push(outcome);
    }
  };
  let alarmEvents = 0;
  let scheduledEvents = 0;
  for (let index = 0; index < trace.length; index++) {
    const now = trace.start + index * MINUTE_MS;
    const firstOutcome = outcomes.length;
    fleet.advanceTo(now);
    for (const event of cloudWatch.evaluateAlarms(now)) {
      alarmEvents++;
      record(await deliver.alarm(event, now));
    }
    const due = scheduler.due(now);
    for (const firing of due) {
      scheduledEvents++;
      record(
        await deliver.scheduled(scheduledActionEvent(firing, `simulated-schedule-${scheduledEvents}`), now),
      );
    }
    record(await deliver.tick(now, `simulated-tick-${index}`));
    const demand = trace.requests[index] as number;
    const gap = trace.gap[index] === 1;
    for (const target of targets) {
      await target.baseline.step(now, due.length === 0 ? due : due.filter((f) => target.firings.includes(f)));
      target.policyMinutes.push(accountPolicyMinute(target, index, now, demand, gap, settings));
      target.baselineMinutes.push(target.baseline.account(index, now, demand, gap));
    }
    onMinute?.({ index, time: now, outcomes: outcomes.slice(firstOutcome), targets });
    if ((index + 1) % 1440 === 0 || index + 1 === trace.length) options.onProgress?.(index + 1, trace.length);
  }
  return {
    start: trace.start,
    minutes: trace.length,
    outcomes,
    alarmEvents,
    targets: targets.map((target) => targetResult(target, settings)),
  };
}

function targetResult(
  target: SimulatedTarget,
  settings: { capacityPerInstance: number; instanceStartupSeconds: number },
): TargetSimulationResult {
  return {
    targetKey: target.key,
    endpointName: target.target.endpointName,
    variantName: target.target.variantName,
    policy: target.policyMinutes,
    baseline: target.baselineMinutes,
    outcomes: target.outcomes,
    scheduledFirings: target.firings.map((f) => ({
      time: f.time,
      scheduledActionName: f.scheduledActionName,
    })),
    alarmNames: target.alarmNames,
    summary: summarizeSimulation({
      policy: target.policyMinutes,
      baseline: target.baselineMinutes,
      policyActions: countActions(target.outcomes),
      baselineActions: target.baseline.activity,
      baselineTargetValue: target.baselineTarget,
      capacityPerInstance: settings.capacityPerInstance,
      instanceStartupSeconds: settings.instanceStartupSeconds,
      minCapacity: target.target.minCapacity,
    }),
  };
}

function accountPolicyMinute(
  target: SimulatedTarget,
  index: number,
  now: number,
  demand: number,
  gap: boolean,
  settings: { capacityPerInstance: number; vcpusPerInstance: number },
): SimulatedMinute {
  const states = target.alarmStates();
  const minute = accountMinute(target.variant, now, demand, gap, settings.capacityPerInstance, states);
  publishMinute(target.series, index, minute, settings.capacityPerInstance, settings.vcpusPerInstance);
  return minute;
}
