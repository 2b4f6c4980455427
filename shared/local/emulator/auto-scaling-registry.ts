/**
 * What the emulated Application Auto Scaling holds: scalable targets, scaling policies, scheduled
 * actions and the activities of its own. It stores them as AAS returns them; it runs none of them
 * (the scaler is what scales here), so a native policy or action only shows up in Describe calls,
 * which is what `scaler import` and `scaler status` read.
 */
import { AwsWireError, integerInRange, requiredString } from './wire.ts';

type Input = Record<string, unknown>;

export const VARIANT_DIMENSION = 'sagemaker:variant:DesiredInstanceCount';

/** A registered target, as DescribeScalableTargets lists it (CreationTime in epoch ms). */
export interface ScalableTarget {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  MinCapacity: number;
  MaxCapacity: number;
  RoleARN: string;
  creationTime: number;
}

/** A stored record with the target it belongs to and its creation time (epoch ms). */
export interface Stored {
  targetKey: string;
  creationTime: number;
  fields: Record<string, unknown>;
}

/** AAS's records, by key. */
export class AutoScalingRegistry {
  readonly targets = new Map<string, ScalableTarget>();
  /** By `<target key>|<policy name>`. */
  readonly policies = new Map<string, Stored>();
  /** By `<target key>|<scheduled action name>`. */
  readonly scheduledActions = new Map<string, Stored>();
  /** Newest first. */
  readonly activities: Stored[] = [];
}

/** `namespace|resource id|dimension`: what identifies a scalable target. */
export function scalableTargetKey(input: Input): string {
  return `${requiredString(input, 'ServiceNamespace')}|${requiredString(input, 'ResourceId')}|${requiredString(input, 'ScalableDimension')}`;
}

/**
 * The registered target the request names, or AAS's ObjectNotFoundException: a policy or
 * scheduled action needs its target registered first.
 */
export function registeredTarget(registry: AutoScalingRegistry, input: Input): ScalableTarget {
  const target = registry.targets.get(scalableTargetKey(input));
  if (!target) {
    throw new AwsWireError(
      'ObjectNotFoundException',
      `No scalable target registered for service namespace: ${String(input.ServiceNamespace)}, resource ID: ${String(input.ResourceId)}, scalable dimension: ${String(input.ScalableDimension)}`,
    );
  }
  return target;
}

/**
 * One page of `items` for a Describe call: MaxResults 1 to 50 (default 50), NextToken the index
 * of the next item, as the emulator hands it out.
 */
export function pageOf<T>(input: Input, items: readonly T[]): { page: T[]; nextToken?: string } {
  const size = integerInRange(input, 'MaxResults', { min: 1, max: 50, fallback: 50 });
  const from = input.NextToken === undefined ? 0 : Number(input.NextToken);
  if (!Number.isInteger(from) || from < 0 || from > items.length) {
    throw new AwsWireError('InvalidNextTokenException', 'Invalid token', 400);
  }
  const page = items.slice(from, from + size);
  return from + size < items.length ? { page, nextToken: String(from + size) } : { page };
}

/** A name field AAS bounds: 1 to `max` characters. */
export function boundedName(input: Input, field: string, max: number): string {
  const value = requiredString(input, field);
  if (value.length > max) {
    throw new AwsWireError(
      'ValidationException',
      `1 validation error detected: Value at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
  return value;
}
