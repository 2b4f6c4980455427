/**
 * `ConcurrentRequestsPerModel` from arrivals and a service time, by Little's law: the mean number
 * of requests in a system is their arrival rate times the time each spends there (L = λW). Over a
 * simulated step of T seconds, the requests arriving in it need S seconds of model time in all
 * (S = requests × the fixed latency, or the sum of each request's own time from its tokens), so
 * the variant holds S / T requests at once on average, and each serving instance's model S / T / n
 * (one model copy per instance, as on a plain variant; AWS: "the number of concurrent requests
 * being received by a model container",
 * https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html).
 *
 * Demand beyond what the serving instances can take is unserved, as everywhere in the simulator
 * (dropped in the step it arrives in, never carried to the next). It still counts as received:
 * the metric is the offered concurrency, every arrival over the serving instances, as
 * InvocationsPerInstance counts every arrival. A real container would queue the excess (until the
 * invocation times out), so its concurrency would read at least this high while overloaded: the
 * scale-out signal is never weaker than the real one.
 */
import type { SimulatedTrace } from './trace/trace.ts';

/** How long a request holds a model: a fixed latency, or a time per token of the trace. */
export type ServiceTime = { latencyMs: number } | { msPerToken: number };

/** The metric the service time feeds (in AWS/SageMaker, per variant). */
export const CONCURRENCY_METRIC = 'ConcurrentRequestsPerModel';

/**
 * An option (or a combination of options) a run cannot play with: the CLI exits 2. The message
 * names the CLI option to add or change.
 */
export class SimulationOptionError extends Error {
  override readonly name = 'SimulationOptionError';
  /** True when the trace is what falls short (the CLI names its file). */
  readonly aboutTrace: boolean;

  constructor(message: string, options: { aboutTrace?: boolean } = {}) {
    super(message);
    this.aboutTrace = options.aboutTrace ?? false;
  }
}

/** The trace columns `--ms-per-token` reads. */
const TOKEN_COLUMNS = ['context_tokens', 'generated_tokens'] as const;

/**
 * Seconds of model time the requests arriving in each step need. With `msPerToken` a request
 * takes its context (prompt) tokens plus its generated tokens times the rate: the model reads
 * every prompt token and writes every generated one, and one rate for both keeps one figure to
 * calibrate (measured mean latency / mean tokens per request). It overstates long prompts where
 * prefill is much faster per token than decoding; a workload dominated by decoding is better
 * served by a rate calibrated on its own latencies.
 *
 * @throws {SimulationOptionError} for `msPerToken` on a trace without its token columns.
 */
export function serviceSecondsPerStep(trace: SimulatedTrace, serviceTime: ServiceTime): Float64Array {
  const seconds = new Float64Array(trace.length);
  if ('latencyMs' in serviceTime) {
    for (let i = 0; i < trace.length; i++)
      seconds[i] = ((trace.requests[i] as number) * serviceTime.latencyMs) / 1000;
    return seconds;
  }
  const { contextTokens, generatedTokens } = trace;
  if (!contextTokens || !generatedTokens) {
    const missing = TOKEN_COLUMNS.filter((column) =>
      column === 'context_tokens' ? !contextTokens : !generatedTokens,
    );
    throw new SimulationOptionError(
      `--ms-per-token times the trace's ${TOKEN_COLUMNS.join(' + ')} per request, but the trace has no ${missing.join(' or ')} column; give --latency-ms N (a fixed time per request) instead`,
      { aboutTrace: true },
    );
  }
  for (let i = 0; i < trace.length; i++) {
    const tokens = (contextTokens[i] as number) + (generatedTokens[i] as number);
    seconds[i] = (tokens * serviceTime.msPerToken) / 1000;
  }
  return seconds;
}

/** Mean requests in service per model over a step (Little's law): model time / step length / models. */
export function concurrencyPerModel(
  serviceSeconds: number,
  stepSeconds: number,
  servingInstances: number,
): number {
  return serviceSeconds / stepSeconds / servingInstances;
}

/** One line for the summary: how the metric was derived. */
export function serviceTimeNote(serviceTime: ServiceTime): string {
  return 'latencyMs' in serviceTime
    ? `${CONCURRENCY_METRIC}: arrivals × ${serviceTime.latencyMs} ms per request (--latency-ms) over the serving instances (Little's law)`
    : `${CONCURRENCY_METRIC}: arrivals × ${serviceTime.msPerToken} ms per context + generated token (--ms-per-token) over the serving instances (Little's law)`;
}
