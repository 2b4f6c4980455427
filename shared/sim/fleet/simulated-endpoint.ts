/**
 * A simulated SageMaker endpoint fleet behind the production {@link EndpointCapacityPort}: instances
 * that take minutes to serve, an endpoint-wide update lock, drained scale-in, and billing from the
 * moment an instance is asked for. Time moves only through {@link SimulatedEndpointFleet.advanceTo}.
 */
import type {
  EndpointCapacityPort,
  EndpointStatus,
  VariantCapacity,
  VariantCapacityUpdate,
} from '../../ports/endpoint-capacity.ts';
import { EndpointBusyError, EndpointNotFoundError } from '../../ports/errors.ts';
import { SimulatedVariant } from './simulated-variant.ts';

export { SimulatedVariant } from './simulated-variant.ts';

export interface SimulatedFleetOptions {
  /** Seconds from a scale-out until the new instances serve (image pull, model load). Default 300. */
  instanceStartupSeconds?: number;
  /** Seconds a scale-in drains before the instances are removed. Default 60. */
  drainSeconds?: number;
  /** In the endpoint ARNs of SageMaker's error messages. */
  region?: string;
  account?: string;
}

/** What a failure hook sees of an update; it returns the error SageMaker would answer, if any. */
export interface SimulatedUpdateRequest {
  endpointName: string;
  updates: readonly VariantCapacityUpdate[];
  time: number;
}

interface SimulatedEndpointState {
  name: string;
  variants: Map<string, SimulatedVariant>;
  /** The endpoint is Updating until then because of an update of ours. */
  busyUntil: number;
  /** A status set from outside (a user's UpdateEndpoint, a failure) until `until`. */
  held?: { status: EndpointStatus; until: number } | undefined;
}

/**
 * SageMaker's rules for the capacity half of UpdateEndpointWeightsAndCapacities, as its API
 * reference states them: the call updates the weights of one or more variants "or capacity of one
 * variant" (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpointWeightsAndCapacities.html);
 * DesiredInstanceCount is an integer >= 0, and 0 only for endpoints hosting inference components
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html),
 * which the simulated fleet's plain instance-based variants never do. A RangeError, which the
 * emulator answers as SageMaker's ValidationException.
 */
function checkCapacityUpdates(updates: readonly VariantCapacityUpdate[]): void {
  if (updates.length > 1) {
    throw new RangeError(
      `DesiredInstanceCount is given for ${updates.length} variants (${updates.map((u) => u.variantName).join(', ')}): one call updates the capacity of one variant`,
    );
  }
  for (const { variantName, desiredInstanceCount: count } of updates) {
    if (!Number.isInteger(count) || count < 0 || count > 2_147_483_647) {
      throw new RangeError(
        `DesiredInstanceCount of ${variantName} must be a whole number >= 0, found ${count}`,
      );
    }
    if (count === 0) {
      throw new RangeError(
        `DesiredInstanceCount of ${variantName} cannot be 0: only endpoints hosting inference components scale to zero instances, and this variant is instance-based`,
      );
    }
  }
}

/**
 * Any number of simulated endpoints and variants. Implements the scaler's endpoint port the way
 * SageMaker answers it: DesiredInstanceCount moves at once on an accepted update,
 * CurrentInstanceCount when the instances serve, and a second update while Updating is refused
 * with SageMaker's own wording.
 */
export class SimulatedEndpointFleet implements EndpointCapacityPort {
  readonly startupMs: number;
  readonly drainMs: number;
  /** Every accepted update, in order. */
  readonly updates: { time: number; endpointName: string; updates: VariantCapacityUpdate[] }[] = [];
  private readonly endpoints = new Map<string, SimulatedEndpointState>();
  /** Every variant of every endpoint, for the clock's step each simulated minute (no Map iterators). */
  private readonly allVariants: SimulatedVariant[] = [];
  private readonly region: string;
  private readonly account: string;
  private clock = Number.NEGATIVE_INFINITY;
  private failureHook: ((request: SimulatedUpdateRequest) => Error | undefined) | undefined;

  constructor(options: SimulatedFleetOptions = {}) {
    this.startupMs = (options.instanceStartupSeconds ?? 300) * 1000;
    this.drainMs = (options.drainSeconds ?? 60) * 1000;
    this.region = options.region ?? 'eu-west-1';
    this.account = options.account ?? '123456789012';
  }

  /** The simulated time. */
  get now(): number {
    return this.clock;
  }

  /** Creates the variant (and its endpoint) with `count` instances serving since before the run. */
  seedVariant(endpointName: string, variantName: string, count: number): SimulatedVariant {
    let endpoint = this.endpoints.get(endpointName);
    if (!endpoint) {
      endpoint = { name: endpointName, variants: new Map(), busyUntil: Number.NEGATIVE_INFINITY };
      this.endpoints.set(endpointName, endpoint);
    }
    const variant = new SimulatedVariant(count);
    const replaced = endpoint.variants.get(variantName);
    endpoint.variants.set(variantName, variant);
    if (replaced) this.allVariants[this.allVariants.indexOf(replaced)] = variant;
    else this.allVariants.push(variant);
    return variant;
  }

  /** The variant's model, for per-minute accounting (serving and billed instances). */
  variant(endpointName: string, variantName: string): SimulatedVariant {
    const variant = this.endpoints.get(endpointName)?.variants.get(variantName);
    if (!variant) throw new EndpointNotFoundError(this.notFound(endpointName, variantName));
    return variant;
  }

  /** Whether the endpoint exists (CreateEndpoint refuses a second one of the same name). */
  hasEndpoint(endpointName: string): boolean {
    return this.endpoints.has(endpointName);
  }

  /** The endpoint's variants in creation order (DescribeEndpoint lists them all). */
  variantNames(endpointName: string): string[] {
    const endpoint = this.endpoints.get(endpointName);
    if (!endpoint) throw new EndpointNotFoundError(this.notFound(endpointName));
    return [...endpoint.variants.keys()];
  }

  /** Moves the simulated clock forward: instances finish starting up or draining. */
  advanceTo(time: number): void {
    if (time < this.clock)
      throw new RangeError(`the simulated clock cannot go back (${time} < ${this.clock})`);
    this.clock = time;
    for (const variant of this.allVariants) variant.settle(time);
  }

  /** Failure injection: the hook may answer any update with an error, thrown instead of applying it. */
  injectUpdateFailure(hook: ((request: SimulatedUpdateRequest) => Error | undefined) | undefined): void {
    this.failureHook = hook;
  }

  /** Failure injection: the endpoint reports `status` until `until` (a user's deployment, an outage). */
  holdStatus(endpointName: string, status: EndpointStatus, until: number): void {
    const endpoint = this.endpoints.get(endpointName);
    if (!endpoint) throw new EndpointNotFoundError(this.notFound(endpointName));
    endpoint.held = { status, until };
  }

  /** DescribeEndpoint's status at the simulated time. */
  endpointStatus(endpointName: string): EndpointStatus {
    const endpoint = this.endpoints.get(endpointName);
    if (!endpoint) throw new EndpointNotFoundError(this.notFound(endpointName));
    return this.statusOf(endpoint);
  }

  async describeVariant(endpointName: string, variantName: string): Promise<VariantCapacity> {
    const endpoint = this.endpoints.get(endpointName);
    const variant = endpoint?.variants.get(variantName);
    if (!endpoint || !variant) throw new EndpointNotFoundError(this.notFound(endpointName, variantName));
    return {
      endpointStatus: this.statusOf(endpoint),
      desiredInstanceCount: variant.desired,
      currentInstanceCount: variant.currentCount(this.clock),
    };
  }

  async updateDesiredCapacity(
    endpointName: string,
    updates: readonly VariantCapacityUpdate[],
  ): Promise<void> {
    this.applyUpdate(endpointName, updates);
  }

  /**
   * {@link updateDesiredCapacity} without the promise, for the simulator's own models (the
   * target-tracking baseline steps its fleet every minute): the same checks, errors and effect.
   */
  applyUpdate(endpointName: string, updates: readonly VariantCapacityUpdate[]): void {
    const endpoint = this.endpoints.get(endpointName);
    if (!endpoint) throw new EndpointNotFoundError(this.notFound(endpointName));
    // Everything is checked before anything applies: a refused call changes nothing.
    for (const update of updates) {
      if (!endpoint.variants.has(update.variantName)) {
        throw new EndpointNotFoundError(this.notFound(endpointName, update.variantName));
      }
    }
    checkCapacityUpdates(updates);
    const injected = this.failureHook?.({ endpointName, updates, time: this.clock });
    if (injected) throw injected;
    if (this.statusOf(endpoint) !== 'InService') {
      // SageMaker's ValidationException text; the lock is per endpoint, shared by its variants.
      throw new EndpointBusyError(
        `Cannot update in-progress endpoint "arn:aws:sagemaker:${this.region}:${this.account}:endpoint/${endpointName.toLowerCase()}".`,
      );
    }
    let busyUntil = endpoint.busyUntil;
    for (const update of updates) {
      const variant = endpoint.variants.get(update.variantName) as SimulatedVariant;
      const change = variant.setDesired(
        update.desiredInstanceCount,
        this.clock,
        this.startupMs,
        this.drainMs,
      );
      busyUntil = Math.max(busyUntil, change);
    }
    endpoint.busyUntil = busyUntil;
    this.updates.push({ time: this.clock, endpointName, updates: updates.map((u) => ({ ...u })) });
  }

  private statusOf(endpoint: SimulatedEndpointState): EndpointStatus {
    if (endpoint.busyUntil > this.clock) return 'Updating';
    if (endpoint.held && endpoint.held.until > this.clock) return endpoint.held.status;
    return 'InService';
  }

  private notFound(endpointName: string, variantName?: string): string {
    const arn = `arn:aws:sagemaker:${this.region}:${this.account}:endpoint/${endpointName.toLowerCase()}`;
    if (variantName === undefined || !this.endpoints.has(endpointName)) {
      return `Could not find endpoint "${arn}".`;
    }
    return `The variant ${variantName} does not exist on endpoint "${arn}".`;
  }
}
