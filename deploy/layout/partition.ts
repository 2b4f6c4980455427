/**
 * Which nested stack a target's resources live in. The assignment hashes the target's key, so
 * adding or removing a target never moves another one: moving a named resource (an alarm keeps
 * its AlarmName) from one stack to another makes CloudFormation create the new one before it
 * deletes the old, and both have the same name.
 */
import { createHash } from 'node:crypto';
import { type TargetConfig, targetKey } from '../../shared/domain/model.ts';

/** The nested stack (0-based) of a target, out of `stacks`. */
export function stackIndexOf(
  target: Pick<TargetConfig, 'endpointName' | 'variantName'>,
  stacks: number,
): number {
  const digest = createHash('sha256').update(targetKey(target)).digest();
  return digest.readUInt32BE(0) % stacks;
}

/** The targets of each nested stack, in file order within each. */
export function partitionTargets(targets: readonly TargetConfig[], stacks: number): TargetConfig[][] {
  const parts: TargetConfig[][] = Array.from({ length: stacks }, () => []);
  for (const target of targets) parts[stackIndexOf(target, stacks)]?.push(target);
  return parts;
}

/**
 * The number of nested stacks to suggest: the smallest power of two whose stacks would each hold
 * about `perStack` resources on average, leaving room for the hash's uneven spread.
 */
export function suggestedStackCount(resources: number, perStack = 300): number {
  let count = 1;
  while (resources / count > perStack) count *= 2;
  return count;
}
