import { decideOnAlarms } from '../../domain/alarm-decision.ts';
import { policyAlarmNames } from '../../domain/alarm-policies.ts';
import { isoTime } from '../../domain/decision.ts';
import { type SuspendedState, type TargetConfig, targetKey } from '../../domain/model.ts';
import { scalingFloor } from '../../domain/predictive/floor.ts';
import { initialTargetState, type TargetState } from '../../domain/state.ts';
import type { ActivityRecord } from '../../ports/activity.ts';
import type { AlarmReader } from '../../ports/alarm-reader.ts';
import { commitNext, type ScalerPorts } from '../apply-intent.ts';
import { runDecisionPath } from '../decision-path.ts';
import { reevaluation } from '../handle-tick.ts';
import { activityOf, type EventOutcome } from '../outcome.ts';
import { floorsNow } from '../predictive/floors-now.ts';
import { retryOnConflict } from '../retry-on-conflict.ts';

/** The three runtime suspension flags `scaler pause` and `scaler resume` set and clear. */
export type PauseFlag = 'in' | 'out' | 'scheduled';

const FLAG_FIELD: Record<PauseFlag, keyof SuspendedState> = {
  in: 'dynamicScalingInSuspended',
  out: 'dynamicScalingOutSuspended',
  scheduled: 'scheduledScalingSuspended',
};

const FLAG_TEXT: Record<PauseFlag, string> = {
  in: 'dynamic scale-in',
  out: 'dynamic scale-out',
  scheduled: 'scheduled scaling',
};

const ALL_FLAGS: readonly PauseFlag[] = ['in', 'out', 'scheduled'];

/** One operator request. */
export interface PauseRequest {
  target: TargetConfig;
  /** Empty means all three. */
  flags: readonly PauseFlag[];
  now: number;
  /** Who asked (recorded in the activity's cause). */
  operator?: string | undefined;
  /** Unique id of this request: the activity id and the event id are made from it. */
  requestId: string;
}

/** What a pause or resume wrote. */
export interface PauseResult {
  record: ActivityRecord;
  state: TargetState;
  /** Flags still suspending the target afterwards, with where they are set. */
  stillSuspended: string[];
}

/** What resume did besides clearing flags: the re-evaluation of alarms still in breach. */
export interface ResumeResult extends PauseResult {
  /** True when dynamic scaling was asked to resume, so alarms in ALARM were looked for. */
  dynamicResumed: boolean;
  /** The re-evaluation's outcome; undefined when no alarm of the target was in ALARM. */
  reevaluation?: EventOutcome | undefined;
}

function list(flags: readonly PauseFlag[]): string {
  const texts = flags.map((flag) => FLAG_TEXT[flag]);
  return texts.length <= 1 ? (texts[0] ?? '') : `${texts.slice(0, -1).join(', ')} and ${texts.at(-1)}`;
}

function flagsOf(requested: readonly PauseFlag[]): PauseFlag[] {
  return ALL_FLAGS.filter((flag) => requested.length === 0 || requested.includes(flag));
}

/** Sets runtime suspension flags with the reason: a conditional write on the version, retried on a lost race. */
export function pauseTarget(
  ports: ScalerPorts,
  request: PauseRequest & { reason: string },
): Promise<PauseResult> {
  const flags = flagsOf(request.flags);
  return changeFlags(ports, request, (state) => {
    const newly = flags.filter((flag) => !state.pausedState[FLAG_FIELD[flag]]);
    const pausedState = { ...state.pausedState };
    for (const flag of flags) pausedState[FLAG_FIELD[flag]] = true;
    const message =
      newly.length > 0
        ? `paused ${list(newly)}: ${request.reason}`
        : `${list(flags)} already paused; reason now: ${request.reason}`;
    return { state: { ...state, pausedState, pauseReason: request.reason }, message, code: 'ScalingPaused' };
  });
}

/**
 * Clears runtime suspension flags. When dynamic scaling is resumed, the target's alarms still in
 * ALARM are evaluated again at once (semantics: "on resume of dynamic scaling, alarms currently
 * in breach are evaluated again") through the production decision path, measured afresh as the
 * tick measures them. Scheduled slots that passed while paused are not replayed: they were
 * consumed when they fired.
 */
export async function resumeTarget(
  ports: ScalerPorts & { alarms: AlarmReader },
  request: PauseRequest,
): Promise<ResumeResult> {
  const flags = flagsOf(request.flags);
  const result = await changeFlags(ports, request, (state) => {
    const cleared = flags.filter((flag) => state.pausedState[FLAG_FIELD[flag]]);
    const pausedState = { ...state.pausedState };
    for (const flag of flags) pausedState[FLAG_FIELD[flag]] = false;
    const anyLeft = ALL_FLAGS.some((flag) => pausedState[FLAG_FIELD[flag]]);
    const message = cleared.length > 0 ? `resumed ${list(cleared)}` : `${list(flags)} was not paused`;
    return {
      state: { ...state, pausedState, pauseReason: anyLeft ? state.pauseReason : undefined },
      message,
      code: 'ScalingResumed',
    };
  });
  const dynamicResumed = flags.includes('in') || flags.includes('out');
  const reevaluation = dynamicResumed ? await reevaluateAlarms(ports, request) : undefined;
  return { ...result, dynamicResumed, reevaluation };
}

type FlagChange = (state: TargetState) => {
  state: TargetState;
  message: string;
  code: 'ScalingPaused' | 'ScalingResumed';
};

async function changeFlags(
  ports: ScalerPorts,
  request: PauseRequest,
  change: FlagChange,
): Promise<PauseResult> {
  const { target, now } = request;
  return retryOnConflict(async () => {
    const { state: stored } = await ports.store.load(targetKey(target), '');
    const current = stored ?? initialTargetState(target, now);
    const next = change(current);
    const record = activityOf(
      target,
      { eventId: `cli:${request.requestId}`, eventKey: `operator@${isoTime(now)}`, now },
      {
        action: 'none',
        fromCapacity: current.lastSetCapacity ?? 0,
        toCapacity: current.lastSetCapacity ?? 0,
        cause: `scaler ${next.code === 'ScalingPaused' ? 'pause' : 'resume'}${request.operator ? ` by ${request.operator}` : ''}`,
      },
      {
        activityId: request.requestId,
        action: 'none',
        status: 'Successful',
        statusMessage: withFileFlags(next.message, target, next.state),
        reasonCode: next.code,
      },
    );
    const written = await commitNext(ports, target, current.version, next.state, [record]);
    return { record, state: written, stillSuspended: stillSuspended(target, written) };
  });
}

function stillSuspended(target: TargetConfig, state: TargetState): string[] {
  return ALL_FLAGS.flatMap((flag) => {
    const where = [
      ...(target.suspendedState[FLAG_FIELD[flag]] ? ['scaling.yml'] : []),
      ...(state.pausedState[FLAG_FIELD[flag]] ? ['scaler pause'] : []),
    ];
    return where.length > 0 ? [`${FLAG_TEXT[flag]} (${where.join(' and ')})`] : [];
  });
}

/** The file's own suspension outlives any resume: say so where it matters. */
function withFileFlags(message: string, target: TargetConfig, state: TargetState): string {
  const fromFile = ALL_FLAGS.filter(
    (flag) => target.suspendedState[FLAG_FIELD[flag]] && !state.pausedState[FLAG_FIELD[flag]],
  );
  return fromFile.length > 0 ? `${message}; scaling.yml still suspends ${list(fromFile)}` : message;
}

async function reevaluateAlarms(
  ports: ScalerPorts & { alarms: AlarmReader },
  request: PauseRequest,
): Promise<EventOutcome | undefined> {
  const { target, now } = request;
  const names = policyAlarmNames(target);
  const evaluations = names.length > 0 ? await ports.alarms.alarmsInAlarm(names, now) : [];
  const eventId = `cli:${request.requestId}:reevaluate`;
  const triggers = evaluations.map((evaluation) => reevaluation(evaluation, now, eventId));
  if (triggers.length === 0) return undefined;
  const floor = scalingFloor(await floorsNow(ports, target, now));
  // The full config stays in the ports: the endpoint lease still applies to shared endpoints.
  return runDecisionPath(ports, {
    eventId,
    eventKey: `resume@${request.requestId}`,
    now,
    target,
    decide: (state, currentCapacity) =>
      decideOnAlarms(target, state, triggers, { now, currentCapacity, floor }),
  });
}
