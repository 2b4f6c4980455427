import type { TargetState } from '../../domain/state.ts';
import type { ActivityRecord } from '../../ports/activity.ts';
import { VersionConflictError } from '../../ports/errors.ts';
import type {
  ActivityHistory,
  LoadedState,
  ScalingStateStore,
  StateWrite,
} from '../../ports/scaling-state-store.ts';
import { DEFAULT_EVENT_TTL_DAYS } from '../aws/table-design.ts';
import { deepFreeze } from './deep-freeze.ts';

const MARKER_TTL_MS = DEFAULT_EVENT_TTL_DAYS * 86_400_000;
/** Commits between two sweeps of expired markers. */
const PRUNE_EVERY = 1_000;

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
  private readonly keepActivities: boolean;
  private readonly clock: (() => number) | undefined;
  /** Consumed event keys per target, with the processing time each marker was written at. */
  private readonly processed = new Map<string, Map<string, number>>();
  private commits = 0;

  /**
   * @param options.keepActivities false: activity records are written and dropped, and
   *   listActivities refuses. For the simulator and long replays, which read the outcomes the
   *   use cases return and never the history: a month's 20,000 records kept for nothing were a
   *   twentieth of a simulation's time (garbage collection). Default true.
   * @param options.clock the processing time: with it a marker expires as the table's time to
   *   live expires it (7 days after its write) and expired ones are dropped, so a replay of any
   *   length holds only a week of markers. Without one, markers are kept for good.
   */
  constructor(options: { keepActivities?: boolean; clock?: () => number } = {}) {
    this.keepActivities = options.keepActivities ?? true;
    this.clock = options.clock;
  }

  async load(targetKey: string, eventKey: string): Promise<LoadedState> {
    const writtenAt = this.processed.get(targetKey)?.get(eventKey);
    return {
      state: this.states.get(targetKey),
      processed: writtenAt !== undefined && !this.expired(writtenAt),
    };
  }

  private expired(writtenAt: number): boolean {
    return this.clock !== undefined && this.clock() - writtenAt >= MARKER_TTL_MS;
  }

  private prune(): void {
    for (const consumed of this.processed.values())
      for (const [key, writtenAt] of consumed) if (this.expired(writtenAt)) consumed.delete(key);
  }

  async loadStates(targetKeys: readonly string[]): Promise<Map<string, TargetState>> {
    // The same frozen objects `load` hands out: the tick reads this snapshot every simulated
    // minute, and a deep copy of it was a fifth of a simulated month.
    const states = new Map<string, TargetState>();
    for (const key of targetKeys) {
      const state = this.states.get(key);
      if (state) states.set(key, state);
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
    this.states.set(write.targetKey, deepFreeze(write.state));
    if (this.keepActivities) this.keep(write.targetKey, write.activities);
    if (write.processedEventKey !== undefined) {
      let consumed = this.processed.get(write.targetKey);
      if (!consumed) {
        consumed = new Map<string, number>();
        this.processed.set(write.targetKey, consumed);
      }
      consumed.set(write.processedEventKey, this.clock?.() ?? 0);
    }
    if (this.clock !== undefined && ++this.commits % PRUNE_EVERY === 0) this.prune();
  }

  private keep(targetKey: string, records: readonly ActivityRecord[]): void {
    let history = this.activities.get(targetKey);
    if (!history) {
      history = new Map<string, ActivityRecord>();
      this.activities.set(targetKey, history);
    }
    for (const record of records) history.set(record.activityId, deepFreeze(record));
  }

  async listActivities(
    targetKey: string,
    options: { since?: number; limit?: number } = {},
  ): Promise<ActivityRecord[]> {
    if (!this.keepActivities) throw new Error('this in-memory store was created to keep no activity history');
    const all = [...(this.activities.get(targetKey)?.values() ?? [])];
    return all
      .filter((record) => options.since === undefined || record.startTime >= options.since)
      .sort((a, b) => b.startTime - a.startTime)
      .slice(0, options.limit ?? all.length);
  }
}
