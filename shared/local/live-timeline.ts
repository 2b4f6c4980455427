/**
 * The live timeline `npm start` prints while a trace plays through the local stack: one line per
 * decision a person wants to see (a change, a deferral or failure, a scheduled action, the first
 * minute a cooldown holds a policy back), and one status line per simulated hour. Quiet minutes
 * print nothing.
 */
import { alarmLabel } from '../domain/alarm-policies.ts';
import type { SimulatedMinuteReport } from '../sim/run-simulation.ts';
import type { SimulatedTarget } from '../sim/simulated-world.ts';
import { confirmsEarlierChange, type EventOutcome } from '../usecases/outcome.ts';

const HOUR_MS = 3_600_000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const EVENT_WIDTH = 52;
const ACTION_WIDTH = 22;

/** `Fri 14 Jul 16:00`, UTC: the simulated time as a person reads it. */
export function simulatedTime(time: number): string {
  const d = new Date(time);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${MONTHS[d.getUTCMonth()]} ${hh}:${mm}`;
}

function whole(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Serving instances averaged over the minute: whole unless an instance started mid-minute. */
function instances(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** `Fri 18:00 Europe/Berlin`: when a scheduled action fired, in its own time zone. */
function zonedTime(time: number, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(time);
  return `${text} ${timeZone}`;
}

/** What brought the decision about, in a few words. */
function eventText(outcome: EventOutcome, target: SimulatedTarget): string {
  const scheduled = outcome.scheduledActionName;
  if (scheduled !== undefined) {
    const zone = target.target.scheduledActions.find((a) => a.scheduledActionName === scheduled)?.timezone;
    return `schedule ${scheduled}${zone ? ` (${zonedTime(outcome.time, zone)})` : ''}`;
  }
  const name = outcome.alarm?.alarmName;
  const alarm = name === undefined ? undefined : alarmLabel(target.target, name);
  if (outcome.eventKey.startsWith('tick@')) return `tick: ${alarm ?? 'alarm'} still in ALARM`;
  if (outcome.eventKey.startsWith('retry@')) return 'tick: retries the deferred change';
  if (outcome.eventKey.startsWith('drift@')) return 'tick: capacity outside its bounds';
  const state = /in state (\w+)/.exec(outcome.cause)?.[1];
  return alarm !== undefined && state !== undefined ? `alarm ${alarm} -> ${state}` : outcome.cause;
}

function actionText(outcome: EventOutcome): string {
  switch (outcome.action) {
    case 'scale-out':
    case 'scale-in':
      return `${outcome.action} ${outcome.fromCapacity} -> ${outcome.toCapacity}`;
    case 'deferred':
      return `deferred (-> ${outcome.toCapacity})`;
    case 'failed':
      return 'failed';
    case 'none': {
      const held = HELD_TEXT[outcome.reasonCode ?? ''];
      return held ? `held at ${outcome.fromCapacity} (${held})` : `none (stays ${outcome.toCapacity})`;
    }
  }
}

/** Decisions not to change that show a rule at work: printed on the first minute of a run of them. */
const HELD: ReadonlySet<string> = new Set([
  'CooldownInEffect',
  'AlreadyAtMinCapacity',
  'AlreadyAtMaxCapacity',
]);

const HELD_TEXT: Readonly<Record<string, string>> = {
  CooldownInEffect: 'cooldown',
  AlreadyAtMinCapacity: 'min capacity',
  AlreadyAtMaxCapacity: 'max capacity',
};

/** Prints a run's timeline as it plays. */
export class LiveTimeline {
  private readonly heldBack = new Set<string>();
  /** The minute of each target's last change: the tick's re-evaluation right after it is no news. */
  private readonly changedAt = new Map<string, number>();
  private readonly counts = { scaleOut: 0, scaleIn: 0, held: 0, deferred: 0 };

  constructor(
    private readonly write: (line: string) => void,
    private readonly capacityPerInstance: number,
  ) {}

  /** The column header. */
  header(): void {
    this.write(`${'time (UTC)'.padEnd(16)}  ${'demand/min'.padStart(10)}  serving  desired  what happened`);
  }

  /** One played minute (see `SimulationOptions.onMinute`). */
  minute(report: SimulatedMinuteReport): void {
    for (const outcome of report.outcomes) {
      const target = report.targets.find((t) => t.key === outcome.targetKey);
      if (target && this.worthALine(outcome)) this.decisionLine(report, target, outcome);
    }
    if (report.time % HOUR_MS === 0) {
      for (const target of report.targets) this.statusLine(report, target);
    }
  }

  /**
   * Changes, deferrals, failures and scheduled actions; a cooldown or a bound only on its first held
   * minute, and not at all when that minute is the one its own change happened in (the tick
   * re-evaluating an alarm right after its event changed capacity tells nothing new).
   */
  private worthALine(outcome: EventOutcome): boolean {
    if (confirmsEarlierChange(outcome)) return false;
    const key = `${outcome.targetKey}|${outcome.policyName ?? ''}|${outcome.reasonCode}`;
    if (outcome.action === 'none' && outcome.scheduledActionName === undefined) {
      if (!HELD.has(outcome.reasonCode ?? '')) return false;
      if (outcome.reasonCode === 'CooldownInEffect') this.counts.held++;
      if (this.heldBack.has(key)) return false;
      this.heldBack.add(key);
      const rightAfterChange =
        outcome.eventKey.startsWith('tick@') && this.changedAt.get(outcome.targetKey ?? '') === outcome.time;
      return !rightAfterChange;
    }
    // A decision that did something: the next cooldown of this target is news again.
    for (const held of this.heldBack)
      if (held.startsWith(`${outcome.targetKey}|`)) this.heldBack.delete(held);
    if (outcome.action === 'scale-out') this.counts.scaleOut++;
    if (outcome.action === 'scale-in') this.counts.scaleIn++;
    if (outcome.action === 'scale-out' || outcome.action === 'scale-in') {
      this.changedAt.set(outcome.targetKey ?? '', outcome.time);
    }
    if (outcome.action === 'deferred') this.counts.deferred++;
    return true;
  }

  private prefix(report: SimulatedMinuteReport, target: SimulatedTarget): string {
    const minute = target.policyMinutes[report.index];
    const demand = minute ? whole(minute.demand) : '-';
    const serving = minute ? instances(minute.servingInstances) : '-';
    const desired = minute ? String(minute.desiredInstances) : '-';
    return `${simulatedTime(report.time).padEnd(16)}  ${demand.padStart(10)}  ${serving.padStart(7)}  ${desired.padStart(7)}`;
  }

  private decisionLine(report: SimulatedMinuteReport, target: SimulatedTarget, outcome: EventOutcome): void {
    const event = eventText(outcome, target).padEnd(EVENT_WIDTH);
    const action = actionText(outcome).padEnd(ACTION_WIDTH);
    this.write(`${this.prefix(report, target)}  ${event} ${action} ${outcome.reason}`);
  }

  private statusLine(report: SimulatedMinuteReport, target: SimulatedTarget): void {
    const minute = target.policyMinutes[report.index];
    const needs = minute ? Math.ceil(minute.demand / this.capacityPerInstance) : 0;
    const states = target.alarmStates();
    const alarms = target.alarmNames
      .map((name) => `${alarmLabel(target.target, name)} ${states[name] ?? '?'}`)
      .join(', ');
    const { scaleOut, scaleIn, held, deferred } = this.counts;
    this.write(
      `${this.prefix(report, target)}  · needs ${needs} · alarms ${alarms} · so far ${scaleOut} out, ${scaleIn} in, ${deferred} deferred, ${held} min held by cooldown`,
    );
  }
}
