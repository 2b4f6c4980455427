/**
 * One simulated SageMaker variant: its instances as groups that were asked for together, each
 * with when it was requested (billing starts), when it serves (after start-up) and when it is
 * removed (after a drain). Serving and billing are measured over any step (a minute, or 10 s), so a
 * start-up that is not whole steps counts for the fraction of the step it covers.
 */

const MINUTE_MS = 60_000;

interface InstanceGroup {
  count: number;
  requestedAt: number;
  /** Infinity for instances removed before they ever served. */
  servingFrom: number;
  /** Infinity until a scale-in picks them. */
  removedAt: number;
}

function overlap(from: number, to: number, start: number, end: number): number {
  return Math.max(0, Math.min(to, end) - Math.max(from, start));
}

/** A simulated variant's instances. The fleet owns the clock; this only answers for given times. */
export class SimulatedVariant {
  /** DesiredInstanceCount: moves at once when an update is accepted. */
  desired: number;
  private groups: InstanceGroup[] = [];

  /** `count` instances serving (and billed) since before the run. */
  constructor(count: number) {
    this.desired = count;
    if (count > 0) {
      this.groups.push({
        count,
        requestedAt: Number.NEGATIVE_INFINITY,
        servingFrom: Number.NEGATIVE_INFINITY,
        removedAt: Number.POSITIVE_INFINITY,
      });
    }
  }

  /**
   * Applies an accepted update at `now`: new instances serve after the start-up, removed ones
   * (the newest first, so instances still starting go before serving ones) leave after the drain.
   *
   * @returns until when the change keeps the endpoint Updating.
   */
  setDesired(count: number, now: number, startupMs: number, drainMs: number): number {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`DesiredInstanceCount must be a whole number >= 0, found ${count}`);
    }
    const delta = count - this.desired;
    this.desired = count;
    if (delta > 0) {
      this.groups.push({
        count: delta,
        requestedAt: now,
        servingFrom: now + startupMs,
        removedAt: Number.POSITIVE_INFINITY,
      });
      return now + startupMs;
    }
    if (delta < 0) {
      this.remove(-delta, now, now + drainMs);
      return now + drainMs;
    }
    return Number.NEGATIVE_INFINITY;
  }

  /** Drops removed instances and merges the settled ones, keeping the per-minute work small. */
  settle(now: number): void {
    if (!this.canSettle(now)) return;
    let base: InstanceGroup | undefined;
    const kept: InstanceGroup[] = [];
    for (const group of this.groups) {
      if (group.removedAt <= now) continue;
      const settled =
        group.requestedAt <= now && group.servingFrom <= now && group.removedAt === Number.POSITIVE_INFINITY;
      if (settled && base) {
        base.count += group.count;
        continue;
      }
      // A copy: a merged group must not alias one a caller could still hold.
      const copy = {
        count: group.count,
        requestedAt: group.requestedAt,
        servingFrom: group.servingFrom,
        removedAt: group.removedAt,
      };
      if (settled) base = copy;
      kept.push(copy);
    }
    this.groups = kept;
  }

  /** Whether {@link settle} would change anything: a group to drop, or two settled ones to merge (most minutes, none). */
  private canSettle(now: number): boolean {
    let settled = 0;
    for (const group of this.groups) {
      if (group.removedAt <= now) return true;
      if (
        group.requestedAt <= now &&
        group.servingFrom <= now &&
        group.removedAt === Number.POSITIVE_INFINITY
      )
        settled++;
    }
    return settled > 1;
  }

  /** CurrentInstanceCount: instances serving at `now`. */
  currentCount(now: number): number {
    let count = 0;
    for (const group of this.groups) {
      if (group.servingFrom <= now && now < group.removedAt) count += group.count;
    }
    return count;
  }

  /** Instances serving during the step [from, from + stepMs) (a minute by default), averaged over it. */
  servingDuring(from: number, stepMs = MINUTE_MS): number {
    let instanceMs = 0;
    for (const group of this.groups) {
      instanceMs += group.count * overlap(group.servingFrom, group.removedAt, from, from + stepMs);
    }
    return instanceMs / stepMs;
  }

  /** Instances billed during the step [from, from + stepMs) (asked for, and not yet removed). */
  billedDuring(from: number, stepMs = MINUTE_MS): number {
    let instanceMs = 0;
    for (const group of this.groups) {
      instanceMs += group.count * overlap(group.requestedAt, group.removedAt, from, from + stepMs);
    }
    return instanceMs / stepMs;
  }

  private remove(count: number, now: number, removeAt: number): void {
    let left = count;
    for (let index = this.groups.length - 1; index >= 0 && left > 0; index--) {
      const group = this.groups[index] as InstanceGroup;
      if (group.removedAt !== Number.POSITIVE_INFINITY) continue;
      const taken = Math.min(left, group.count);
      left -= taken;
      // An instance removed before it served never serves; it is still billed until it is gone.
      const servingFrom = group.servingFrom > now ? Number.POSITIVE_INFINITY : group.servingFrom;
      if (taken === group.count) {
        group.removedAt = removeAt;
        group.servingFrom = servingFrom;
      } else {
        group.count -= taken;
        this.groups.push({ count: taken, requestedAt: group.requestedAt, servingFrom, removedAt: removeAt });
      }
    }
  }
}
