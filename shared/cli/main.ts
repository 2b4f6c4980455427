import { CommanderError } from 'commander';
// esbuild inlines the JSON into the compiled CLI (and records package.json as a source, so a new
// version makes the build stale); tsx reads it in the TypeScript fallback.
import packageJson from '../../package.json' with { type: 'json' };
import { EXIT_USAGE } from '../operate/failures.ts';
import { registerCommands } from './command-groups.ts';
import { CliError } from './errors.ts';
import { EXIT_CODE_TABLE } from './exit-codes.ts';
import { ScalerCommand } from './scaler-command.ts';

const program = new ScalerCommand('scaler')
  .description('sagemaker-scaler: step and scheduled scaling for SageMaker endpoint variants')
  .version(packageJson.version, '-V, --version', 'print the version of sagemaker-scaler')
  .exitOverride()
  .showHelpAfterError()
  .addHelpText('after', `\n${EXIT_CODE_TABLE}`);

// `scaler replay ... | head`: the reader left, so there is nobody to print for. Exit quietly (the
// exit handlers still stop DynamoDB Local) instead of a stack trace about a broken pipe.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Only the command being run is loaded (see command-groups.ts); `--help` and the like load all.
const running = await registerCommands(program, process.argv.slice(2));

/** Resolves once what was written to `stream` so far has been handed to the system. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => stream.write('', () => resolve()));
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CliError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = error.exitCode;
  } else if (error instanceof CommanderError) {
    // commander already printed its message; a usage error exits 2 (commander's own code is 1).
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    throw error;
  }
}

if (running?.exitWhenDone) {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit();
}
