import type { LoadHistory } from '../domain/forecast/index.ts';

/** The variant whose load is read. */
export interface LoadTarget {
  endpointName: string;
  variantName: string;
}

/**
 * Where a target's load history comes from: the variant's Invocations in CloudWatch in
 * production; a trace file in the tools.
 */
export interface LoadHistoryReader {
  /** The load measured in [from, to) (epoch ms): periods without data are left out. */
  readLoadHistory(target: LoadTarget, window: { from: number; to: number }): Promise<LoadHistory>;
}
