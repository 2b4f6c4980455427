import type { TargetState } from '../domain/state.ts';
import type { ActivityRecord } from './activity.ts';

/** One atomic write: the new state, the activities it records, and the event it consumed. */
export interface StateWrite {
  targetKey: string;
  /** The version read; 0 when no state existed. The write fails if the stored version differs. */
  expectedVersion: number;
  /** Its `version` must be expectedVersion + 1. */
  state: TargetState;
  /** Put (or overwritten, by activityId) together with the state. */
  activities: readonly ActivityRecord[];
  /** Marks this event as done for this target, so a redelivery changes nothing. */
  processedEventKey?: string | undefined;
}

export interface LoadedState {
  state?: TargetState | undefined;
  processed: boolean;
}

/** Where targets' state, activity history and processed-event markers live. */
export interface ScalingStateStore {
  /**
   * A strongly consistent read of the target's state (undefined when the scaler never touched
   * it) and of whether `eventKey` was already consumed for it: one round trip for both.
   */
  load(targetKey: string, eventKey: string): Promise<LoadedState>;
  /**
   * Strongly consistent reads of many targets' states at once (the tick's snapshot of a fleet):
   * the states found, by target key; a target the scaler never touched is absent.
   */
  loadStates(targetKeys: readonly string[]): Promise<Map<string, TargetState>>;
  /** All or nothing; throws VersionConflictError when the version moved. */
  commit(write: StateWrite): Promise<void>;
}

/** Reads a target's history, newest first. */
export interface ActivityHistory {
  listActivities(targetKey: string, options?: { since?: number; limit?: number }): Promise<ActivityRecord[]>;
}

/** Makes activity ids. Production uses random UUIDs; replay and simulation count, to stay deterministic. */
export interface IdGenerator {
  nextId(): string;
}
