/**
 * Running `scaler simulate` once its options are parsed: choosing the resolution the target's
 * alarms need, reading the trace at it and playing it through the simulator, with a progress bar
 * on long runs, turning the simulator's errors into CLI errors with the right exit code.
 */
import type { ScalingConfig } from '../../domain/model.ts';
import {
  runSimulation,
  type ServiceTime,
  SimulationOptionError,
  type SimulationOptions,
  type SimulationResolution,
  SimulationSetupError,
  selectTargets,
  simulationResolution,
  type TargetSimulationResult,
  UnknownTargetError,
} from '../../sim/run-simulation.ts';
import { SimulatedScheduleError } from '../../sim/simulated-scheduler.ts';
import { readTraceFile, type SimulatedTrace, sliceTrace, TraceFormatError } from '../../sim/trace/trace.ts';
import { CliError } from '../errors.ts';
import type { SimulateOptions } from './simulate-options.ts';

/** Runs longer than this (one simulated week) show a progress bar on an interactive stderr. */
const PROGRESS_MINUTES = 7 * 1440;

/**
 * The step `target`'s alarms need: 10 s when one has a sub-minute period, else a minute. An
 * unknown target exits 2.
 */
export function resolutionOrFail(config: ScalingConfig, target: string): SimulationResolution {
  try {
    return simulationResolution(selectTargets(config, [target]));
  } catch (error) {
    if (error instanceof UnknownTargetError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  }
}

/** A trace as a run reads it: the window it plays, and the whole file before and after it. */
export interface TraceWindow {
  /** The `--from`/`--to` window, scaled. */
  trace: SimulatedTrace;
  /** The whole file, scaled: what a predictive policy's forecast may learn from before the window. */
  history: SimulatedTrace;
}

/**
 * The `--trace` file, scaled and cut as the options say, in steps of `resolutionSeconds`; a
 * malformed one, or a window outside it, is a usage error.
 */
export function readTraceOrFail(options: SimulateOptions, resolutionSeconds = 60): TraceWindow {
  try {
    const history = readTraceFile(options.trace, { scale: options.scale, resolutionSeconds });
    const trace =
      options.from === undefined && options.to === undefined
        ? history
        : sliceTrace(history, { from: options.from, to: options.to, source: options.trace });
    return { trace, history };
  } catch (error) {
    if (error instanceof TraceFormatError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  }
}

/** `--latency-ms` or `--ms-per-token`, at most one of them (exit 2 for both). */
export function serviceTimeOf(options: SimulateOptions): ServiceTime | undefined {
  if (options.latencyMs !== undefined && options.msPerToken !== undefined) {
    throw new CliError(
      '--latency-ms and --ms-per-token both give the service time of a request: choose one',
      2,
    );
  }
  if (options.latencyMs !== undefined) return { latencyMs: options.latencyMs };
  if (options.msPerToken !== undefined) return { msPerToken: options.msPerToken };
  return undefined;
}

/**
 * Plays `trace` for `target`. An unknown target or an out-of-range option exits 2; a
 * scaling.yml the simulator cannot set up exits 1, naming the file.
 */
export async function simulateTarget(
  config: ScalingConfig,
  { trace, history }: TraceWindow,
  target: string,
  options: SimulateOptions,
): Promise<TargetSimulationResult> {
  const stepSeconds = trace.resolutionSeconds ?? 60;
  // cli-progress loads only when a bar shows: piped or short runs do not compile it. Its
  // CommonJS exports are read from `default`, the one export the bundled CLI's chunk has.
  const bar =
    process.stderr.isTTY && (trace.length * stepSeconds) / 60 > PROGRESS_MINUTES
      ? new (await import('cli-progress')).default.SingleBar({
          stream: process.stderr,
          format: `simulating [{bar}] {percentage}% | {value}/{total} ${stepSeconds === 60 ? 'minutes' : `${stepSeconds}-s steps`}`,
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
    serviceTime: serviceTimeOf(options),
    targets: [target],
    // The window, played out of the whole trace so that forecasts see the history before it.
    ...(trace !== history && {
      from: trace.start,
      to: trace.start + trace.length * stepSeconds * 1000,
    }),
    onProgress: bar && ((done) => bar.update(done)),
  };
  try {
    const result = await runSimulation(config, history, run);
    return result.targets[0] as TargetSimulationResult;
  } catch (error) {
    if (error instanceof UnknownTargetError) throw new CliError(error.message, 2, { cause: error });
    if (error instanceof SimulationOptionError) {
      const message = error.aboutTrace ? `${options.trace}: ${error.message}` : error.message;
      throw new CliError(message, 2, { cause: error });
    }
    if (error instanceof SimulationSetupError || error instanceof SimulatedScheduleError) {
      throw new CliError(`${options.config}: ${error.message}`, 1, { cause: error });
    }
    if (error instanceof RangeError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  } finally {
    bar?.stop();
  }
}
