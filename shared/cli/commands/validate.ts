import type { Command } from 'commander';
import { ConfigValidationError, checkConfigFile, describeConfig, formatIssue } from '../../config/index.ts';
import { CliError } from '../errors.ts';

/**
 * `scaler validate`: exit 0 with a one-line summary (and a `warning:` line for each warning, such
 * as a scheduled action that will not fire again), or exit 1 listing every error.
 */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check scaling.yml against every static rule, reporting all errors at once')
    .option('--config <file>', 'scaling configuration', 'scaling.yml')
    .action((options: { config: string }) => {
      try {
        const { config, warnings } = checkConfigFile(options.config, Date.now());
        process.stdout.write(`${options.config}: valid. ${describeConfig(config)}\n`);
        for (const warning of warnings) process.stdout.write(`warning: ${formatIssue(warning)}\n`);
      } catch (error) {
        if (error instanceof ConfigValidationError) throw new CliError(error.message, 1, { cause: error });
        throw error;
      }
    });
}
