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
  /** 1-based position of the event in the input. */
  line: number;
  trigger: Trigger;
  outcome: EventOutcome;
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
 * endpoint that applies every change at once, every target starting at `initialCapacity`.
 * `ports` may be given to replay against other adapters (the DynamoDB-backed replay does).
 */
export async function replayTriggers(
  config: ScalingConfig,
  triggers: readonly Trigger[],
  options: { initialCapacity: number; ports?: ScalerPorts },
): Promise<ReplayStep[]> {
  const ports = options.ports ?? inMemoryPorts(config, options.initialCapacity);
  const steps: ReplayStep[] = [];
  for (const [index, trigger] of triggers.entries()) {
    for (const outcome of decisionsOf(await dispatchTrigger(ports, trigger, eventTimeOf(trigger)))) {
      steps.push({ line: index + 1, trigger, outcome });
    }
  }
  return steps;
}

/** In-memory ports for a config: every target's variant starts at `initialCapacity`. */
export function inMemoryPorts(
  config: ScalingConfig,
  initialCapacity: number,
): ScalerPorts & { store: InMemoryStateStore; endpoints: InstantEndpoints } {
  return {
    config,
    endpoints: new InstantEndpoints(
      config.targets.map((target) => ({ ...target, desiredInstanceCount: initialCapacity })),
    ),
    store: new InMemoryStateStore(),
    ids: new SequentialIds(),
    endpointLock: new InMemoryEndpointLock(),
  };
}
