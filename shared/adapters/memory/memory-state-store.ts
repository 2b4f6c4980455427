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

const MARKER_TTL_MS = DEFAULT_EVENT_TTL_DAYS * 86_400_000;
/** Commits between two sweeps of expired markers. */
const PRUNE_EVERY = 1_000;

/**
 * The state store in process memory, for replay and the simulator. It keeps the same
 * contract as the DynamoDB adapter: conditional writes on the version, all or nothing.
 */
export class InMemoryStateStore implements ScalingStateStore, ActivityHistory {
  private readonly states = new Map<string, TargetState>();
  private readonly activities = new Map<string, Map<string, ActivityRecord>>();
  /** Processed-event markers, with the processing time they were written at. */
  private readonly processed = new Map<string, number>();
  private readonly keepActivities: boolean;
  private readonly clock: (() => number) | undefined;
  private commits = 0;

  /**
   * `keepActivities: false` drops the history (a long replay reads decisions, not history).
   * With a `clock` (the processing time), a marker expires as the table's time to live expires it
   * (7 days after its write) and expired ones are dropped: a replay of any length holds only a
   * week of markers. Without one, markers are kept for good.
   */
  constructor(options: { keepActivities?: boolean; clock?: () => number } = {}) {
    this.keepActivities = options.keepActivities ?? true;
    this.clock = options.clock;
  }

  private expired(writtenAt: number): boolean {
    return this.clock !== undefined && this.clock() - writtenAt >= MARKER_TTL_MS;
  }

  async load(targetKey: string, eventKey: string): Promise<LoadedState> {
    const state = this.states.get(targetKey);
    return {
      state: state && structuredClone(state),
      processed: this.isProcessed(`${targetKey}|${eventKey}`),
    };
  }

  async commit(write: StateWrite): Promise<void> {
    const storedVersion = this.states.get(write.targetKey)?.version ?? 0;
    if (storedVersion !== write.expectedVersion || write.state.version !== write.expectedVersion + 1) {
      throw new VersionConflictError(
        `${write.targetKey}: expected version ${write.expectedVersion}, store has ${storedVersion}`,
      );
    }
    this.states.set(write.targetKey, structuredClone(write.state));
    if (this.keepActivities) this.keep(write);
    if (write.processedEventKey !== undefined) {
      this.processed.set(`${write.targetKey}|${write.processedEventKey}`, this.clock?.() ?? 0);
    }
    if (this.clock !== undefined && ++this.commits % PRUNE_EVERY === 0) this.prune();
  }

  private isProcessed(key: string): boolean {
    const writtenAt = this.processed.get(key);
    return writtenAt !== undefined && !this.expired(writtenAt);
  }

  private prune(): void {
    for (const [key, writtenAt] of this.processed) if (this.expired(writtenAt)) this.processed.delete(key);
  }

  private keep(write: StateWrite): void {
    const history = this.activities.get(write.targetKey) ?? new Map<string, ActivityRecord>();
    for (const record of write.activities) history.set(record.activityId, structuredClone(record));
    this.activities.set(write.targetKey, history);
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
