/**
 * Running `scaler simulate` once its options are parsed: reading the trace and playing it
 * through the simulator, with a progress bar on long runs, turning the simulator's errors
 * into CLI errors with the right exit code.
 */
import { SingleBar } from 'cli-progress';
import type { ScalingConfig } from '../../domain/model.ts';
import {
  runSimulation,
  type SimulationOptions,
  SimulationSetupError,
  type TargetSimulationResult,
  UnknownTargetError,
} from '../../sim/run-simulation.ts';
import { SimulatedScheduleError } from '../../sim/simulated-scheduler.ts';
import { readTraceFile, type SimulatedTrace, TraceFormatError } from '../../sim/trace/trace.ts';
import { CliError } from '../errors.ts';
import type { SimulateOptions } from './simulate-options.ts';

/** Runs longer than this (one simulated week) show a progress bar on an interactive stderr. */
const PROGRESS_MINUTES = 7 * 1440;

/** The `--trace` file, cut and scaled as the options say; a malformed one is a usage error. */
export function readTraceOrFail(options: SimulateOptions): SimulatedTrace {
  try {
    return readTraceFile(options.trace, { scale: options.scale, from: options.from, to: options.to });
  } catch (error) {
    if (error instanceof TraceFormatError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  }
}

/**
 * Plays `trace` for `target`. An unknown target or an out-of-range option exits 2; a
 * scaling.yml the simulator cannot set up exits 1, naming the file.
 */
export async function simulateTarget(
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
