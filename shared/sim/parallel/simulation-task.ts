/**
 * What the simulation pool's workers are given and give back. Everything here crosses a thread
 * boundary (structured clone), so it is plain data: no callbacks, no delivery hooks.
 */

import { parseConfigText } from '../../config/index.ts';
import type { ScalingConfig } from '../../domain/model.ts';
import type { SimulationOptions } from '../simulation-options.ts';
import type { SimulationSummary } from '../timeline.ts';
import type { SimulatedTrace } from '../trace/trace.ts';

/** {@link SimulationOptions} without the in-process hooks (progress, fleet, delivery, minutes). */
export type PoolSimulationOptions = Omit<
  SimulationOptions,
  'onProgress' | 'onFleet' | 'delivery' | 'onMinute'
>;

/** One simulation: a configuration and how to play the pool's trace for it. */
export interface SimulationTask {
  /** A validated configuration, or the text of a scaling.yml (validated in the worker). */
  config: ScalingConfig | string;
  options: PoolSimulationOptions;
}

/** One target's figures, the same as `scaler simulate --json` prints. */
export interface TargetSummary {
  targetKey: string;
  summary: SimulationSummary;
}

/** The configuration of a task: a scaling.yml text is parsed and validated like a file. */
export function taskConfig(config: ScalingConfig | string): ScalingConfig {
  return typeof config === 'string' ? parseConfigText(config, 'scaling.yml (pool task)') : config;
}

/**
 * The trace's arrays copied once into shared memory: every worker reads the same minutes, and no
 * task copies them (a task's own from/to/scale still slices what it plays).
 */
export function shareTrace(trace: SimulatedTrace): SimulatedTrace {
  const shared = <T extends Float64Array | Uint8Array>(
    array: T,
    make: (buffer: SharedArrayBuffer) => T,
  ): T => {
    if (array.buffer instanceof SharedArrayBuffer) return array;
    const copy = make(new SharedArrayBuffer(array.byteLength));
    copy.set(array);
    return copy;
  };
  return {
    start: trace.start,
    length: trace.length,
    stepSeconds: trace.stepSeconds,
    time: shared(trace.time, (buffer) => new Float64Array(buffer)),
    requests: shared(trace.requests, (buffer) => new Float64Array(buffer)),
    gap: shared(trace.gap, (buffer) => new Uint8Array(buffer)),
  };
}
