import type {
  EndpointCapacityPort,
  VariantCapacity,
  VariantCapacityUpdate,
} from '../../ports/endpoint-capacity.ts';
import { EndpointNotFoundError } from '../../ports/errors.ts';

/**
 * A stand-in for SageMaker in which every update takes effect at once and the endpoint is
 * always InService: what `scaler replay` uses to show decisions alone, without fleet dynamics
 * (the simulator has a simulated endpoint with start-up time for that).
 */
export class InstantEndpoints implements EndpointCapacityPort {
  private readonly counts = new Map<string, number>();
  /** Every update sent, in order (unless `keepUpdates` is false): tests read it. */
  readonly updates: { endpointName: string; updates: VariantCapacityUpdate[] }[] = [];
  private readonly keepUpdates: boolean;

  constructor(
    variants: readonly { endpointName: string; variantName: string; desiredInstanceCount: number }[],
    options: { keepUpdates?: boolean } = {},
  ) {
    this.keepUpdates = options.keepUpdates ?? true;
    for (const variant of variants) {
      this.counts.set(`${variant.endpointName}/${variant.variantName}`, variant.desiredInstanceCount);
    }
  }

  async describeVariant(endpointName: string, variantName: string): Promise<VariantCapacity> {
    const count = this.counts.get(`${endpointName}/${variantName}`);
    if (count === undefined)
      throw new EndpointNotFoundError(`no variant ${variantName} on endpoint ${endpointName}`);
    return { endpointStatus: 'InService', desiredInstanceCount: count, currentInstanceCount: count };
  }

  async updateDesiredCapacity(
    endpointName: string,
    updates: readonly VariantCapacityUpdate[],
  ): Promise<void> {
    for (const update of updates) await this.describeVariant(endpointName, update.variantName);
    for (const update of updates)
      this.counts.set(`${endpointName}/${update.variantName}`, update.desiredInstanceCount);
    if (this.keepUpdates) this.updates.push({ endpointName, updates: [...updates] });
  }
}
