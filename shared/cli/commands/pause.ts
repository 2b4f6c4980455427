import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { toJsonText } from '../../operate/json.ts';
import {
  type PauseFlag,
  type PauseResult,
  pauseTarget,
  type ResumeResult,
  resumeTarget,
} from '../../usecases/operate/pause.ts';
import { resolveTarget, shortTargetName } from '../../usecases/operate/target-ref.ts';
import { type OperateDeps, runAgainstStage, type StageOptions, withStageOptions } from './operate-support.ts';

interface FlagOptions extends StageOptions {
  in?: boolean;
  out?: boolean;
  scheduled?: boolean;
  reason?: string;
}

function flagsOf(options: FlagOptions): PauseFlag[] {
  return (['in', 'out', 'scheduled'] as const).filter((flag) => options[flag] === true);
}

function withFlags(command: Command): Command {
  return command
    .option('--in', 'dynamic scale-in')
    .option('--out', 'dynamic scale-out')
    .option('--scheduled', 'scheduled actions');
}

/** `scaler pause` and `scaler resume`: the runtime suspension flags, recorded in the history. */
export function registerPause(program: Command, deps: OperateDeps): void {
  withFlags(
    withStageOptions(
      program
        .command('pause')
        .argument('<target>', 'endpoint/variant')
        .description('suspend dynamic scale-in, scale-out and/or scheduled scaling (no flag: all three)'),
    ),
  )
    .requiredOption('--reason <text>', 'why (recorded in the history and shown by status)')
    .action(async (ref: string, options: FlagOptions) => {
      await runAgainstStage(deps, options, async (context, config) => {
        const target = resolveTarget(config, ref);
        const result = await pauseTarget(context.scalerPorts(config), {
          target,
          flags: flagsOf(options),
          reason: options.reason ?? '',
          now: deps.now(),
          operator: deps.operator(),
          requestId: randomUUID(),
        });
        deps.write(`${options.json ? toJsonText(result) : pauseText(shortTargetName(target), result)}\n`);
      });
    });
  withFlags(
    withStageOptions(
      program
        .command('resume')
        .argument('<target>', 'endpoint/variant')
        .description(
          'lift runtime suspension (no flag: all three); alarms still in ALARM are evaluated again at once',
        ),
    ),
  ).action(async (ref: string, options: FlagOptions) => {
    await runAgainstStage(deps, options, async (context, config) => {
      const target = resolveTarget(config, ref);
      const result = await resumeTarget(context.scalerPorts(config), {
        target,
        flags: flagsOf(options),
        now: deps.now(),
        operator: deps.operator(),
        requestId: randomUUID(),
      });
      deps.write(`${options.json ? toJsonText(result) : resumeText(shortTargetName(target), result)}\n`);
    });
  });
}

function pauseText(name: string, result: PauseResult): string {
  const still = result.stillSuspended.length > 0 ? result.stillSuspended.join(', ') : 'nothing';
  return `${name}: ${result.record.statusMessage}\nnow suspended: ${still}`;
}

function resumeText(name: string, result: ResumeResult): string {
  const lines = [pauseText(name, result)];
  const outcome = result.reevaluation;
  if (outcome) {
    const code = outcome.reasonCode ? ` (${outcome.reasonCode})` : '';
    lines.push(
      `re-evaluated alarms in ALARM: ${outcome.action}${code} ${outcome.fromCapacity} -> ${outcome.toCapacity}: ${outcome.reason}`,
    );
  } else if (result.dynamicResumed) {
    lines.push('no alarm of this target is in ALARM: nothing to re-evaluate');
  }
  return lines.join('\n');
}
