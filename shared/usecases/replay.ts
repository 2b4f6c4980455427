import { InstantEndpoints } from '../adapters/memory/instant-endpoints.ts';
import { InMemoryEndpointLock } from '../adapters/memory/memory-endpoint-lock.ts';
import { InMemoryStateStore } from '../adapters/memory/memory-state-store.ts';
import { SequentialIds } from '../adapters/memory/sequential-ids.ts';
import type { ScalingConfig, Trigger } from '../domain/model.ts';
import type { ScalerPorts } from './apply-intent.ts';
import { handleAlarm } from './handle-alarm.ts';
import { handleSchedule } from './handle-schedule.ts';
import type { EventOutcome } from './outcome.ts';

/** What one input event did to one target during a replay. */
export interface ReplayStep {
  /** 1-based position of the event in the input (its line in an events file). */
  line: number;
  trigger: Trigger;
  outcome: EventOutcome;
}

/** An event to replay, with where it stands in the input. */
export interface ReplayInput {
  line: number;
  trigger: Trigger;
}

/**
 * The decisions among outcomes. A replay reports what each event decided; the end of an earlier
 * accepted change (which its instant endpoint always shows at once) is history, not a decision.
 */
export function decisionsOf(outcomes: readonly EventOutcome[]): EventOutcome[] {
  return outcomes.filter((outcome) => !outcome.endsActivity);
}

/** Runs one trigger through the production use cases. Replay and simulation pass the event time as `now`. */
export async function dispatchTrigger(
  ports: ScalerPorts,
  trigger: Trigger,
  now: number,
): Promise<EventOutcome[]> {
  if (trigger.kind === 'alarm') return handleAlarm(ports, trigger, now);
  return handleSchedule(ports, trigger, now);
}

/** The time a replayed event is processed at: its own time (semantics, "Time"). */
export function eventTimeOf(trigger: Trigger): number {
  return trigger.kind === 'alarm' ? trigger.eventTime : trigger.scheduledTime;
}

/**
 * Replays events in order through the production decision path with in-memory state and an
 * endpoint that applies every change at once, every target starting at `initialCapacity`,
 * yielding each decision as it is made: a replay of any length holds one event at a time (the
 * store keeps states and a week of event markers, as the table's time to live does, not the
 * activity history, which replay never reads).
 * `ports` may be given to replay against other adapters.
 */
export async function* replaySteps(
  config: ScalingConfig,
  inputs: AsyncIterable<ReplayInput> | Iterable<ReplayInput>,
  options: { initialCapacity: number; ports?: ScalerPorts },
): AsyncGenerator<ReplayStep> {
  let clock = 0;
  const ports =
    options.ports ??
    inMemoryPorts(config, options.initialCapacity, { keepHistory: false, clock: () => clock });
  for await (const { line, trigger } of inputs) {
    clock = eventTimeOf(trigger);
    for (const outcome of decisionsOf(await dispatchTrigger(ports, trigger, clock))) {
      yield { line, trigger, outcome };
    }
  }
}

/** {@link replaySteps} over a list of triggers (lines numbered from 1), collected. */
export async function replayTriggers(
  config: ScalingConfig,
  triggers: readonly Trigger[],
  options: { initialCapacity: number; ports?: ScalerPorts },
): Promise<ReplayStep[]> {
  const steps: ReplayStep[] = [];
  const inputs = triggers.map((trigger, index) => ({ line: index + 1, trigger }));
  for await (const step of replaySteps(config, inputs, options)) steps.push(step);
  return steps;
}

/**
 * In-memory ports for a config: every target's variant starts at `initialCapacity`. With
 * `keepHistory: false` neither the activities nor the endpoint's updates are kept (a long replay);
 * `clock` (the processing time) lets event markers expire as the table's do.
 */
export function inMemoryPorts(
  config: ScalingConfig,
  initialCapacity: number,
  options: { keepHistory?: boolean; clock?: () => number } = {},
): ScalerPorts & { store: InMemoryStateStore; endpoints: InstantEndpoints } {
  const keepHistory = options.keepHistory ?? true;
  return {
    config,
    endpoints: new InstantEndpoints(
      config.targets.map((target) => ({ ...target, desiredInstanceCount: initialCapacity })),
      { keepUpdates: keepHistory },
    ),
    store: new InMemoryStateStore({ keepActivities: keepHistory, clock: options.clock }),
    ids: new SequentialIds(),
    endpointLock: new InMemoryEndpointLock(),
  };
}
