/**
 * Scheduled actions that will not fire, found by the schedule calculator itself. Two kinds:
 *
 * - never, whatever the date (an error): a cron naming a day that does not exist (30 February), a
 *   wall-clock time daylight saving skips in the action's zone (`at(2026-03-29T02:30:00)` in
 *   Europe/Berlin), or nothing left between its startTime and endTime. EventBridge Scheduler would
 *   accept such a schedule and stay silent; the file means something else, so it is refused.
 * - no more, from now on (a warning): an `at()` in the past, cron years or an endTime that have
 *   passed. Yesterday's file was fine, and a one-off action that already ran is no mistake, so
 *   this only warns, at `scaler validate` and `serverless package`.
 *
 * Both convert wall-clock times in the action's zone, which loads ICU's zone data: they run in
 * the tools that read scaling.yml (validate, package, the local stack), never at a function's cold
 * start, where the configuration has already passed them at package time.
 */
import { isoTime } from '../domain/decision.ts';
import type { ScalingConfig, ScheduledAction } from '../domain/model.ts';
import {
  nextFireTime,
  parseScheduleExpression,
  type ScheduleExpression,
  type ScheduleWindow,
} from '../domain/schedule/index.ts';
import { at, type ConfigIssue } from './issues.ts';

/** Cron years start in 1970 (as the schedule calculator's do). */
const EARLIEST = Date.UTC(1970, 0, 1);

interface Located {
  path: string;
  action: ScheduledAction;
  expression: ScheduleExpression;
}

function located(config: ScalingConfig): Located[] {
  return config.targets.flatMap((target, i) =>
    target.scheduledActions.flatMap((action, k) => {
      const parsed = parseScheduleExpression(action.schedule);
      // A schedule that does not parse is validateConfig's to report.
      if (!parsed.ok) return [];
      return [
        { path: at('targets', i, 'scheduledActions', k, 'schedule'), action, expression: parsed.expression },
      ];
    }),
  );
}

function windowOf(action: ScheduledAction): ScheduleWindow {
  return { timezone: action.timezone, startTime: action.startTime, endTime: action.endTime };
}

/** The first firing at or after `from` (undefined when none). */
function firingFrom(
  expression: ScheduleExpression,
  window: ScheduleWindow,
  from: number,
): number | undefined {
  return nextFireTime(expression, window, from - 1);
}

/** What `scaler validate` says about one action that has no firing after `now`: an error or a warning. */
function verdict({ action, expression }: Located, now: number): { error: boolean; message: string } {
  const never = (why: string) => ({ error: true, message: `${action.schedule} can never fire: ${why}` });
  const noMore = (why: string) => ({ error: false, message: `${why}: it will not fire again` });
  if (expression.kind === 'cron' && firingFrom(expression, { timezone: 'UTC' }, EARLIEST) === undefined) {
    return never('no date matches it (a day such as 30 February does not exist)');
  }
  if (expression.kind === 'at') {
    const instant = firingFrom(expression, { timezone: action.timezone }, EARLIEST);
    if (instant === undefined) {
      return never(
        `that wall-clock time does not exist in ${action.timezone} (the clocks jump over it when daylight saving begins)`,
      );
    }
    if (instant < now) {
      return noMore(
        `${action.schedule} in ${action.timezone} is ${isoTime(instant)}, before now (${isoTime(now)})`,
      );
    }
  }
  if (action.endTime !== undefined && action.endTime < now) {
    return noMore(`endTime ${isoTime(action.endTime)} has passed`);
  }
  const lastYear = expression.kind === 'cron' ? expression.years.at(-1) : undefined;
  if (lastYear !== undefined && Date.UTC(lastYear + 1, 0, 2) < now) {
    return noMore(`${action.schedule} names no year after ${lastYear}`);
  }
  const window = windowOf(action);
  const fired = firingFrom(expression, window, action.startTime ?? EARLIEST);
  if (action.endTime !== undefined && fired !== undefined && fired < now) {
    return noMore(`no firing is left before endTime ${isoTime(action.endTime)}`);
  }
  const from = Math.max(now, action.startTime ?? now);
  const skipped =
    firingFrom(expression, { timezone: action.timezone }, from) === undefined &&
    firingFrom(expression, { timezone: 'UTC' }, from) !== undefined;
  if (skipped) {
    return never(
      `every time it names from ${isoTime(from)} on is skipped in ${action.timezone} (the clocks jump over it when daylight saving begins)`,
    );
  }
  const after = action.startTime === undefined ? 'now' : `startTime ${isoTime(action.startTime)}`;
  const to = action.endTime === undefined ? '' : ` and endTime ${isoTime(action.endTime)}`;
  return never(`it has no firing between ${after}${to}`);
}

/**
 * The scheduled actions with no firing after `now`, each an error (it can never fire: no such
 * date, a time daylight saving skips, nothing inside its start and end) or a warning (its at()
 * or its end lies in the past, its years are over). `rate()` fires from its start until its end.
 */
export function scheduleFiringIssues(
  config: ScalingConfig,
  now: number,
): { errors: ConfigIssue[]; warnings: ConfigIssue[] } {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  for (const entry of located(config)) {
    const { action, expression, path } = entry;
    if (expression.kind === 'rate') {
      if (action.endTime !== undefined && action.endTime < now) {
        warnings.push({
          path,
          message: `endTime ${isoTime(action.endTime)} has passed: it will not fire again`,
        });
      }
      continue;
    }
    if (nextFireTime(expression, windowOf(action), now) !== undefined) continue;
    const { error, message } = verdict(entry, now);
    (error ? errors : warnings).push({ path, message });
  }
  return { errors, warnings };
}
