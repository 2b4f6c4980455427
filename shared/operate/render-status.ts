import { renderTable } from '../cli/table.ts';
import { type SuspendedState, targetKey } from '../domain/model.ts';
import { floorText } from '../domain/predictive/floor.ts';
import type { ScalingIntent } from '../domain/state.ts';
import { formatDuration, isoSeconds, zonedTime } from '../usecases/operate/clock-text.ts';
import type { SuspensionView, TargetStatus } from '../usecases/operate/status.ts';
import { shortTargetName } from '../usecases/operate/target-ref.ts';

const FLAG_TEXT: Record<keyof SuspendedState, string> = {
  dynamicScalingInSuspended: 'dynamic scale-in',
  dynamicScalingOutSuspended: 'dynamic scale-out',
  scheduledScalingSuspended: 'scheduled scaling',
};

const SHORT_FLAG: Record<keyof SuspendedState, string> = {
  dynamicScalingInSuspended: 'in',
  dynamicScalingOutSuspended: 'out',
  scheduledScalingSuspended: 'scheduled',
};

/** The overview table, then one block per target. */
export function renderStatus(
  statuses: readonly TargetStatus[],
  now: number,
  localZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
): string {
  const rows = statuses.map((s) => [
    shortTargetName(s),
    s.mode,
    s.endpoint.found ? s.endpoint.status : 'not found',
    s.endpoint.found ? String(s.endpoint.desiredInstanceCount) : '-',
    s.endpoint.found ? String(s.endpoint.currentInstanceCount ?? '-') : '-',
    `${s.bounds.minCapacity}..${s.bounds.maxCapacity}`,
    s.suspension
      .filter((f) => f.file || f.paused)
      .map((f) => SHORT_FLAG[f.flag])
      .join(',') || '-',
    String(s.cooldowns.length),
    s.alarmsInAlarm.map((a) => a.alarmName).join(', ') || '-',
  ]);
  const table = renderTable(
    [
      'target',
      'mode',
      'endpoint',
      'desired',
      'current',
      'bounds',
      'suspended',
      'cooldowns',
      'alarms in ALARM',
    ],
    rows,
  );
  return [
    `status at ${isoSeconds(now)}`,
    '',
    table,
    ...statuses.flatMap((s) => ['', ...details(s, localZone, now)]),
  ].join('\n');
}

function details(s: TargetStatus, localZone: string, now: number): string[] {
  const line = (label: string, text: string) => `  ${label.padEnd(16)} ${text}`;
  const lines = [`${targetKey(s)} (${s.mode}${s.hasState ? '' : ', not yet touched by the scaler'})`];
  lines.push(line('endpoint', endpointText(s)));
  lines.push(line('bounds', boundsText(s)));
  const cooldowns = s.cooldowns.map(
    (c) =>
      `${c.policyName} scale-${c.direction} until ${isoSeconds(c.endsAt)}, ${formatDuration(c.leftMs)} left (started ${isoSeconds(c.startedAt)} from ${c.baselineCapacity}, aiming at ${c.targetCapacity})`,
  );
  lines.push(...labelled(line, 'cooldowns', cooldowns));
  const alarms = s.alarmsInAlarm.map(
    (a) =>
      `${a.alarmName} -> ${a.policyName}${a.since === undefined ? '' : `, since ${isoSeconds(a.since)}`}`,
  );
  lines.push(...labelled(line, 'alarms in ALARM', alarms));
  const intents = [
    ...(s.inFlight ? [intentText('in flight', s.inFlight)] : []),
    ...(s.deferred ? [intentText('deferred', s.deferred)] : []),
    ...(s.accepted
      ? [
          `${intentText('accepted', s.accepted)}; InProgress until the endpoint is InService at ${s.accepted.desiredCapacity}`,
        ]
      : []),
  ];
  lines.push(...labelled(line, 'intents', intents));
  lines.push(line('suspended', s.suspension.map((f) => suspensionText(f, s.pauseReason)).join('; ')));
  lines.push(...labelled(line, 'next scheduled', scheduledTexts(s, localZone)));
  if (s.predictive.length > 0) lines.push(...labelled(line, 'predictive', s.predictive.map(predictiveText)));
  lines.push(...labelled(line, 'newest seen', markTexts(s, now)));
  return lines;
}

/** The staleness marks; one ahead of now refuses every event older than it, so it says so. */
function markTexts(s: TargetStatus, now: number): string[] {
  const ahead = (at: number) =>
    at > now
      ? ` (AHEAD of now by ${formatDuration(at - now)}: older events are refused as stale; \`scaler reset-marks\` clears it)`
      : '';
  const { alarms, schedules, boundsSlot } = s.marks;
  return [
    ...alarms.map((m) => `alarm ${m.alarmName}: state of ${isoSeconds(m.at)}${ahead(m.at)}`),
    ...schedules.map(
      (m) => `scheduled action ${m.scheduledActionName}: slot ${isoSeconds(m.slot)}${ahead(m.slot)}`,
    ),
    ...(boundsSlot === undefined
      ? []
      : [`bounds set by the slot of ${isoSeconds(boundsSlot)}${ahead(boundsSlot)}`]),
  ];
}

/** `daily (ForecastAndScale): floor 46 now (predictive floor for 18:00-19:00: ...); falls to 10 at ...`. */
function predictiveText(view: TargetStatus['predictive'][number]): string {
  const head = `${view.policyName} (${view.mode})`;
  if (view.forecastAt === undefined)
    return `${head}: no forecast stored yet (the forecast function runs every hour)`;
  const now = view.floor ? `floor ${view.floor.capacity} now (${floorText(view.floor)})` : 'no floor now';
  const next = view.next
    ? `; ${view.next.floor ? `${view.next.floor.capacity}` : 'none'} from ${isoSeconds(view.next.at)}`
    : '';
  return `${head}: ${now}${next}; forecast made ${isoSeconds(view.forecastAt)}`;
}

function labelled(
  line: (label: string, text: string) => string,
  label: string,
  texts: readonly string[],
): string[] {
  if (texts.length === 0) return [line(label, 'none')];
  return texts.map((text, i) => line(i === 0 ? label : '', text));
}

function endpointText(s: TargetStatus): string {
  if (!s.endpoint.found) return s.endpoint.problem;
  const current =
    s.endpoint.currentInstanceCount === undefined ? '' : `, current ${s.endpoint.currentInstanceCount}`;
  const last = s.lastSetCapacity === undefined ? '' : ` (the scaler last set ${s.lastSetCapacity})`;
  return `${s.endpoint.status}: desired ${s.endpoint.desiredInstanceCount}${current}${last}`;
}

function boundsText(s: TargetStatus): string {
  const { bounds } = s;
  const by =
    bounds.setBy.kind === 'config'
      ? 'set by scaling.yml'
      : `set by scheduled action ${bounds.setBy.scheduledActionName} for ${isoSeconds(bounds.setBy.scheduledTime)}`;
  const pending = s.pendingConfigBounds
    ? `; scaling.yml now says [${s.pendingConfigBounds.minCapacity}, ${s.pendingConfigBounds.maxCapacity}], applied at the next event`
    : '';
  return `min ${bounds.minCapacity}, max ${bounds.maxCapacity}, ${by} (since ${isoSeconds(bounds.since)})${pending}`;
}

function intentText(kind: string, intent: ScalingIntent): string {
  const waiting = intent.waitingFor ? `, waiting for ${intent.waitingFor}` : '';
  return `${kind}: ${intent.fromCapacity} -> ${intent.desiredCapacity} (${intent.cause}), decided ${isoSeconds(intent.decidedAt)}${waiting}`;
}

function suspensionText(flag: SuspensionView, reason: string | undefined): string {
  const where = [
    ...(flag.file ? ['scaling.yml'] : []),
    ...(flag.paused ? [`paused${reason ? ` ("${reason}")` : ''}`] : []),
  ];
  return `${FLAG_TEXT[flag.flag]}: ${where.length > 0 ? where.join(' and ') : 'no'}`;
}

function scheduledTexts(s: TargetStatus, localZone: string): string[] {
  const texts: string[] = [];
  const next = s.nextScheduled;
  if (next) {
    const sets = [
      ...(next.minCapacity === undefined ? [] : [`min ${next.minCapacity}`]),
      ...(next.maxCapacity === undefined ? [] : [`max ${next.maxCapacity}`]),
    ].join(', ');
    const skipped = s.suspension.find((f) => f.flag === 'scheduledScalingSuspended' && (f.file || f.paused))
      ? ' (skipped while scheduled scaling is suspended)'
      : '';
    // The action's own zone, and the reader's when it is a third one.
    const zones = [next.timezone, ...(localZone === next.timezone || localZone === 'UTC' ? [] : [localZone])];
    const local = zones.map((zone) => zonedTime(next.at, zone)).join(' = ');
    texts.push(`${next.scheduledActionName} at ${isoSeconds(next.at)} = ${local}, sets ${sets}${skipped}`);
  }
  texts.push(...s.scheduleNotes.map((n) => `${n.scheduledActionName}: ${n.note}`));
  return texts;
}
