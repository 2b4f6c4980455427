/**
 * Static rules of a scheduled action (AAS PutScheduledAction). The schedule grammar and the
 * time zone belong to the domain's schedule module: this file only reports what it says.
 */
import { isValidTimeZone, parseScheduleExpression } from '../domain/schedule/index.ts';
import { at, type IssueCollector } from './issues.ts';
import type { ParsedScheduledAction, ParsedTarget } from './schema.ts';

/** AAS ScheduledActionName: no control characters, no `:` `/` `|`, no leading or trailing space. */
const ACTION_NAME = /^(?! )[^\p{Cc}:/|]*(?<! )$/u;

/** The min/max an action sets: at least one, each >= 1, and min <= max when both are given. */
function checkTargetAction(
  action: ParsedScheduledAction,
  target: Pick<ParsedTarget, 'minCapacity' | 'maxCapacity'> | undefined,
  path: string,
  issues: IssueCollector,
): void {
  const { minCapacity, maxCapacity } = action.scalableTargetAction;
  const actionPath = at(path, 'scalableTargetAction');
  if (minCapacity === undefined && maxCapacity === undefined) {
    issues.error(actionPath, 'must set minCapacity, maxCapacity or both (found neither)');
    return;
  }
  // A plain endpoint variant cannot scale to zero (that needs inference components).
  for (const [field, value] of [
    ['minCapacity', minCapacity],
    ['maxCapacity', maxCapacity],
  ] as const) {
    if (value !== undefined && value < 1) {
      issues.error(at(actionPath, field), `must be at least 1 (found ${value})`);
    }
  }
  if (minCapacity !== undefined && maxCapacity !== undefined && minCapacity > maxCapacity) {
    issues.error(
      at(actionPath, 'minCapacity'),
      `must be <= maxCapacity (found ${minCapacity} > ${maxCapacity})`,
    );
  }
  // AAS: if the current max is below the new min (or the current min above the new max), both
  // must be given. The file's bounds are the ones in force after a deploy.
  if (target === undefined) return;
  if (maxCapacity === undefined && minCapacity !== undefined && minCapacity > target.maxCapacity) {
    issues.error(
      at(actionPath, 'minCapacity'),
      `exceeds the target's maxCapacity (found ${minCapacity} > ${target.maxCapacity}): if the current max is below the new min, both must be given; add maxCapacity`,
    );
  }
  if (minCapacity === undefined && maxCapacity !== undefined && maxCapacity < target.minCapacity) {
    issues.error(
      at(actionPath, 'maxCapacity'),
      `is below the target's minCapacity (found ${maxCapacity} < ${target.minCapacity}): if the current min is above the new max, both must be given; add minCapacity`,
    );
  }
}

/**
 * Every static rule of one scheduled action at `path`, checked against its target's bounds
 * (undefined when the target itself failed to parse: those checks are then skipped).
 */
export function checkScheduledAction(
  action: ParsedScheduledAction,
  target: Pick<ParsedTarget, 'minCapacity' | 'maxCapacity'> | undefined,
  path: string,
  issues: IssueCollector,
): void {
  if (!ACTION_NAME.test(action.scheduledActionName)) {
    issues.error(
      at(path, 'scheduledActionName'),
      `must not contain ':', '/', '|' or control characters, nor start or end with a space (found ${JSON.stringify(action.scheduledActionName)})`,
    );
  }
  const parsed = parseScheduleExpression(action.schedule);
  if (!parsed.ok) {
    // The parser may prefix its own field name; the path already says it.
    for (const message of parsed.errors)
      issues.error(at(path, 'schedule'), message.replace(/^schedule: /, ''));
  }
  if (!isValidTimeZone(action.timezone)) {
    issues.error(
      at(path, 'timezone'),
      `expected an IANA time zone name such as UTC or Europe/Berlin, found ${JSON.stringify(action.timezone)}`,
    );
  }
  const { startTime, endTime } = action;
  if (startTime !== undefined && endTime !== undefined && startTime >= endTime) {
    issues.error(
      at(path, 'endTime'),
      `must be after startTime (found ${new Date(endTime).toISOString()} <= ${new Date(startTime).toISOString()})`,
    );
  }
  checkTargetAction(action, target, path, issues);
}
