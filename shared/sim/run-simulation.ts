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
 *
 * This is the simulator's entry point: its options (`simulation-options.ts`) and result
 * (`simulation-result.ts`) types are re-exported here with the errors a run can throw.
 */
import type { ScalingConfig } from '../domain/model.ts';
import type { EventOutcome } from '../usecases/outcome.ts';
import { inProcessDelivery } from './delivery.ts';
import { accountMinute, publishMinute } from './simulated-minute.ts';
import { scheduledActionEvent } from './simulated-scheduler.ts';
import { buildSimulatedWorld, type SimulatedTarget } from './simulated-world.ts';
import { type SimulationOptions, simulationSettings } from './simulation-options.ts';
import { type SimulationResult, targetSimulationResult } from './simulation-result.ts';
import { selectTargets } from './target-selection.ts';
import type { SimulatedMinute } from './timeline.ts';
import { type SimulatedTrace, sliceTrace } from './trace/trace.ts';

export type { SimulationDelivery, SimulationDeliveryFactory } from './delivery.ts';
export { SimulationSetupError } from './simulated-world.ts';
export type { SimulatedMinuteReport, SimulationOptions } from './simulation-options.ts';
export type { SimulationResult, TargetSimulationResult } from './simulation-result.ts';
export { selectTargets, UnknownTargetError } from './target-selection.ts';

const MINUTE_MS = 60_000;

/** Plays `trace` against every selected target of `config` (the same trace drives each). */
export async function runSimulation(
  config: ScalingConfig,
  fullTrace: SimulatedTrace,
  options: SimulationOptions,
): Promise<SimulationResult> {
  const settings = simulationSettings(options);
  const selected = selectTargets(config, options.targets);
  const trace =
    options.scale === undefined && options.from === undefined && options.to === undefined
      ? fullTrace
      : sliceTrace(fullTrace, { scale: options.scale, from: options.from, to: options.to });
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
    targets: targets.map((target) => targetSimulationResult(target, settings)),
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
