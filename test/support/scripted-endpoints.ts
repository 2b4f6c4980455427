import type {
  EndpointCapacityPort,
  EndpointStatus,
  VariantCapacity,
  VariantCapacityUpdate,
} from '../../shared/ports/endpoint-capacity.ts';
import { EndpointNotFoundError } from '../../shared/ports/errors.ts';

/**
 * A test double of SageMaker whose status and failures a test scripts: `failNextUpdate` makes
 * the next update throw (before or after it took effect), `status` is what DescribeEndpoint says.
 */
export class ScriptedEndpoints implements EndpointCapacityPort {
  status: EndpointStatus = 'InService';
  readonly counts = new Map<string, number>();
  readonly updates: { endpointName: string; updates: VariantCapacityUpdate[] }[] = [];
  private failure: { error: Error; afterApplying: boolean } | undefined;

  constructor(variants: Record<string, number>) {
    for (const [key, count] of Object.entries(variants)) this.counts.set(key, count);
  }

  failNextUpdate(error: Error, options: { afterApplying?: boolean } = {}): void {
    this.failure = { error, afterApplying: options.afterApplying ?? false };
  }

  async describeVariant(endpointName: string, variantName: string): Promise<VariantCapacity> {
    await Promise.resolve();
    const count = this.counts.get(`${endpointName}/${variantName}`);
    if (count === undefined)
      throw new EndpointNotFoundError(`Could not find variant ${variantName} of endpoint ${endpointName}`);
    return { endpointStatus: this.status, desiredInstanceCount: count };
  }

  async updateDesiredCapacity(
    endpointName: string,
    updates: readonly VariantCapacityUpdate[],
  ): Promise<void> {
    await Promise.resolve();
    const failure = this.failure;
    this.failure = undefined;
    if (failure && !failure.afterApplying) throw failure.error;
    for (const update of updates)
      this.counts.set(`${endpointName}/${update.variantName}`, update.desiredInstanceCount);
    this.updates.push({ endpointName, updates: [...updates] });
    if (failure) throw failure.error;
  }
}
