/**
 * The tick's input when the fleet is sharded: each shard's EventBridge rule sends the constant
 * input `{"shard": i, "shards": N}` instead of its Scheduled Event. Any other event (the one rule
 * of an unsharded deployment, a test invocation) ticks the whole fleet.
 */
import * as z from 'zod/mini';
import type { TickShard } from '../usecases/tick-shard.ts';
import { parseWith } from './issues.ts';

const shardInputSchema = z
  .object({
    shard: z.number().check(z.int(), z.nonnegative()),
    shards: z.number().check(z.int(), z.positive()),
  })
  .check(
    z.refine((input) => input.shard < input.shards, {
      message: 'shard must be below shards (shards are numbered from 0)',
      path: ['shard'],
    }),
  );

/**
 * The shard an on-tick event asks for, or undefined for the whole fleet.
 *
 * @throws {InvalidEventError} when the event names a shard but not a valid one.
 */
export function parseTickShard(event: unknown): TickShard | undefined {
  if (event === null || typeof event !== 'object' || !('shard' in event)) return undefined;
  const input = parseWith(shardInputSchema, event);
  return { index: input.shard, count: input.shards };
}
