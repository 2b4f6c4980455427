import { policyAlarmNames } from '../../domain/alarm-policies.ts';
import { type TargetConfig, targetKey } from '../../domain/model.ts';
import type { ActivityRecord } from '../../ports/activity.ts';
import { clockTime, isoSeconds } from './clock-text.ts';
import type { ActivityWindow } from './ports.ts';
import { sentenceFor, stepPushesOut } from './why-sentences.ts';
import { fromHighAlarm } from './why-tracking.ts';

/** How far back `scaler why` looks for the last activity when the window itself is empty (the history's TTL). */
const LOOKBACK_MS = 90 * 86_400_000;

/** What `scaler why` found around an instant. */
export interface Explanation {
  target: string;
  at: number;
  from: number;
  to: number;
  /** Plain sentences, oldest first; runs of the same outcome are told once. */
  sentences: string[];
  /** The activities of the window, oldest first. */
  activities: ActivityRecord[];
}

/**
 * Explains what the scaler saw and decided for a target in [at - window, at + window], from the
 * recorded activities alone (their cause, status, reason code, message and alarm evidence).
 * A cooldown that held a step back is traced to the scale-out that started it, even when that
 * happened before the window.
 */
export async function explainAround(
  history: ActivityWindow,
  target: TargetConfig,
  at: number,
  windowMs: number,
): Promise<Explanation> {
  const key = targetKey(target);
  const from = at - windowMs;
  const to = at + windowMs;
  const activities = await history.activitiesBetween(key, from, to);
  const base = { target: key, at, from, to, activities };
  const day = isoSeconds(at).slice(0, 10);
  if (activities.length === 0) {
    return { ...base, sentences: await nothingRecorded(history, target, from, to, day) };
  }
  const known = [...(await earlierInitiators(history, target, activities, from)), ...activities];
  const context = {
    target,
    day,
    initiatorOf: (record: ActivityRecord) => initiatorOf(record, known, target),
  };
  const sentences = runsOf(activities).map(({ first, last, count }) => {
    const sentence = sentenceFor(first, context);
    return count === 1
      ? sentence
      : `${sentence} The same again ${count - 1} more time${count > 2 ? 's' : ''}, until ${clockTime(last.startTime, day)}.`;
  });
  return { ...base, sentences };
}

async function nothingRecorded(
  history: ActivityWindow,
  target: TargetConfig,
  from: number,
  to: number,
  day: string,
): Promise<string[]> {
  const alarms = policyAlarmNames(target);
  const last = await history.lastActivityBefore(targetKey(target), from, from - LOOKBACK_MS);
  const checks = alarms.map(
    (name) =>
      `aws cloudwatch describe-alarm-history --alarm-name ${name} --history-item-type StateUpdate --start-date ${isoSeconds(from)} --end-date ${isoSeconds(to)}`,
  );
  return [
    `Nothing was recorded between ${clockTime(from, day)} and ${clockTime(to, day)}.`,
    'The scaler records every alarm event it receives for this target and every one-minute re-evaluation of an alarm still in ALARM, whether it scales or not: so no alarm of this target in ALARM reached the scaler in that time (nor did a scheduled action fire).',
    ...(alarms.length > 0 ? [`Check the alarms' own history: ${checks.join(' ; ')}`] : []),
    last
      ? `The last activity before that: ${sentenceFor(last, { target, day, initiatorOf: () => undefined })}`
      : 'Nothing at all was recorded in the 90 days before (the history keeps 90 days).',
  ];
}

/** Scaling activities before the window that may have started a cooldown seen inside it. */
async function earlierInitiators(
  history: ActivityWindow,
  target: TargetConfig,
  activities: readonly ActivityRecord[],
  from: number,
): Promise<ActivityRecord[]> {
  const ends = activities
    .filter((record) => record.reasonCode === 'CooldownInEffect')
    .map((record) => record.alarm?.cooldownEndsAt)
    .filter((end): end is number => end !== undefined);
  if (ends.length === 0) return [];
  const longest =
    Math.max(
      ...target.stepPolicies.map((policy) => policy.cooldown),
      ...target.targetTrackingPolicies.flatMap((policy) => [policy.scaleOutCooldown, policy.scaleInCooldown]),
    ) * 1000;
  const start = Math.min(...ends) - longest;
  return start < from ? history.activitiesBetween(targetKey(target), start, from - 1) : [];
}

const STARTS_COOLDOWN: ReadonlySet<string> = new Set(['Successful', 'InProgress']);

/**
 * The activity whose cooldown `record` ran into: the one whose start plus its policy's cooldown
 * is exactly when that cooldown ended; failing that (a deferred change started its cooldown
 * later than its activity), the latest fitting scaling activity before it.
 */
function initiatorOf(
  record: ActivityRecord,
  known: readonly ActivityRecord[],
  target: TargetConfig,
): ActivityRecord | undefined {
  const ends = record.alarm?.cooldownEndsAt;
  if (ends === undefined) return undefined;
  const candidates = known.filter(
    (c) =>
      c !== record &&
      (c.action === 'scale-out' || c.action === 'scale-in') &&
      STARTS_COOLDOWN.has(c.status) &&
      c.policyName !== undefined &&
      c.startTime <= record.startTime,
  );
  const exact = candidates.filter((c) => c.startTime + cooldownMs(target, c) === ends);
  const ownScaleOut =
    record.alarm?.policyType === 'TargetTracking'
      ? fromHighAlarm(record)
      : stepPushesOut(
          record,
          target.stepPolicies.find((p) => p.policyName === record.policyName),
        );
  const fitting = ownScaleOut
    ? candidates.filter((c) => c.policyName === record.policyName && c.action === 'scale-out')
    : candidates;
  const pool = exact.length > 0 ? exact : fitting.filter((c) => c.startTime < ends);
  return pool.reduce<ActivityRecord | undefined>(
    (latest, c) => (!latest || c.startTime > latest.startTime ? c : latest),
    undefined,
  );
}

/** The cooldown a scaling activity started: its policy's, in its direction for target tracking. */
function cooldownMs(target: TargetConfig, activity: ActivityRecord): number {
  const tracking = target.targetTrackingPolicies.find((p) => p.policyName === activity.policyName);
  if (tracking) {
    return (activity.action === 'scale-out' ? tracking.scaleOutCooldown : tracking.scaleInCooldown) * 1000;
  }
  return (target.stepPolicies.find((p) => p.policyName === activity.policyName)?.cooldown ?? 0) * 1000;
}

/** Consecutive activities with the same cause and outcome, told as one. */
function runsOf(records: readonly ActivityRecord[]) {
  const runs: { first: ActivityRecord; last: ActivityRecord; count: number }[] = [];
  const keyOf = (r: ActivityRecord) =>
    [r.cause, r.status, r.reasonCode, r.fromCapacity, r.toCapacity, r.alarm?.cooldownEndsAt].join('|');
  for (const record of records) {
    const run = runs.at(-1);
    if (run && keyOf(run.first) === keyOf(record)) {
      run.last = record;
      run.count += 1;
    } else runs.push({ first: record, last: record, count: 1 });
  }
  return runs;
}
