import type { TargetState } from '../../domain/state.ts';
import type { ActivityRecord } from '../../ports/activity.ts';
import { VersionConflictError } from '../../ports/errors.ts';
import type {
  ActivityHistory,
  LoadedState,
  ScalingStateStore,
  StateWrite,
} from '../../ports/scaling-state-store.ts';
import { deepFreeze } from './deep-freeze.ts';

/**
 * The state store in process memory, for replay and the simulator. It keeps the same
 * contract as the DynamoDB adapter: conditional writes on the version, all or nothing.
 *
 * It stores what it is given and hands the same objects out again, frozen: the use cases never
 * change a state or record in place (they build the next one), and freezing makes a change in
 * place throw instead of silently altering what the store holds. A simulated month loads a state
 * every minute; deep copies on each load and commit were a quarter of its time.
 */
export class InMemoryStateStore implements ScalingStateStore, ActivityHistory {
  private readonly states = new Map<string, TargetState>();
  private readonly activities = new Map<string, Map<string, ActivityRecord>>();
  /** Consumed event keys per target. */
  private readonly processed = new Map<string, Set<string>>();

  async load(targetKey: string, eventKey: string): Promise<LoadedState> {
    return {
      state: this.states.get(targetKey),
      processed: this.processed.get(targetKey)?.has(eventKey) === true,
    };
  }

  async commit(write: StateWrite): Promise<void> {
    const storedVersion = this.states.get(write.targetKey)?.version ?? 0;
    if (storedVersion !== write.expectedVersion || write.state.version !== write.expectedVersion + 1) {
      throw new VersionConflictError(
        `${write.targetKey}: expected version ${write.expectedVersion}, store has ${storedVersion}`,
      );
    }
    this.states.set(write.targetKey, deepFreeze(write.state));
    let history = this.activities.get(write.targetKey);
    if (!history) {
      history = new Map<string, ActivityRecord>();
      this.activities.set(write.targetKey, history);
    }
    for (const record of write.activities) history.set(record.activityId, deepFreeze(record));
    if (write.processedEventKey !== undefined) {
      let consumed = this.processed.get(write.targetKey);
      if (!consumed) {
        consumed = new Set<string>();
        this.processed.set(write.targetKey, consumed);
      }
      consumed.add(write.processedEventKey);
    }
  }

  async listActivities(
    targetKey: string,
    options: { since?: number; limit?: number } = {},
  ): Promise<ActivityRecord[]> {
    const all = [...(this.activities.get(targetKey)?.values() ?? [])];
    return all
      .filter((record) => options.since === undefined || record.startTime >= options.since)
      .sort((a, b) => b.startTime - a.startTime)
      .slice(0, options.limit ?? all.length);
  }
}
