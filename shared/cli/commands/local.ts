import { rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { ScalingConfig } from '../../domain/model.ts';
import type { SessionEnd } from '../../local/local-session.ts';
import type { LocalStack } from '../../local/stack.ts';
import { EXIT_ENVIRONMENT } from '../../operate/failures.ts';
import { loadConfigOrFail } from '../config-loading.ts';
import { CliError } from '../errors.ts';
import { makeDirectory } from '../output-directory.ts';

interface LocalOptions {
  config: string;
  throttle?: number;
  quiet?: boolean;
  writeEnv?: string;
}

function fraction(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !(parsed >= 0 && parsed <= 1)) {
    throw new InvalidArgumentError(`--throttle expects a fraction from 0 to 1, found '${value}'`);
  }
  return parsed;
}

/**
 * `scaler local`: DynamoDB Local and the AWS emulator with scaling.yml's endpoints and alarms, until
 * Ctrl-C. It prints the environment under which the functions (`serverless invoke local`, or
 * anything using the SDK) reach it instead of AWS, and runs the handlers on the wall clock (see
 * local-session.ts).
 */
export function registerLocal(program: Command): void {
  program
    .command('local')
    .description(
      "run the local stack (DynamoDB Local, and an emulator of the SageMaker, CloudWatch and Application Auto Scaling APIs seeded with scaling.yml's endpoints and alarms) until Ctrl-C, evaluating the alarms on the wall clock and delivering their state changes to on-alarm",
    )
    .option('--config <file>', 'scaling configuration', 'scaling.yml')
    .option(
      '--throttle <fraction>',
      'answer this fraction of emulator requests with ThrottlingException',
      fraction,
    )
    .option('--quiet', 'do not log each emulator request')
    .option(
      '--write-env <file>',
      'also write the environment to this file (for `. FILE` in another shell); removed when the stack stops',
    )
    .action(async (options: LocalOptions) => {
      const config = loadConfigOrFail(options.config);
      const rate = options.throttle ?? 0;
      const stack = await start(config, options, rate);
      const write = (line: string) => {
        process.stdout.write(`${line}\n`);
      };
      const variants = config.targets.map((t) => `${t.endpointName}/${t.variantName} at ${t.minCapacity}`);
      write(`DynamoDB Local ${stack.dynamo.version}: ${stack.dynamo.endpoint} (table ${stack.tableName})`);
      write(`AWS emulator (SageMaker, CloudWatch, Application Auto Scaling): ${stack.emulator.endpoint}`);
      const alarms = stack.seeded?.alarms ?? [];
      write(`endpoints: ${variants.join(', ')}; alarms: ${alarms.length > 0 ? alarms.join(', ') : 'none'}`);
      write('');
      write('# the environment for the functions (paste into another shell):');
      const { exportLines } = await import('../../local/stack.ts');
      // Loaded before the "Running" line: Ctrl-C from then on must find the session's handlers.
      const { runLocalSession } = await import('../../local/local-session.ts');
      write(exportLines(stack.environment));
      // Written before the "Running" line, so a script that waits for that line can source it.
      if (options.writeEnv) {
        await writeEnvironment(options.writeEnv, exportLines(stack.environment), stack);
        write(`(also in ${options.writeEnv}: \`. ${options.writeEnv}\` in another shell)`);
      }
      write('');
      write("# then, for example (Debian's AWS CLI: --endpoint-url, it reads no AWS_ENDPOINT_URL_*):");
      write(
        `aws --endpoint-url ${stack.emulator.endpoint} cloudwatch put-metric-data --namespace AWS/SageMaker --metric-data ...`,
      );
      write(
        'npx serverless invoke local --stage local -f onAlarm -p events/alarm/invocations-high-alarm.json',
      );
      write('');
      write(
        'Every minute CloudWatch evaluates the alarms on the metrics published here and on-alarm gets their state changes; the tick runs.',
      );
      write('Running until Ctrl-C.');
      // The handlers' JSON logs and EMF would drown the decision lines; errors still show.
      process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
      process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
      let end: SessionEnd;
      try {
        end = await runLocalSession(stack, { config, write });
      } finally {
        if (options.writeEnv) rmSync(options.writeEnv, { force: true });
        await stack.stop();
      }
      if (end.kind === 'failed') throw new CliError(end.message, EXIT_ENVIRONMENT);
      write(`\n${end.signal}: stopped DynamoDB Local and the emulator.`);
    });
}

/** Writes the export lines to `file` (its folder created); on failure stops the stack and exits 2. */
async function writeEnvironment(file: string, lines: string, stack: LocalStack): Promise<void> {
  try {
    makeDirectory(dirname(file));
    writeFileSync(file, `${lines}\n`);
  } catch (error) {
    await stack.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`--write-env ${file}: cannot write the environment there (${reason})`, 2, {
      cause: error,
    });
  }
}

async function start(config: ScalingConfig, options: LocalOptions, rate: number): Promise<LocalStack> {
  // Loaded when the command runs, not at start: it pulls in the AWS SDK (`scaler --help` stays fast).
  const { startLocalStack } = await import('../../local/stack.ts');
  const { DynamoDbLocalStartError } = await import('../../local/dynamodb-local.ts');
  try {
    return await startLocalStack({
      config,
      configFile: options.config,
      seed: true,
      throttle: rate > 0 ? () => Math.random() < rate : undefined,
      onCall: options.quiet
        ? undefined
        : (call) =>
            process.stdout.write(
              `${new Date().toISOString().slice(11, 19)}  ${call.service}.${call.operation}  ${call.status}${call.errorCode ? ` ${call.errorCode}` : ''}\n`,
            ),
    });
  } catch (error) {
    // DynamoDB Local stands in for AWS here: failing to start it is an AWS-access failure (exit 3).
    if (error instanceof DynamoDbLocalStartError)
      throw new CliError(error.message, EXIT_ENVIRONMENT, { cause: error });
    throw error;
  }
}
