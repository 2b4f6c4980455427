import type { EndpointLock } from '../../ports/endpoint-lock.ts';

/** The endpoint lease in process memory, for replay, the simulator and tests. */
export class InMemoryEndpointLock implements EndpointLock {
  private readonly leases = new Map<string, { owner: string; until: number }>();

  async acquire(endpointName: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
    const lease = this.leases.get(endpointName);
    if (lease && lease.until > now && lease.owner !== owner) return false;
    this.leases.set(endpointName, { owner, until: now + ttlMs });
    return true;
  }

  async release(endpointName: string, owner: string): Promise<void> {
    if (this.leases.get(endpointName)?.owner === owner) this.leases.delete(endpointName);
  }
}
