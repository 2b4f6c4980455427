import type { LoadHistory } from '../domain/forecast/index.ts';

/** The variant whose load is read, and (when not its Invocations) the metric that measures it. */
export interface LoadTarget {
  endpointName: string;
  variantName: string;
  /** A load metric of the user's (a predictive policy's customized one); default Invocations (Sum). */
  metric?: LoadMetric | undefined;
}

/** A CloudWatch metric that counts requests, per period. */
export interface LoadMetric {
  namespace: string;
  metricName: string;
  statistic: 'Sum' | 'SampleCount';
  /** Absent: the variant's EndpointName and VariantName. */
  dimensions?: Record<string, string> | undefined;
}

/**
 * Where a target's load history comes from: the variant's Invocations in CloudWatch in
 * production; a trace file in the tools.
 */
export interface LoadHistoryReader {
  /** The load measured in [from, to) (epoch ms): periods without data are left out. */
  readLoadHistory(target: LoadTarget, window: { from: number; to: number }): Promise<LoadHistory>;
}
