import type { Command } from 'commander';
import { toJsonText } from '../../operate/json.ts';
import { renderStatus } from '../../operate/render-status.ts';
import { describeStatus } from '../../usecases/operate/status.ts';
import { selectTargets } from '../../usecases/operate/target-ref.ts';
import { type OperateDeps, runAgainstStage, type StageOptions, withStageOptions } from './operate-support.ts';

/** `scaler status [endpoint/variant]`: what each target is doing now. */
export function registerStatus(program: Command, deps: OperateDeps): void {
  withStageOptions(
    program
      .command('status')
      .argument('[target]', 'endpoint/variant (default: every target of scaling.yml)')
      .description(
        'mode, endpoint, bounds in force, cooldowns, alarms in ALARM, intents, suspension, next scheduled action',
      ),
  ).action(async (ref: string | undefined, options: StageOptions) => {
    await runAgainstStage(deps, options, async (context, config) => {
      const now = deps.now();
      const statuses = await describeStatus(context.status, selectTargets(config, ref), now);
      deps.write(`${options.json ? toJsonText(statuses) : renderStatus(statuses, now)}\n`);
    });
  });
}
