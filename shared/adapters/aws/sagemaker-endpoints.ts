import {
  DescribeEndpointCommand,
  SageMakerClient,
  EndpointStatus as SageMakerEndpointStatus,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import type {
  EndpointCapacityPort,
  EndpointStatus,
  VariantCapacity,
  VariantCapacityUpdate,
} from '../../ports/endpoint-capacity.ts';
import {
  CapacityRejectedError,
  EndpointBusyError,
  EndpointNotFoundError,
  UnsupportedVariantError,
} from '../../ports/errors.ts';
import { FUNCTION_REQUEST_TIMEOUTS } from './request-timeouts.ts';

/** Default attempts (first call + retries) for SageMaker calls. */
const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Builds the SageMaker client, once per cold start, to inject into {@link SageMakerEndpoints}.
 *
 * ThrottlingException is retryable in the SDK's retry strategy: it is retried here with backoff
 * (adaptive mode also rate-limits this client once throttled, which helps a warm container that
 * scales many endpoints). When the attempts run out the error escapes, the event fails, nothing is
 * recorded as done and the platform retries the event (reliability item 18).
 */
export function createSageMakerClient(options?: { maxAttempts?: number }): SageMakerClient {
  return new SageMakerClient({
    retryMode: 'adaptive',
    maxAttempts: options?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: FUNCTION_REQUEST_TIMEOUTS,
  });
}

const KNOWN_STATUSES: ReadonlySet<string> = new Set<EndpointStatus>(Object.values(SageMakerEndpointStatus));

function isEndpointStatus(status: string | undefined): status is EndpointStatus {
  return status !== undefined && KNOWN_STATUSES.has(status);
}

/** The error code the SDK exposes as `name` (SageMaker models ValidationException as no class of its own). */
function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : '';
}

/**
 * SageMaker answers an unknown endpoint with a ValidationException, not a 404:
 * `Could not find endpoint "arn:aws:sagemaker:<region>:<account>:endpoint/<name>".`
 * ResourceNotFound is accepted too, should SageMaker ever use its modelled not-found error here.
 */
function isEndpointNotFound(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'ResourceNotFound') return true;
  return name === 'ValidationException' && /could not find endpoint/i.test(errorMessage(error));
}

/**
 * A second update while the endpoint is Updating/Creating/SystemUpdating is rejected with
 * `ValidationException: Cannot update in-progress endpoint "arn:..."`. Matched on the stable
 * "in-progress"/"in progress" part, case-insensitively, so a rewording around it still maps.
 */
function isUpdateInProgress(error: unknown): boolean {
  return errorName(error) === 'ValidationException' && /in[- ]progress/i.test(errorMessage(error));
}

/**
 * {@link EndpointCapacityPort} over the SageMaker API. Maps the few SageMaker answers the use cases
 * treat specially to the port's errors and lets everything else (throttling after the SDK's own
 * retries, network, permissions) through untouched, so the Lambda fails and the platform retries.
 */
export class SageMakerEndpoints implements EndpointCapacityPort {
  constructor(private readonly client: SageMakerClient) {}

  async describeVariant(endpointName: string, variantName: string): Promise<VariantCapacity> {
    const endpoint = await this.send(endpointName, () =>
      this.client.send(new DescribeEndpointCommand({ EndpointName: endpointName })),
    );
    const variant = endpoint.ProductionVariants?.find((candidate) => candidate.VariantName === variantName);
    if (variant === undefined) {
      throw new EndpointNotFoundError(
        `variant ${variantName} not found on SageMaker endpoint ${endpointName}`,
      );
    }
    // Serverless variants report a serverless config and no instance counts; inference-component
    // endpoints scale their components, not the variant: neither has a count for us to set.
    if (variant.DesiredInstanceCount === undefined) {
      const kind = variant.CurrentServerlessConfig
        ? 'serverless'
        : 'without instance counts (inference components?)';
      throw new UnsupportedVariantError(
        `variant ${variantName} of endpoint ${endpointName} is ${kind}: only instance-based variants are supported`,
      );
    }
    if (!isEndpointStatus(endpoint.EndpointStatus)) {
      throw new UnsupportedVariantError(
        `endpoint ${endpointName} has unknown status ${String(endpoint.EndpointStatus)}`,
      );
    }
    return {
      endpointStatus: endpoint.EndpointStatus,
      // While Updating, Desired is what SageMaker is converging to and Current lags behind it:
      // decisions start from Desired so an update in flight is not asked for a second time.
      desiredInstanceCount: variant.DesiredInstanceCount,
      currentInstanceCount: variant.CurrentInstanceCount,
    };
  }

  async updateDesiredCapacity(
    endpointName: string,
    updates: readonly VariantCapacityUpdate[],
  ): Promise<void> {
    // One call for all variants: the Updating lock is endpoint-wide, so a second call for another
    // variant would be rejected until the first completes (reliability item 23).
    const command = new UpdateEndpointWeightsAndCapacitiesCommand({
      EndpointName: endpointName,
      DesiredWeightsAndCapacities: updates.map((update) => ({
        VariantName: update.variantName,
        DesiredInstanceCount: update.desiredInstanceCount,
      })),
    });
    await this.send(
      endpointName,
      () => this.client.send(command),
      (error) => {
        // Not retried by the SDK (it is a ValidationException): the caller defers the intent.
        if (isUpdateInProgress(error)) {
          return new EndpointBusyError(`SageMaker endpoint ${endpointName} has an update in progress`, {
            cause: error,
          });
        }
        // Quota or capacity refusal: retrying the same count will not help (reliability item 19).
        if (errorName(error) === 'ResourceLimitExceeded') {
          return new CapacityRejectedError(
            `SageMaker refused the capacity for endpoint ${endpointName}: ${errorMessage(error)}`,
            { cause: error },
          );
        }
        return undefined;
      },
    );
  }

  /** Sends a call, mapping not-found (and whatever `mapError` knows) and rethrowing the rest as is. */
  private async send<T>(
    endpointName: string,
    call: () => Promise<T>,
    mapError: (error: unknown) => Error | undefined = () => undefined,
  ): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isEndpointNotFound(error)) {
        throw new EndpointNotFoundError(`SageMaker endpoint ${endpointName} not found`, { cause: error });
      }
      throw mapError(error) ?? error;
    }
  }
}
