/**
 * The options of `scaler simulate`: what they parse to, commander parsers for its numbers and
 * instants, and which target `--target` picks. `scaler demo` shares them.
 */
import { InvalidArgumentError } from 'commander';
import type { ScalingConfig } from '../../domain/model.ts';
import { parseInstant } from '../../events/index.ts';
import { CliError } from '../errors.ts';

/** The parsed options of `scaler simulate`. */
export interface SimulateOptions {
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
  /** A fixed service time per request, ms (ConcurrentRequestsPerModel). */
  latencyMs?: number;
  /** Service time per context + generated token of the trace, ms (ConcurrentRequestsPerModel). */
  msPerToken?: number;
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
