import type { TargetState } from '../../domain/state.ts';
import type { ActivityRecord } from '../../ports/activity.ts';
import { VersionConflictError } from '../../ports/errors.ts';
import type {
  ActivityHistory,
  LoadedState,
  ScalingStateStore,
  StateWrite,
} from '../../ports/scaling-state-store.ts';

/**
 * The state store in process memory, for replay and the simulator. It keeps the same
 * contract as the DynamoDB adapter: conditional writes on the version, all or nothing.
 */
export class InMemoryStateStore implements ScalingStateStore, ActivityHistory {
  private readonly states = new Map<string, TargetState>();
  private readonly activities = new Map<string, Map<string, ActivityRecord>>();
  private readonly processed = new Set<string>();

  async load(targetKey: string, eventKey: string): Promise<LoadedState> {
    const state = this.states.get(targetKey);
    return {
      state: state && structuredClone(state),
      processed: this.processed.has(`${targetKey}|${eventKey}`),
    };
  }

  async loadStates(targetKeys: readonly string[]): Promise<Map<string, TargetState>> {
    const states = new Map<string, TargetState>();
    for (const key of targetKeys) {
      const state = this.states.get(key);
      if (state) states.set(key, structuredClone(state));
    }
    return states;
  }

  async commit(write: StateWrite): Promise<void> {
    const storedVersion = this.states.get(write.targetKey)?.version ?? 0;
    if (storedVersion !== write.expectedVersion || write.state.version !== write.expectedVersion + 1) {
      throw new VersionConflictError(
        `${write.targetKey}: expected version ${write.expectedVersion}, store has ${storedVersion}`,
      );
    }
    this.states.set(write.targetKey, structuredClone(write.state));
    const history = this.activities.get(write.targetKey) ?? new Map<string, ActivityRecord>();
    for (const record of write.activities) history.set(record.activityId, structuredClone(record));
    this.activities.set(write.targetKey, history);
    if (write.processedEventKey !== undefined)
      this.processed.add(`${write.targetKey}|${write.processedEventKey}`);
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
