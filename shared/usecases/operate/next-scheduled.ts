import type { TargetConfig } from '../../domain/model.ts';
import {
  nextFireTime,
  parseScheduleExpression,
  RateAnchorMissingError,
} from '../../domain/schedule/index.ts';

/** When a target's next scheduled action fires, or why that cannot be said. */
export type NextScheduled =
  | { scheduledActionName: string; at: number; timezone: string; minCapacity?: number; maxCapacity?: number }
  | undefined;

/** Actions whose next firing is not computable here (a rate() anchored to its deploy time). */
export interface ScheduleNote {
  scheduledActionName: string;
  note: string;
}

/**
 * The earliest firing after `now` among the target's scheduled actions, in their time zones and
 * windows. A rate() without startTime fires relative to when its schedule was deployed, which
 * the state does not hold: it is listed in `notes` instead.
 */
export function nextScheduledAction(
  target: TargetConfig,
  now: number,
): { next: NextScheduled; notes: ScheduleNote[] } {
  let next: NextScheduled;
  const notes: ScheduleNote[] = [];
  for (const action of target.scheduledActions) {
    const parsed = parseScheduleExpression(action.schedule);
    // scaling.yml was validated: a parse failure cannot happen; skip rather than guess.
    if (!parsed.ok) continue;
    const { timezone, startTime, endTime } = action;
    let at: number | undefined;
    try {
      at = nextFireTime(parsed.expression, { timezone, startTime, endTime, rateAnchor: startTime }, now);
    } catch (error) {
      if (!(error instanceof RateAnchorMissingError)) throw error;
      notes.push({
        scheduledActionName: action.scheduledActionName,
        note: `${action.schedule} counts from when its schedule was deployed (no startTime): next firing not known here`,
      });
      continue;
    }
    if (at !== undefined && (next === undefined || at < next.at)) {
      next = {
        scheduledActionName: action.scheduledActionName,
        at,
        timezone,
        ...action.scalableTargetAction,
      };
    }
  }
  return { next, notes };
}
