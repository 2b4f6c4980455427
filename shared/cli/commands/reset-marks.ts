import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { toJsonText } from '../../operate/json.ts';
import { resetMarks } from '../../usecases/operate/reset-marks.ts';
import { resolveTarget, shortTargetName } from '../../usecases/operate/target-ref.ts';
import { CliError } from '../errors.ts';
import { type OperateDeps, runAgainstStage, type StageOptions, withStageOptions } from './operate-support.ts';

interface ResetOptions extends StageOptions {
  alarm?: string[];
  schedule?: string[];
  all?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `scaler reset-marks`: clears newest-seen marks (shown by `scaler status`), recorded in the history. */
export function registerResetMarks(program: Command, deps: OperateDeps): void {
  withStageOptions(
    program
      .command('reset-marks')
      .argument('<target>', 'endpoint/variant')
      .description(
        'clear the newest state timestamp seen for an alarm, or the newest slot handled for a scheduled action (scaler status shows them): events older than a mark are refused as stale',
      ),
  )
    .option('--alarm <name>', 'an alarm of the target (repeatable)', collect)
    .option('--schedule <name>', 'a scheduled action of the target (repeatable)', collect)
    .option('--all', 'every mark of the target')
    .action(async (ref: string, options: ResetOptions) => {
      const alarms = options.alarm ?? [];
      const schedules = options.schedule ?? [];
      if (!options.all && alarms.length === 0 && schedules.length === 0) {
        throw new CliError('reset-marks: name what to clear with --alarm, --schedule or --all', 2);
      }
      await runAgainstStage(deps, options, async (context, config) => {
        const target = resolveTarget(config, ref);
        // An unknown name is a usage error (exit 2, see failures.ts), naming the target's own.
        const result = await resetMarks(context.scalerPorts(config), {
          target,
          alarms,
          schedules,
          all: options.all === true,
          now: deps.now(),
          operator: deps.operator(),
          requestId: randomUUID(),
        });
        const text = [`${shortTargetName(target)}:`, ...result.cleared.map((line) => `  ${line}`)].join('\n');
        deps.write(`${options.json ? toJsonText(result) : text}\n`);
      });
    });
}
