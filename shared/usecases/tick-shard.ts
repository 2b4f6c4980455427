/**
 * Sharding the tick: past what one invocation covers in its minute (docs/deploy.md, "Large
 * fleets"), N EventBridge rules each tick one shard, and a target belongs to the shard its
 * endpoint's name hashes to. The hash is stable, so a target keeps its shard while others come
 * and go.
 */
import type { TargetConfig } from '../domain/model.ts';

/** Shard `index` of `count` (numbered from 0). */
export interface TickShard {
  index: number;
  count: number;
}

/** FNV-1a, 32 bits: a small, stable hash (spreading needs no cryptography). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The shard of an endpoint, out of `count`: a shard takes whole endpoints, since the variants of
 * one endpoint share its update lock and the tick keeps them in order. Names are compared without
 * case, as SageMaker does.
 */
export function shardOfEndpoint(endpointName: string, count: number): number {
  return fnv1a(endpointName.toLowerCase()) % count;
}

/** The targets of one shard (without a shard, `targets` itself: all of them). */
export function targetsOfShard(
  targets: readonly TargetConfig[],
  shard: TickShard | undefined,
): readonly TargetConfig[] {
  if (shard === undefined || shard.count <= 1) return targets;
  return targets.filter((target) => shardOfEndpoint(target.endpointName, shard.count) === shard.index);
}
