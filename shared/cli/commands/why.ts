import type { Command } from 'commander';
import { activityJson, toJsonText } from '../../operate/json.ts';
import { renderExplanation } from '../../operate/render-history.ts';
import { parseDuration, parseInstantArgument } from '../../usecases/operate/durations.ts';
import { resolveTarget } from '../../usecases/operate/target-ref.ts';
import { explainAround } from '../../usecases/operate/why.ts';
import { type OperateDeps, runAgainstStage, type StageOptions, withStageOptions } from './operate-support.ts';

interface WhyOptions extends StageOptions {
  at?: string;
  window: string;
}

/** `scaler why endpoint/variant`: what the scaler saw and decided around a time, in sentences. */
export function registerWhy(program: Command, deps: OperateDeps): void {
  withStageOptions(
    program
      .command('why')
      .argument('<target>', 'endpoint/variant')
      .description('explain, from the recorded activities, what the scaler saw and decided around a time'),
  )
    .option('--at <instant>', 'ISO-8601 instant (default: now)')
    .option('--window <duration>', 'look this far before and after --at', '15m')
    .action(async (ref: string, options: WhyOptions) => {
      await runAgainstStage(deps, options, async (context, config) => {
        const target = resolveTarget(config, ref);
        const at = options.at === undefined ? deps.now() : parseInstantArgument(options.at, '--at');
        const explanation = await explainAround(
          context.window,
          target,
          at,
          parseDuration(options.window, '--window'),
        );
        deps.write(
          `${
            options.json
              ? toJsonText({ ...explanation, activities: explanation.activities.map(activityJson) })
              : renderExplanation(explanation)
          }\n`,
        );
      });
    });
}
