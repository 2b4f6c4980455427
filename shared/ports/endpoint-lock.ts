/**
 * A short lease on a SageMaker endpoint. SageMaker's Updating lock is per endpoint: two variants
 * of one endpoint, each with its own state item, would otherwise both call
 * UpdateEndpointWeightsAndCapacities and one would be rejected. Whoever holds the lease may
 * send an update; the other defers and the tick retries it.
 */
export interface EndpointLock {
  /** True when the lease was free (or had expired) and is now held by `owner` until `now + ttlMs`. */
  acquire(endpointName: string, owner: string, now: number, ttlMs: number): Promise<boolean>;
  /** Gives the lease back, if `owner` still holds it. */
  release(endpointName: string, owner: string): Promise<void>;
}
