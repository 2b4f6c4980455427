import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { toJsonText } from '../../operate/json.ts';
import { parseDuration, parseSince, TimeArgumentError } from '../../usecases/operate/durations.ts';
import { resolveTarget } from '../../usecases/operate/target-ref.ts';
import { CliError } from '../errors.ts';
import { prepareOutputDirectory } from '../output-directory.ts';
import { type OperateDeps, runAgainstStage, type StageOptions, withStageOptions } from './operate-support.ts';

interface CompareOptions extends StageOptions {
  since: string;
  until?: string;
  tolerance: string;
  out?: string;
}

/** `--until`: an instant, or a duration back from now, as `--since` takes. */
function parseUntil(text: string, now: number): number {
  try {
    return parseSince(text, now);
  } catch (error) {
    throw new TimeArgumentError((error as Error).message.replaceAll('--since', '--until'), { cause: error });
  }
}

/** `scaler compare endpoint/variant`: our recorded decisions beside native AAS's activities. */
export function registerCompare(program: Command, deps: OperateDeps): void {
  withStageOptions(
    program
      .command('compare')
      .argument('<target>', 'endpoint/variant (meant for a target in mode: shadow)')
      .description(
        "our recorded decisions beside native Application Auto Scaling's activities: agree, earlier, later, different size, one side only",
      ),
  )
    .option('--since <when>', 'window start: a duration ago (24h, 7d) or an ISO-8601 instant', '24h')
    .option('--until <when>', 'window end: a duration ago or an ISO-8601 instant (default: now)')
    .option('--tolerance <duration>', 'pair two changes at most this far apart', '10m')
    .option('--out <dir>', 'also write compare.html (self-contained, opens offline) into this directory')
    .action(async (ref: string, options: CompareOptions) => {
      await runAgainstStage(deps, options, async (context, config) => {
        const target = resolveTarget(config, ref);
        const now = deps.now();
        const from = parseSince(options.since, now);
        const to = options.until === undefined ? now : parseUntil(options.until, now);
        const toleranceMs = parseDuration(options.tolerance, '--tolerance');
        if (from >= to) {
          throw new CliError(`--since must come before --until (the window is empty)`, 2);
        }
        // Loaded when the command runs: the AAS adapter pulls in the SDK (`scaler --help` stays fast).
        const [{ AasScalingActivities }, { compareWithNative }, { SAME_MOMENT_MS }] = await Promise.all([
          import('../../operate/native-activities.ts'),
          import('../../usecases/operate/compare.ts'),
          import('../../usecases/operate/compare-pairing.ts'),
        ]);
        const comparison = await compareWithNative(
          { window: context.window, native: new AasScalingActivities(context.clients.aas) },
          target,
          { from, to },
          { toleranceMs, sameMomentMs: SAME_MOMENT_MS },
        );
        let written: string | undefined;
        if (options.out) {
          const { comparePageHtml } = await import('../../operate/compare-page.ts');
          prepareOutputDirectory(options.out);
          written = join(options.out, 'compare.html');
          writeFileSync(written, comparePageHtml(comparison));
        }
        if (options.json) {
          deps.write(`${toJsonText(comparison)}\n`);
        } else {
          const { renderComparison } = await import('../../operate/render-compare.ts');
          deps.write(`${renderComparison(comparison)}${written ? `\nwrote ${written}` : ''}\n`);
        }
      });
    });
}
