import { type Command, InvalidArgumentError } from 'commander';
import { targetKey } from '../../domain/model.ts';
import { activityJson, toJsonText } from '../../operate/json.ts';
import { renderHistory } from '../../operate/render-history.ts';
import type { ActivityStatus } from '../../ports/activity.ts';
import { parseSince } from '../../usecases/operate/durations.ts';
import { ACTIVITY_REASON_CODES, ACTIVITY_STATUSES, readHistory } from '../../usecases/operate/history.ts';
import { selectTargets } from '../../usecases/operate/target-ref.ts';
import {
  type OperateDeps,
  positiveInteger,
  runAgainstStage,
  type StageOptions,
  withStageOptions,
} from './operate-support.ts';

interface HistoryOptions extends StageOptions {
  since?: string;
  status?: ActivityStatus[];
  reason?: string[];
  limit: number;
  wide?: boolean;
}

/** Comma-separated, repeatable: `--status Failed,NotScaled --status Pending`. */
function collect(parse: (item: string) => string) {
  return (value: string, previous: string[] = []) => [
    ...previous,
    ...value
      .split(',')
      .map((item) => parse(item.trim()))
      .filter((item) => item !== ''),
  ];
}

function parseStatus(value: string): ActivityStatus {
  const found = ACTIVITY_STATUSES.find((status) => status.toLowerCase() === value.toLowerCase());
  if (!found)
    throw new InvalidArgumentError(
      `--status expects one of ${ACTIVITY_STATUSES.join(', ')}, found '${value}'`,
    );
  return found;
}

/** A reason code, matched regardless of case; an unknown one is a usage error listing them all. */
function parseReason(value: string): string {
  const found = ACTIVITY_REASON_CODES.find((code) => code.toLowerCase() === value.toLowerCase());
  if (!found)
    throw new InvalidArgumentError(
      `--reason expects one of ${ACTIVITY_REASON_CODES.join(', ')}, found '${value}'`,
    );
  return found;
}

/** `scaler history [endpoint/variant]`: activities newest first. */
export function registerHistory(program: Command, deps: OperateDeps): void {
  withStageOptions(
    program
      .command('history')
      .argument('[target]', 'endpoint/variant (default: every target of scaling.yml, merged)')
      .description('scaling activities newest first: time, cause, from -> to, status, message, reason code'),
  )
    .option('--since <when>', 'only since a duration ago (24h, 7d) or an ISO-8601 instant')
    .option(
      '--status <statuses>',
      `only these statuses (${ACTIVITY_STATUSES.join(', ')}); comma-separated`,
      collect(parseStatus),
    )
    .option(
      '--reason <codes>',
      'only these reason codes (e.g. CooldownInEffect); comma-separated',
      collect(parseReason),
    )
    .option('--limit <n>', 'at most this many activities', positiveInteger('--limit'), 50)
    .option(
      '--wide',
      'print every column whole (by default the table fits 120 columns, long text cut with …)',
    )
    .action(async (ref: string | undefined, options: HistoryOptions) => {
      await runAgainstStage(deps, options, async (context, config) => {
        const targets = selectTargets(config, ref);
        const since = options.since === undefined ? undefined : parseSince(options.since, deps.now());
        const records = await readHistory(context.store, targets.map(targetKey), {
          since,
          statuses: options.status,
          reasonCodes: options.reason,
          limit: options.limit,
        });
        deps.write(
          `${options.json ? toJsonText(records.map(activityJson)) : renderHistory(records, targets.length > 1, { wide: options.wide === true })}\n`,
        );
      });
    });
}
