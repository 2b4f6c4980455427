import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import type { ScalingConfig } from '../../domain/model.ts';
import { parseInstant } from '../../events/index.ts';
import { writeSimulationOutputs } from '../../sim/report.ts';
import {
  runSimulation,
  type SimulationOptions,
  SimulationSetupError,
  type TargetSimulationResult,
  UnknownTargetError,
} from '../../sim/run-simulation.ts';
import { SimulatedScheduleError } from '../../sim/simulated-scheduler.ts';
import { simulationRunOf, targetMinCapacity } from '../../sim/simulation-run.ts';
import { simulationSummaryTable } from '../../sim/summary-table.ts';
import { readTraceFile, type SimulatedTrace, TraceFormatError } from '../../sim/trace.ts';
import { loadConfigOrFail } from '../config-loading.ts';
import { CliError } from '../errors.ts';
import { parseWholeNumber } from '../options.ts';

/** Runs longer than this (one simulated week) show a progress bar on an interactive stderr. */
const PROGRESS_MINUTES = 7 * 1440;

interface SimulateOptions {
  config: string;
  trace: string;
  target?: string;
  capacityPerInstance: number;
  startupSeconds: number;
  initialCapacity?: number;
  scale?: number;
  from?: number;
  to?: number;
  vcpusPerInstance: number;
  metricDelay: number;
  baselineTarget?: number;
  out?: string;
  json?: boolean;
}

/** A commander parser of a number > 0. */
export function positiveNumber(option: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) {
      throw new InvalidArgumentError(`${option} expects a number > 0, found '${value}'`);
    }
    return parsed;
  };
}

/** A commander parser of an ISO-8601 instant (zone-less: UTC). */
export function instant(option: string): (value: string) => number {
  return (value) => {
    // A zone-less time or a bare date is read as UTC, the trace's zone.
    const parsed = [value, `${value}Z`, `${value}:00Z`, `${value}T00:00:00Z`]
      .map(parseInstant)
      .find((instant) => instant !== undefined);
    if (parsed === undefined) {
      throw new InvalidArgumentError(
        `${option} expects an ISO-8601 instant like 1995-07-13T00:00:00Z, found '${value}'`,
      );
    }
    return parsed;
  };
}

/** `scaler simulate`: a trace through the scaler against a simulated fleet, beside AAS target tracking and the oracle. */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'play a request-rate trace through the scaler against a simulated SageMaker fleet, next to AAS target tracking and the oracle',
    )
    .requiredOption(
      '--trace <file>',
      'request-rate CSV: timestamp,requests[,gap], any fixed step from 1 s to 1 h',
    )
    .requiredOption(
      '--capacity-per-instance <n>',
      'requests one instance serves per minute at 100 % load',
      positiveNumber('--capacity-per-instance'),
    )
    .option('--config <file>', 'scaling configuration', 'scaling.yml')
    .option('--target <endpoint/variant>', 'the target to simulate (required when scaling.yml has several)')
    .option(
      '--startup-seconds <s>',
      'seconds before a new instance serves',
      parseWholeNumber('--startup-seconds'),
      300,
    )
    .option(
      '--initial-capacity <n>',
      'instances at the start (default: minCapacity)',
      parseWholeNumber('--initial-capacity'),
    )
    .option('--scale <k>', 'multiply every request count by k', positiveNumber('--scale'))
    .option('--from <iso>', 'simulate from this instant (UTC)', instant('--from'))
    .option('--to <iso>', 'simulate until this instant (UTC, exclusive)', instant('--to'))
    .option(
      '--vcpus-per-instance <n>',
      'vCPUs per instance (CPUUtilization is summed over them)',
      positiveNumber('--vcpus-per-instance'),
      4,
    )
    .option(
      '--metric-delay <minutes>',
      "minutes from a datapoint's minute start until CloudWatch shows it",
      parseWholeNumber('--metric-delay'),
      1,
    )
    .option(
      '--baseline-target <v>',
      'target InvocationsPerInstance of the baseline (default: the scale-out alarm threshold)',
      positiveNumber('--baseline-target'),
    )
    .option('--out <dir>', 'write report.html, timeline.csv and activities.jsonl into this directory')
    .option('--json', 'print the summary as one JSON object')
    .action(async (options: SimulateOptions) => {
      const config = loadConfigOrFail(options.config);
      const target = chooseTarget(config, options.target);
      const trace = readTrace(options);
      const result = await simulate(config, trace, target, options);
      if (options.out !== undefined) {
        const minCapacity = targetMinCapacity(config, result);
        const outputs = await writeSimulationOutputs(
          options.out,
          simulationRunOf(result, {
            capacityPerInstance: options.capacityPerInstance,
            startupSeconds: options.startupSeconds,
            minCapacity,
          }),
        );
        // stdout stays one JSON document under --json.
        (options.json ? process.stderr : process.stdout).write(`report: ${outputs.reportPath}\n`);
      }
      process.stdout.write(
        options.json
          ? `${JSON.stringify(result.summary)}\n`
          : `${simulationSummaryTable(result, { start: trace.start, capacityPerInstance: options.capacityPerInstance, startupSeconds: options.startupSeconds })}\n`,
      );
    });
}

/** The `--target` to run, or the only target of scaling.yml. */
export function chooseTarget(config: ScalingConfig, wanted: string | undefined): string {
  const names = config.targets.map((t) => `${t.endpointName}/${t.variantName}`);
  if (wanted !== undefined) return wanted;
  if (names.length === 1) return names[0] as string;
  throw new CliError(
    `scaling.yml has ${names.length} targets (${names.join(', ')}): choose one with --target`,
    2,
  );
}

function readTrace(options: SimulateOptions): SimulatedTrace {
  try {
    return readTraceFile(options.trace, { scale: options.scale, from: options.from, to: options.to });
  } catch (error) {
    if (error instanceof TraceFormatError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  }
}

async function simulate(
  config: ScalingConfig,
  trace: SimulatedTrace,
  target: string,
  options: SimulateOptions,
): Promise<TargetSimulationResult> {
  const bar =
    process.stderr.isTTY && trace.length > PROGRESS_MINUTES
      ? new SingleBar({
          stream: process.stderr,
          format: 'simulating [{bar}] {percentage}% | {value}/{total} minutes',
        })
      : undefined;
  bar?.start(trace.length, 0);
  const run: SimulationOptions = {
    capacityPerInstance: options.capacityPerInstance,
    instanceStartupSeconds: options.startupSeconds,
    initialCapacity: options.initialCapacity,
    vcpusPerInstance: options.vcpusPerInstance,
    metricDelayMinutes: options.metricDelay,
    baselineTarget: options.baselineTarget,
    targets: [target],
    onProgress: bar && ((done) => bar.update(done)),
  };
  try {
    const result = await runSimulation(config, trace, run);
    return result.targets[0] as TargetSimulationResult;
  } catch (error) {
    if (error instanceof UnknownTargetError) throw new CliError(error.message, 2, { cause: error });
    if (error instanceof SimulationSetupError || error instanceof SimulatedScheduleError) {
      throw new CliError(`${options.config}: ${error.message}`, 1, { cause: error });
    }
    if (error instanceof RangeError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  } finally {
    bar?.stop();
  }
}
