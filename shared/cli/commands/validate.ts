import type { Command } from 'commander';
import { ConfigValidationError, describeConfig, loadConfigFile } from '../../config/index.ts';
import { CliError } from '../errors.ts';

/** `scaler validate`: exit 0 with a one-line summary, or exit 1 listing every error. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check scaling.yml against every static rule, reporting all errors at once')
    .option('--config <file>', 'scaling configuration', 'scaling.yml')
    .action((options: { config: string }) => {
      try {
        const config = loadConfigFile(options.config);
        process.stdout.write(`${options.config}: valid. ${describeConfig(config)}\n`);
      } catch (error) {
        if (error instanceof ConfigValidationError) throw new CliError(error.message, 1, { cause: error });
        throw error;
      }
    });
}
