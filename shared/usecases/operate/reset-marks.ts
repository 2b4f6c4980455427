/**
 * `scaler reset-marks`: the "newest seen" marks a target keeps (per alarm, the newest state
 * timestamp; per scheduled action, the newest slot handled; and the newest slot that set the
 * bounds) decide what counts as stale. A mark from a bad clock or a hand-sent event can lie in the
 * future and then refuse every later event; this clears the marks an operator names, with a
 * conditional write on the state's version (as pause and resume write) and an activity saying
 * what was cleared.
 */
import { isoTime } from '../../domain/decision.ts';
import { type TargetConfig, targetKey } from '../../domain/model.ts';
import { initialTargetState, type TargetState } from '../../domain/state.ts';
import type { ActivityRecord } from '../../ports/activity.ts';
import { commitNext, type ScalerPorts } from '../apply-intent.ts';
import { activityOf } from '../outcome.ts';
import { retryOnConflict } from '../retry-on-conflict.ts';

/** A target's marks, newest first within each kind, as `scaler status` shows them. */
export interface StoredMarks {
  alarms: { alarmName: string; at: number }[];
  schedules: { scheduledActionName: string; slot: number }[];
  /** The newest slot of any scheduled action that set the bounds: older slots are superseded. */
  boundsSlot?: number | undefined;
}

/** The marks in a target's state. */
export function marksOf(state: TargetState): StoredMarks {
  return {
    alarms: Object.entries(state.alarmTimestamps)
      .map(([alarmName, at]) => ({ alarmName, at }))
      .sort((a, b) => b.at - a.at),
    schedules: Object.entries(state.firedSlots)
      .map(([scheduledActionName, slot]) => ({ scheduledActionName, slot }))
      .sort((a, b) => b.slot - a.slot),
    boundsSlot: state.newestScheduledSlot,
  };
}

/** One operator request: the marks to clear (`all` clears every one). */
export interface ResetMarksRequest {
  target: TargetConfig;
  alarms: readonly string[];
  schedules: readonly string[];
  all: boolean;
  now: number;
  operator?: string | undefined;
  /** Unique id of this request: the activity id and the event id are made from it. */
  requestId: string;
}

/** What a reset wrote. */
export interface ResetMarksResult {
  record: ActivityRecord;
  state: TargetState;
  /** One sentence per mark asked for: what it was, or that none was stored. */
  cleared: string[];
}

/** A name that is neither the target's nor found among its stored marks. */
export class UnknownMarkError extends Error {
  override readonly name = 'UnknownMarkError';
}

function checkNames(kind: string, asked: readonly string[], known: ReadonlySet<string>): void {
  const unknown = asked.filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  const list = known.size > 0 ? [...known].join(', ') : 'none';
  throw new UnknownMarkError(
    `no ${kind} ${unknown.map((name) => JSON.stringify(name)).join(', ')} on this target (its ${kind}s: ${list})`,
  );
}

/** The state without the marks asked for, and a sentence per mark. */
function withoutMarks(
  state: TargetState,
  request: ResetMarksRequest,
): { state: TargetState; cleared: string[] } {
  const alarms = request.all ? Object.keys(state.alarmTimestamps) : request.alarms;
  const schedules = request.all ? Object.keys(state.firedSlots) : request.schedules;
  const alarmTimestamps = { ...state.alarmTimestamps };
  const firedSlots = { ...state.firedSlots };
  const cleared: string[] = [];
  for (const name of alarms) {
    const at = alarmTimestamps[name];
    cleared.push(
      at === undefined
        ? `alarm ${name}: no state timestamp was stored`
        : `alarm ${name}: cleared the newest state timestamp seen (${isoTime(at)})`,
    );
    delete alarmTimestamps[name];
  }
  for (const name of schedules) {
    const slot = firedSlots[name];
    cleared.push(
      slot === undefined
        ? `scheduled action ${name}: no handled slot was stored`
        : `scheduled action ${name}: cleared the newest slot handled (${isoTime(slot)})`,
    );
    delete firedSlots[name];
  }
  // The bounds mark goes with the action marks when no action's handled slot still reaches it:
  // it can then only have come from a slot just forgotten.
  let newestScheduledSlot = state.newestScheduledSlot;
  const reached = Math.max(Number.NEGATIVE_INFINITY, ...Object.values(firedSlots));
  if (newestScheduledSlot !== undefined && (request.all || newestScheduledSlot > reached)) {
    cleared.push(`the newest slot that set the bounds (${isoTime(newestScheduledSlot)}) was cleared with it`);
    newestScheduledSlot = undefined;
  }
  return { state: { ...state, alarmTimestamps, firedSlots, newestScheduledSlot }, cleared };
}

/**
 * Clears the named marks (or all of them), retried from a fresh read when the conditional write
 * loses a race. The activity is recorded with reason code `MarksReset`.
 *
 * @throws {UnknownMarkError} for a name that is neither in scaling.yml for the target nor stored.
 * @throws {RangeError} when nothing is named and `all` is false.
 */
export function resetMarks(ports: ScalerPorts, request: ResetMarksRequest): Promise<ResetMarksResult> {
  const { target, now } = request;
  if (!request.all && request.alarms.length === 0 && request.schedules.length === 0) {
    throw new RangeError('name the marks to clear: an alarm, a scheduled action, or all of them');
  }
  return retryOnConflict(async () => {
    const { state: stored } = await ports.store.load(targetKey(target), '');
    const current = stored ?? initialTargetState(target, now);
    checkNames('alarm', request.alarms, knownAlarms(target, current));
    checkNames('scheduled action', request.schedules, knownSchedules(target, current));
    const { state, cleared } = withoutMarks(current, request);
    const record = activityOf(
      target,
      { eventId: `cli:${request.requestId}`, eventKey: `operator@${isoTime(now)}`, now },
      {
        action: 'none',
        fromCapacity: current.lastSetCapacity ?? 0,
        toCapacity: current.lastSetCapacity ?? 0,
        cause: `scaler reset-marks${request.operator ? ` by ${request.operator}` : ''}`,
      },
      {
        activityId: request.requestId,
        action: 'none',
        status: 'Successful',
        statusMessage: cleared.length > 0 ? cleared.join('; ') : 'no mark was stored',
        reasonCode: 'MarksReset',
      },
    );
    const written = await commitNext(ports, target, current.version, state, [record]);
    return { record, state: written, cleared };
  });
}

function knownAlarms(target: TargetConfig, state: TargetState): Set<string> {
  return new Set([...target.stepPolicies.map((p) => p.alarmName), ...Object.keys(state.alarmTimestamps)]);
}

function knownSchedules(target: TargetConfig, state: TargetState): Set<string> {
  return new Set([
    ...target.scheduledActions.map((a) => a.scheduledActionName),
    ...Object.keys(state.firedSlots),
  ]);
}
