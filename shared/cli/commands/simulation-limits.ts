/**
 * The numbers a simulation can be asked for, checked against the target and the trace before a
 * minute is played: an initial capacity outside the target's bounds, or a trace whose busiest
 * minute would need more instances than a SageMaker variant can have, is a usage error naming the
 * options, never a run that silently clamps, overflows or exhausts the heap.
 */
import type { ScalingConfig } from '../../domain/model.ts';
import { selectTargets } from '../../sim/target-selection.ts';
import { type SimulatedTrace, traceResolutionSeconds } from '../../sim/trace/trace.ts';
import { CliError } from '../errors.ts';
import { parseWholeNumberUpTo } from '../options.ts';

/**
 * The most instances a variant can be asked for: DesiredInstanceCount is an Integer (32-bit) in
 * SageMaker's API, https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DesiredWeightAndCapacity.html
 */
export const MAX_INSTANCE_COUNT = 2_147_483_647;

/** Minutes: CloudWatch shows a datapoint within minutes; a delay beyond a day is a typo. */
export const MAX_METRIC_DELAY_MINUTES = 1_440;

/** Seconds: an instance that takes more than a day to start is a typo too. */
export const MAX_STARTUP_SECONDS = 86_400;

/** `--startup-seconds`, as every command that simulates a fleet takes it (simulate, tune). */
export const parseStartupSeconds = parseWholeNumberUpTo('--startup-seconds', {
  min: 0,
  max: MAX_STARTUP_SECONDS,
  unit: 'seconds',
  why: 'at most a day',
});

/**
 * The trace's busiest step and the instances it needs at `capacityPerInstance` (requests a
 * minute): a 10-s step's requests count six times over, as a rate per minute.
 */
export function peakNeed(trace: SimulatedTrace, capacityPerInstance: number) {
  let index = 0;
  for (let i = 1; i < trace.length; i++)
    if ((trace.requests[i] as number) > (trace.requests[index] as number)) index = i;
  const requests = trace.requests[index] ?? 0;
  const stepSeconds = traceResolutionSeconds(trace);
  return {
    time: trace.start + index * stepSeconds * 1000,
    requests,
    instances: Math.ceil((requests * 60) / stepSeconds / capacityPerInstance),
  };
}

/**
 * @throws {CliError} exit 2 naming `--initial-capacity` when it lies outside the target's
 *   [minCapacity, maxCapacity], or `--capacity-per-instance` and `--scale` when the busiest minute
 *   needs more than {@link MAX_INSTANCE_COUNT} instances.
 */
export function checkSimulationLimits(
  config: ScalingConfig,
  target: string,
  trace: SimulatedTrace,
  options: { capacityPerInstance: number; scale?: number | undefined; initialCapacity?: number | undefined },
): void {
  const peak = peakNeed(trace, options.capacityPerInstance);
  if (!(peak.instances <= MAX_INSTANCE_COUNT)) {
    const count = peak.instances.toLocaleString('en-US', { maximumSignificantDigits: 3 });
    throw new CliError(
      `--capacity-per-instance ${options.capacityPerInstance} with --scale ${options.scale ?? 1}: the busiest minute (${new Date(peak.time).toISOString()}, ${peak.requests.toLocaleString('en-US')} requests) would need ${count} instances, more than a SageMaker variant can have (${MAX_INSTANCE_COUNT.toLocaleString('en-US')}, the largest DesiredInstanceCount); raise --capacity-per-instance or lower --scale`,
      2,
    );
  }
  const initial = options.initialCapacity;
  if (initial === undefined) return;
  // An unknown --target is the run's to report (exit 2 as well).
  const [chosen] = selectTargets(config, [target]).targets;
  if (chosen && (initial < chosen.minCapacity || initial > chosen.maxCapacity)) {
    throw new CliError(
      `--initial-capacity ${initial} lies outside ${chosen.endpointName}/${chosen.variantName}'s bounds [${chosen.minCapacity}, ${chosen.maxCapacity}] in scaling.yml: the scaler would pull it inside at its first decision, so the run would not start where asked`,
      2,
    );
  }
}
