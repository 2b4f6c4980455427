import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import type { ScalingConfig } from '../../domain/model.ts';
import { LiveTimeline, simulatedTime } from '../../local/live-timeline.ts';
import type { LocalStack } from '../../local/stack.ts';
import { EXIT_ENVIRONMENT } from '../../operate/failures.ts';
import { writeSimulationOutputs } from '../../sim/report/outputs.ts';
import { runSimulation, type TargetSimulationResult } from '../../sim/run-simulation.ts';
import { simulationRunOf, targetMinCapacity } from '../../sim/simulation-run.ts';
import { simulationSummaryTable } from '../../sim/summary-table.ts';
import { readTraceFile, TraceFormatError } from '../../sim/trace/trace.ts';
import { loadConfigOrFail } from '../config-loading.ts';
import { CliError } from '../errors.ts';
import { prepareOutputDirectory } from '../output-directory.ts';
import { chooseTarget, instant, positiveNumber } from './simulate-options.ts';
import { checkSimulationLimits } from './simulation-limits.ts';

interface DemoOptions {
  config: string;
  trace: string;
  from: number;
  to: number;
  scale: number;
  capacityPerInstance: number;
  target?: string;
  out: string;
}

/** Start-up of a new instance in the demo's fleet (the simulator's default). */
const STARTUP_SECONDS = 300;

/**
 * The default slice: the STS-70 launch-day burst (Thu 13 Jul 1995) and the Friday 18:00
 * Europe/Berlin weekend-peak action (14 Jul 16:00Z). Scaled x18 the launch peak needs about 7
 * instances (the policy goes to 8), and the variant is at 3 when the weekend floor of 4 arrives,
 * so the scheduled action visibly scales out. At x25 (the simulate example) the night's scale-in
 * stops at 4 and the weekend action finds nothing to move.
 */
const DEFAULT_SLICE = { from: '1995-07-13T12:00:00Z', to: '1995-07-15T00:00:00Z', scale: 18 };

/**
 * `scaler demo` (`npm start`): the local stack, and a slice of a real trace played through the real
 * Lambda handlers against it in accelerated time, printed as it happens.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'start the local stack and replay a real traffic trace through the real handlers, printing every decision live (npm start)',
    )
    .option('--config <file>', 'scaling configuration', 'scaling.yml')
    .option('--trace <file>', 'request-rate CSV', 'traces/nasa_http_1995_1min.csv')
    // The defaults are epoch milliseconds once parsed; the help shows the instants as written.
    .addOption(
      new Option('--from <iso>', 'play from this instant (UTC)')
        .argParser(instant('--from'))
        .default(Date.parse(DEFAULT_SLICE.from), DEFAULT_SLICE.from),
    )
    .addOption(
      new Option('--to <iso>', 'play until this instant (UTC, exclusive)')
        .argParser(instant('--to'))
        .default(Date.parse(DEFAULT_SLICE.to), DEFAULT_SLICE.to),
    )
    .option(
      '--scale <k>',
      'multiply every request count by k',
      positiveNumber('--scale'),
      DEFAULT_SLICE.scale,
    )
    .option(
      '--capacity-per-instance <n>',
      'requests one instance serves per minute at 100 % load',
      positiveNumber('--capacity-per-instance'),
      1000,
    )
    .option('--target <endpoint/variant>', 'the target to play (required when scaling.yml has several)')
    .option('--out <dir>', 'where report.html, timeline.csv and activities.jsonl go', 'out/local-run')
    .action(async (options: DemoOptions) => {
      const began = performance.now();
      const config = loadConfigOrFail(options.config);
      const target = chooseTarget(config, options.target);
      const trace = readTrace(options);
      checkSimulationLimits(config, target, trace, options);
      prepareOutputDirectory(options.out);
      const write = (line: string) => process.stdout.write(`${line}\n`);
      // The handlers' own JSON logs and EMF metrics would drown the timeline; errors still show.
      process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
      process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
      const stack = await startStack(config, options.config);
      // Loaded when the command runs, not at start: it pulls in the AWS SDK (`scaler --help` stays fast).
      const { applyEnvironment, localStackDelivery } = await import('../../local/local-run.ts');
      const restore = applyEnvironment(stack.environment);
      let result: TargetSimulationResult;
      let played = 0;
      try {
        write(intro(stack, options, trace.start, trace.length, target));
        const timeline = new LiveTimeline(write, options.capacityPerInstance);
        timeline.header();
        const run = await runSimulation(config, trace, {
          capacityPerInstance: options.capacityPerInstance,
          instanceStartupSeconds: STARTUP_SECONDS,
          targets: [target],
          delivery: localStackDelivery(stack),
          onMinute: (minute) => {
            played = minute.index + 1;
            timeline.minute(minute);
          },
        });
        result = run.targets[0] as TargetSimulationResult;
      } catch (error) {
        const at = trace.start + played * 60_000;
        const { localStackFailure } = await import('../../local/stack-failure.ts');
        const failure = await localStackFailure(
          stack.dynamo,
          `during the run, at simulated ${simulatedTime(at)} (${played.toLocaleString('en-US')} of ${trace.length.toLocaleString('en-US')} minutes played)`,
          'The run stopped there and the local stack with it; no report was written. Run it again (`npm start`, or the same `scaler demo`).',
        );
        if (failure) throw new CliError(failure.message, EXIT_ENVIRONMENT, { cause: error });
        throw error;
      } finally {
        restore();
        await stack.stop();
      }
      const settings = { capacityPerInstance: options.capacityPerInstance, startupSeconds: STARTUP_SECONDS };
      write('');
      write(
        simulationSummaryTable(result, {
          start: trace.start,
          ...settings,
          configName: basename(options.config),
        }),
      );
      write(whatYouSee(options, result.summary.baseline.targetValue));
      const minCapacity = targetMinCapacity(config, result);
      const outputs = await writeSimulationOutputs(
        options.out,
        simulationRunOf(result, { ...settings, minCapacity }),
      );
      const calls = [...stack.emulator.calls.values()].reduce((sum, count) => sum + count, 0);
      const seconds = ((performance.now() - began) / 1000).toFixed(1);
      write('');
      write(`report: ${outputs.reportPath} (with ${outputs.timelinePath} and ${outputs.activitiesPath})`);
      write(
        `${trace.length.toLocaleString('en-US')} simulated minutes in ${seconds} s, ${calls.toLocaleString('en-US')} AWS API calls answered by the emulator; the local stack is stopped.`,
      );
    });
}

async function startStack(config: ScalingConfig, configFile: string): Promise<LocalStack> {
  // Loaded when the command runs, not at start: it pulls in the AWS SDK (`scaler --help` stays fast).
  const { startLocalStack } = await import('../../local/stack.ts');
  const { DynamoDbLocalStartError } = await import('../../local/dynamodb-local.ts');
  try {
    return await startLocalStack({ config, configFile });
  } catch (error) {
    // DynamoDB Local stands in for AWS here: failing to start it is an AWS-access failure (exit 3).
    if (error instanceof DynamoDbLocalStartError)
      throw new CliError(error.message, EXIT_ENVIRONMENT, { cause: error });
    throw error;
  }
}

function readTrace(options: DemoOptions) {
  try {
    return readTraceFile(options.trace, { scale: options.scale, from: options.from, to: options.to });
  } catch (error) {
    if (error instanceof TraceFormatError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  }
}

/** One line under the summary: what the three columns are. */
function whatYouSee(options: DemoOptions, baselineTarget: number): string {
  return `What you see: the policies of ${options.config} decided every minute above through the real Lambda handlers; beside them, what native AAS target tracking at ${baselineTarget} per instance would have done on the same simulated fleet, and the oracle, the fewest instance-hours that serve every request.`;
}

function intro(
  stack: LocalStack,
  options: DemoOptions,
  start: number,
  minutes: number,
  target: string,
): string {
  const end = start + minutes * 60_000;
  return [
    `Local stack: DynamoDB Local ${stack.dynamo.version} at ${stack.dynamo.endpoint} (table ${stack.tableName}),`,
    `AWS emulator (SageMaker, CloudWatch, Application Auto Scaling) at ${stack.emulator.endpoint}.`,
    `Playing ${options.trace}, ${simulatedTime(start)} .. ${simulatedTime(end)} ${new Date(start).getUTCFullYear()} UTC`,
    `(${minutes.toLocaleString('en-US')} minutes, requests x${options.scale}, ${options.capacityPerInstance} requests/min per instance, start-up ${STARTUP_SECONDS} s) against ${target}.`,
    'Each minute: CloudWatch evaluates the alarms on the simulated metrics, EventBridge-shaped events go to',
    'the real on-alarm / on-schedule / on-tick handlers, whose SDK clients call the emulator and DynamoDB Local.',
    '',
  ].join('\n');
}
