/**
 * The one-minute tick over the fleet: one read of the alarms in ALARM and of every target's state,
 * then each target's step (`tick-target.ts`) as the pacing allows.
 */
import { policyAlarmNames } from '../domain/alarm-policies.ts';
import { type ScalingConfig, type TargetConfig, targetKey } from '../domain/model.ts';
import { scheduledSlot } from '../domain/scheduled-decision.ts';
import type { AlarmEvaluation } from '../ports/alarm-reader.ts';
import type { EventOutcome } from './outcome.ts';
import {
  type TickOptions,
  type TickResult,
  TickTargetsFailedError,
  type TickWalk,
  walkTargets,
} from './tick-schedule.ts';
import { targetsOfShard } from './tick-shard.ts';
import { TickMinute, type TickPorts } from './tick-target.ts';

export { type TickOptions, type TickResult, TickTargetsFailedError } from './tick-schedule.ts';
export { reevaluation, STALE_IN_FLIGHT_MS, type TickPorts } from './tick-target.ts';

/** Every alarm that drives a policy, once per configuration (configurations are never changed in place). */
const managedAlarms = new WeakMap<ScalingConfig, readonly string[]>();

function managedAlarmNames(config: ScalingConfig, targets: readonly TargetConfig[], sharded: boolean) {
  if (sharded) return [...new Set(targets.flatMap(policyAlarmNames))];
  let names = managedAlarms.get(config);
  if (names === undefined) {
    names = [...new Set(config.targets.flatMap(policyAlarmNames))];
    managedAlarms.set(config, names);
  }
  return names;
}

const NOTHING_IN_ALARM: readonly AlarmEvaluation[] = [];

/**
 * The one-minute tick, per target: record how the last accepted change ended, finish a dead
 * invocation's change, retry a deferred one, step again for every managed alarm still in ALARM
 * (AAS keeps applying the policy while the alarm stays in breach), raise capacity to a
 * predictive floor, and bring a variant that drifted outside its bounds back inside. Each is
 * keyed by the minute, so a retried tick acts once.
 *
 * At fleet size: alarms are read in batches (DescribeAlarms by 100 names, GetMetricData by 500
 * queries), the targets' states in one BatchGetItem per 100 targets, and the targets run as
 * {@link walkTargets} paces them. A failing target does not stop the others; the tick then
 * fails with its error (or {@link TickTargetsFailedError} when several failed).
 */
export function handleTick(
  ports: TickPorts,
  now: number,
  tickId: string,
  options: TickOptions = {},
): Promise<EventOutcome[]> {
  return tickFleet(ports, now, tickId, options).then(outcomesOf);
}

function outcomesOf(result: TickResult): EventOutcome[] {
  return result.outcomes;
}

const ALWAYS = () => true;

/** {@link handleTick}, also saying which targets were left for the next tick. */
export async function tickFleet(
  ports: TickPorts,
  now: number,
  tickId: string,
  options: TickOptions = {},
): Promise<TickResult> {
  const targets = targetsOfShard(ports.config.targets, options.shard);
  const sharded = options.shard !== undefined && options.shard.count > 1;
  const alarmNames = managedAlarmNames(ports.config, targets, sharded);
  const [evaluations, states] = await Promise.all([
    alarmNames.length > 0 ? ports.alarms.alarmsInAlarm(alarmNames, now) : NOTHING_IN_ALARM,
    ports.store.loadStates(targets.map(targetKey)),
  ]);
  const minute = new TickMinute(ports, now, tickId, evaluations, states);
  const walk = await walkTargets(
    targets,
    {
      concurrency: options.concurrency ?? 1,
      hasTime: options.hasTime ?? ALWAYS,
      // The minute's number: when a deadline leaves targets over, the next tick starts elsewhere.
      startAt: Math.floor(scheduledSlot(now) / 60_000),
    },
    minute.tickTarget,
  );
  return tickResult(walk);
}

/** The walk's outcomes in target order, or its failure. */
function tickResult(walk: TickWalk<readonly EventOutcome[]>): TickResult {
  const { errors } = walk;
  if (errors.length === 1) throw (errors[0] as (typeof errors)[number]).error;
  if (errors.length > 1) {
    throw new TickTargetsFailedError(
      errors.map(({ target, error }) => ({ target: targetKey(target), error })),
    );
  }
  const outcomes: EventOutcome[] = [];
  for (const done of walk.results) if (done !== undefined) outcomes.push(...done);
  return { outcomes, deferredTargets: walk.notStarted.map(targetKey) };
}
