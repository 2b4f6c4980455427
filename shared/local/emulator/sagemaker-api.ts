/**
 * SageMaker's face of the simulated fleet (AWS JSON 1.1, target prefix `SageMaker`): the calls the
 * scaler makes (DescribeEndpoint, UpdateEndpointWeightsAndCapacities) and the two that create an
 * endpoint to scale (CreateEndpointConfig, CreateEndpoint). The rules (start-up, the Updating lock,
 * SageMaker's rejection wording) are the fleet's; this maps them to SageMaker's wire answers.
 */
import { CapacityRejectedError, EndpointBusyError, EndpointNotFoundError } from '../../ports/errors.ts';
import type { EmulatorBackend } from './backend.ts';
import { AwsWireError, epochSeconds, listOf, requiredNumber, requiredString } from './wire.ts';

type Input = Record<string, unknown>;

interface EndpointRecord {
  configName: string;
  creationTime: number;
  lastModifiedTime: number;
}

/** The SageMaker operations, by name. */
export class SageMakerApi {
  private readonly configs = new Map<string, { variants: Input[]; creationTime: number }>();
  private readonly endpoints = new Map<string, EndpointRecord>();
  /** Variant weights set by UpdateEndpointWeightsAndCapacities (`endpoint/variant`; default 1). */
  private readonly weights = new Map<string, number>();

  constructor(private readonly backend: () => EmulatorBackend) {}

  readonly operations: Record<string, (input: Input) => Promise<unknown>> = {
    CreateEndpointConfig: async (input) => this.createEndpointConfig(input),
    CreateEndpoint: async (input) => this.createEndpoint(input),
    DescribeEndpoint: async (input) => this.describeEndpoint(input),
    UpdateEndpointWeightsAndCapacities: (input) => this.updateWeightsAndCapacities(input),
  };

  private arn(kind: string, name: string): string {
    const { region, account } = this.backend();
    return `arn:aws:sagemaker:${region}:${account}:${kind}/${name.toLowerCase()}`;
  }

  private createEndpointConfig(input: Input): unknown {
    const name = requiredString(input, 'EndpointConfigName');
    if (this.configs.has(name)) {
      throw new AwsWireError(
        'ValidationException',
        `Cannot create already existing endpoint configuration "${this.arn('endpoint-config', name)}".`,
      );
    }
    const variants = listOf(input, 'ProductionVariants');
    if (variants.length === 0) {
      throw new AwsWireError('ValidationException', 'ProductionVariants: at least one variant is required');
    }
    for (const variant of variants) {
      requiredString(variant, 'VariantName');
      requiredNumber(variant, 'InitialInstanceCount');
    }
    this.configs.set(name, { variants, creationTime: this.backend().now() });
    return { EndpointConfigArn: this.arn('endpoint-config', name) };
  }

  /**
   * Creates the endpoint with each variant's InitialInstanceCount serving. Real SageMaker spends
   * minutes Creating; the scaler's story starts with an endpoint in service, so this one is at once.
   */
  private createEndpoint(input: Input): unknown {
    const backend = this.backend();
    const name = requiredString(input, 'EndpointName');
    const configName = requiredString(input, 'EndpointConfigName');
    const config = this.configs.get(configName);
    if (!config) {
      throw new AwsWireError(
        'ValidationException',
        `Could not find endpoint configuration "${this.arn('endpoint-config', configName)}".`,
      );
    }
    if (backend.fleet.hasEndpoint(name)) {
      throw new AwsWireError(
        'ValidationException',
        `Cannot create already existing endpoint "${this.arn('endpoint', name)}".`,
      );
    }
    for (const variant of config.variants) {
      backend.fleet.seedVariant(name, variant.VariantName as string, variant.InitialInstanceCount as number);
    }
    const now = backend.now();
    this.endpoints.set(name, { configName, creationTime: now, lastModifiedTime: now });
    return { EndpointArn: this.arn('endpoint', name) };
  }

  private async describeEndpoint(input: Input): Promise<unknown> {
    const { fleet, now } = this.backend();
    const name = requiredString(input, 'EndpointName');
    const time = now();
    const variants = [];
    try {
      for (const variantName of fleet.variantNames(name)) {
        const variant = await fleet.describeVariant(name, variantName);
        variants.push({
          VariantName: variantName,
          CurrentWeight: this.weights.get(`${name}/${variantName}`) ?? 1,
          DesiredWeight: this.weights.get(`${name}/${variantName}`) ?? 1,
          CurrentInstanceCount: variant.currentInstanceCount,
          DesiredInstanceCount: variant.desiredInstanceCount,
        });
      }
      // An endpoint seeded by a simulated world (not CreateEndpoint) has no record: the run's start.
      const record = this.endpoints.get(name) ?? {
        configName: name,
        creationTime: time,
        lastModifiedTime: time,
      };
      return {
        EndpointName: name,
        EndpointArn: this.arn('endpoint', name),
        EndpointConfigName: record.configName,
        ProductionVariants: variants,
        EndpointStatus: fleet.endpointStatus(name),
        CreationTime: epochSeconds(record.creationTime),
        LastModifiedTime: epochSeconds(record.lastModifiedTime),
      };
    } catch (error) {
      throw wireErrorOf(error);
    }
  }

  /**
   * UpdateEndpointWeightsAndCapacities, checked whole before anything applies (a refused call
   * changes nothing): at least one entry, every variant known, a weight >= 0, capacity for at most
   * one variant (the fleet's rules). A weight-only call is accepted and shown by DescribeEndpoint;
   * the emulator does not model the short Updating a weight change causes.
   */
  private async updateWeightsAndCapacities(input: Input): Promise<unknown> {
    const backend = this.backend();
    const name = requiredString(input, 'EndpointName');
    const entries = listOf(input, 'DesiredWeightsAndCapacities');
    if (entries.length === 0) {
      throw new AwsWireError(
        'ValidationException',
        "1 validation error detected: Value '[]' at 'desiredWeightsAndCapacities' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    }
    const weights = new Map<string, number>();
    const updates = entries.flatMap((entry) => {
      const variantName = requiredString(entry, 'VariantName');
      const { DesiredWeight: weight, DesiredInstanceCount: count } = entry;
      if (weight === undefined && count === undefined) {
        throw new AwsWireError(
          'ValidationException',
          `variant ${variantName}: give DesiredWeight, DesiredInstanceCount or both`,
        );
      }
      if (weight !== undefined) {
        if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
          throw new AwsWireError(
            'ValidationException',
            `variant ${variantName}: DesiredWeight must be a number >= 0, found ${String(weight)}`,
          );
        }
        weights.set(variantName, weight);
      }
      return count === undefined
        ? []
        : [{ variantName, desiredInstanceCount: requiredNumber(entry, 'DesiredInstanceCount') }];
    });
    // A wall-clock backend moves its fleet to now: the update applies at the time it arrives.
    backend.now();
    try {
      const known = backend.fleet.variantNames(name);
      const unknown = [...weights.keys()].find((variant) => !known.includes(variant));
      if (unknown !== undefined) await backend.fleet.describeVariant(name, unknown);
      if (updates.length > 0) await backend.fleet.updateDesiredCapacity(name, updates);
      else if (backend.fleet.endpointStatus(name) !== 'InService') {
        throw new EndpointBusyError(`Cannot update in-progress endpoint "${this.arn('endpoint', name)}".`);
      }
    } catch (error) {
      throw wireErrorOf(error);
    }
    for (const [variant, weight] of weights) this.weights.set(`${name}/${variant}`, weight);
    const record = this.endpoints.get(name);
    if (record) record.lastModifiedTime = backend.now();
    return { EndpointArn: this.arn('endpoint', name) };
  }
}

/**
 * The fleet's errors as SageMaker answers them: an unknown endpoint or variant and an update while
 * Updating are ValidationExceptions with the fleet's (SageMaker's) wording; a refused capacity is
 * ResourceLimitExceeded; a count SageMaker would refuse is a ValidationException too.
 */
function wireErrorOf(error: unknown): unknown {
  if (error instanceof AwsWireError) return error;
  if (
    error instanceof EndpointNotFoundError ||
    error instanceof EndpointBusyError ||
    error instanceof RangeError
  ) {
    return new AwsWireError('ValidationException', error.message, 400, undefined, { cause: error });
  }
  if (error instanceof CapacityRejectedError) {
    return new AwsWireError('ResourceLimitExceeded', error.message, 400, undefined, { cause: error });
  }
  return error;
}
