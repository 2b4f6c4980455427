/**
 * `scaler simulate`'s core: plays a trace step by step through the production decision path
 * (handleAlarm, handleSchedule, handleTick) behind simulated ports, and the AAS target-tracking
 * baseline beside it. Nothing here decides: every scaling decision is the use cases'.
 *
 * A step is a minute, or 10 s when an alarm of the run has a sub-minute period (`resolution.ts`).
 * Each step T, in order:
 * 1. the fleet advances to T (instances finish starting or draining);
 * 2. CloudWatch evaluates the alarms due at T (datapoints visible at T, see `simulated-metrics.ts`:
 *    sub-minute alarms every step, the others on whole minutes) and each state change is delivered
 *    (by default to `handleAlarm` as the trigger its EventBridge event parses to: `delivery.ts`;
 *    the local stack sends the event's JSON to the real `on-alarm` handler instead);
 * 3. scheduled actions due by T are delivered (`parseScheduledEvent` + `handleSchedule`);
 * 4. on a whole minute, the forecast function runs when due (hourly, and at the start: see
 *    `predictive/simulated-forecasts.ts`) for a world with predictive policies; then the
 *    one-minute tick runs (`handleTick`, reading the simulated CloudWatch):
 *    EventBridge schedules run at most once a minute, whatever the resolution;
 * 5. the baseline advances on its own fleet, and decides on a whole minute;
 * 6. the step [T, T + step) is accounted (after the decisions at T, so an instance asked for at
 *    T is billed from T) and its metrics published, visible from the step's end (+ metric delay).
 * Processing time is simulated time: every handler gets `now` = T.
 *
 * This is the simulator's entry point: its options (`simulation-options.ts`) and result
 * (`simulation-result.ts`) types are re-exported here with the errors a run can throw.
 */
import type { ScalingConfig } from '../domain/model.ts';
import type { EventOutcome } from '../usecases/outcome.ts';
import { inProcessDelivery, type SimulationDelivery } from './delivery.ts';
import { forecastDue, forecastFloorNow } from './predictive/simulated-forecasts.ts';
import { isWholeMinute, type SimulationResolution, simulationResolution } from './resolution.ts';
import { SimulationOptionError } from './service-time.ts';
import { accountMinute, publishMinute } from './simulated-minute.ts';
import { scheduledActionEvent } from './simulated-scheduler.ts';
import {
  buildSimulatedWorld,
  type SimulatedTarget,
  SimulationSetupError,
  type WorldSettings,
} from './simulated-world.ts';
import { type SimulationOptions, simulationSettings } from './simulation-options.ts';
import { type SimulationResult, targetSimulationResult } from './simulation-result.ts';
import { countAction, FiguresSum } from './summary.ts';
import { selectTargets } from './target-selection.ts';
import type { PolicyFigures, RunResolution, SimulatedMinute } from './timeline.ts';
import { type SimulatedTrace, sliceTrace, traceResolutionSeconds } from './trace/trace.ts';

export type { SimulationDelivery, SimulationDeliveryFactory } from './delivery.ts';
export type { SimulationResolution } from './resolution.ts';
export { simulationResolution } from './resolution.ts';
export type { ServiceTime } from './service-time.ts';
export { SimulationOptionError } from './service-time.ts';
export { SimulationSetupError } from './simulated-world.ts';
export type { SimulatedMinuteReport, SimulationOptions } from './simulation-options.ts';
export type { SimulationResult, TargetSimulationResult } from './simulation-result.ts';
export { selectTargets, UnknownTargetError } from './target-selection.ts';

/**
 * Plays `trace` against every selected target of `config` (the same trace drives each). The trace
 * must be read at the resolution the targets' alarms need ({@link simulationResolution}).
 *
 * @throws {SimulationOptionError} for a trace read at another resolution, or a service time the run cannot use.
 */
export async function runSimulation(
  config: ScalingConfig,
  fullTrace: SimulatedTrace,
  options: SimulationOptions,
): Promise<SimulationResult> {
  const run = await playTrace(config, fullTrace, options, true);
  const { trace, resolution, settings } = run;
  return {
    start: trace.start,
    minutes: (trace.length * settings.stepSeconds) / 60,
    ...resolutionFields(resolution, trace),
    outcomes: run.outcomes,
    alarmEvents: run.alarmEvents,
    targets: run.targets.map((target) =>
      targetSimulationResult(target, settings, resolutionFields(resolution, trace)),
    ),
  };
}

/** One target's figures in a run without references. */
export interface TargetPolicyFigures {
  targetKey: string;
  figures: PolicyFigures;
}

/**
 * The policy's own figures for every selected target, each the same as {@link runSimulation}'s
 * summary gives for it: the same steps through the same decision path, without what only a
 * report needs (the target-tracking baseline beside the policy, the oracle, the forecast floor
 * drawn on the timeline, the timeline itself and the outcomes: the figures are summed step by step
 * and the outcomes counted as they come, so `onMinute` sees none). What a tuner's candidates are
 * judged on.
 *
 * @throws the same errors as {@link runSimulation}.
 */
export async function runPolicyFigures(
  config: ScalingConfig,
  fullTrace: SimulatedTrace,
  options: SimulationOptions,
): Promise<TargetPolicyFigures[]> {
  const run = await playTrace(config, fullTrace, options, false);
  return run.targets.map((target, index) => ({
    targetKey: target.key,
    figures: (run.sums[index] as FiguresSum).figures(),
  }));
}

/** A trace played: the window, how it stepped, and the targets with their minutes and outcomes. */
interface PlayedTrace {
  trace: SimulatedTrace;
  resolution: SimulationResolution;
  settings: WorldSettings;
  targets: SimulatedTarget[];
  outcomes: EventOutcome[];
  alarmEvents: number;
  /**
   * A run without references keeps no timeline and no outcomes: each target's figures are summed
   * as it goes (in target order). Empty in a run with references.
   */
  sums: FiguresSum[];
}

/**
 * The steps of a run (see the file's comment); `references` adds the baseline and the forecast
 * floor, and keeps the timelines and outcomes a report reads.
 */
async function playTrace(
  config: ScalingConfig,
  fullTrace: SimulatedTrace,
  options: SimulationOptions,
  references: boolean,
): Promise<PlayedTrace> {
  const selected = selectTargets(config, options.targets);
  const resolution = simulationResolution(selected);
  const { stepSeconds } = resolution;
  if (traceResolutionSeconds(fullTrace) !== stepSeconds) {
    throw new SimulationOptionError(
      `the run steps every ${stepSeconds} s (${resolution.reason ?? 'no sub-minute alarm'}), but the trace was read in ${traceResolutionSeconds(fullTrace)}-s steps: read it with resolutionSeconds ${stepSeconds}`,
    );
  }
  const settings = { ...simulationSettings(options, stepSeconds), references };
  const trace =
    options.scale === undefined && options.from === undefined && options.to === undefined
      ? fullTrace
      : sliceTrace(fullTrace, { scale: options.scale, from: options.from, to: options.to });
  // A forecast may learn from the trace before `from` too (scaled like the run).
  const history = options.scale === undefined ? fullTrace : sliceTrace(fullTrace, { scale: options.scale });
  const world = buildSimulatedWorld(selected, trace, settings, history);
  options.onFleet?.(world.fleet);
  const { fleet, cloudWatch, scheduler, targets, forecasting } = world;
  const deliver = options.delivery
    ? await options.delivery(world)
    : inProcessDelivery(world.ports, forecasting);
  if (forecasting && deliver.forecast === undefined) {
    throw new SimulationSetupError(
      'this run delivers events without a forecast function, so it cannot play predictive policies: run scaler simulate for them',
    );
  }
  const { onMinute } = options;
  const byKey = new Map(targets.map((target) => [target.key, target]));
  const sums = references ? [] : targets.map(() => new FiguresSum(stepSeconds));
  const sumOf = new Map(targets.map((target, index) => [target.key, sums[index]]));
  const outcomes: EventOutcome[] = [];
  const record = (list: readonly EventOutcome[]) => {
    for (const outcome of list) {
      if (!references) {
        const sum = outcome.targetKey === undefined ? undefined : sumOf.get(outcome.targetKey);
        if (sum) countAction(sum.actions, outcome);
        continue;
      }
      outcomes.push(outcome);
      if (outcome.targetKey !== undefined) byKey.get(outcome.targetKey)?.outcomes.push(outcome);
    }
  };
  let alarmEvents = 0;
  let scheduledEvents = 0;
  const stepMs = stepSeconds * 1000;
  const stepsPerDay = 86_400 / stepSeconds;
  for (let index = 0; index < trace.length; index++) {
    const now = trace.start + index * stepMs;
    const minute = stepSeconds === 60 || isWholeMinute(now);
    const firstOutcome = outcomes.length;
    fleet.advanceTo(now);
    for (const change of cloudWatch.evaluateAlarmChanges(now, { minute })) {
      alarmEvents++;
      record(await deliver.alarm(change, now));
    }
    const due = scheduler.due(now);
    for (const firing of due) {
      scheduledEvents++;
      record(
        await deliver.scheduled(scheduledActionEvent(firing, `simulated-schedule-${scheduledEvents}`), now),
      );
    }
    if (forecasting && minute && forecastDue(index, now))
      record(
        await (deliver.forecast as ForecastDelivery)(
          now,
          `simulated-forecast-${(now - trace.start) / 60_000}`,
        ),
      );
    // The tick's id counts minutes, as the Lambda's one-minute schedule does.
    if (minute) record(await deliver.tick(now, `simulated-tick-${(now - trace.start) / 60_000}`));
    const demand = trace.requests[index] as number;
    const gap = trace.gap[index] === 1;
    const serviceSeconds = world.serviceSeconds?.[index];
    for (let t = 0; t < targets.length; t++) {
      const target = targets[t] as SimulatedTarget;
      const { baseline } = target;
      if (baseline) {
        const firings = due.length === 0 ? due : due.filter((f) => target.firings.includes(f));
        baseline.step(now, firings, minute);
      }
      const accounted = accountPolicyMinute(target, index, now, demand, gap, settings, serviceSeconds);
      // The floor is drawn on the report's timeline; a run without references has no report.
      if (baseline && forecasting && target.target.predictivePolicies.length > 0)
        accounted.forecastFloor = await forecastFloorNow(world.ports, target.target, now);
      if (references) target.policyMinutes.push(accounted);
      else (sums[t] as FiguresSum).add(accounted);
      if (baseline) target.baselineMinutes.push(baseline.account(index, now, demand, gap));
    }
    onMinute?.({ index, time: now, outcomes: outcomes.slice(firstOutcome), targets });
    if ((index + 1) % stepsPerDay === 0 || index + 1 === trace.length)
      options.onProgress?.(index + 1, trace.length);
  }
  return { trace, resolution, settings, targets, outcomes, alarmEvents, sums };
}

type ForecastDelivery = NonNullable<SimulationDelivery['forecast']>;

/** What a result says of its resolution: nothing at one minute (as before), else the step and why. */
function resolutionFields(
  resolution: SimulationResolution,
  trace: SimulatedTrace,
): { resolution?: RunResolution } {
  if (resolution.stepSeconds === 60) return {};
  return {
    resolution: {
      stepSeconds: resolution.stepSeconds,
      steps: trace.length,
      reason: resolution.reason ?? '',
      traceStepSeconds: trace.stepSeconds,
    },
  };
}

function accountPolicyMinute(
  target: SimulatedTarget,
  index: number,
  now: number,
  demand: number,
  gap: boolean,
  settings: WorldSettings,
  serviceSeconds: number | undefined,
): SimulatedMinute {
  const states = target.alarmStates();
  const { capacityPerInstance, stepSeconds } = settings;
  const minute = accountMinute(target.variant, now, demand, gap, capacityPerInstance, states, stepSeconds);
  publishMinute(target.series, index, minute, settings, serviceSeconds);
  return minute;
}
