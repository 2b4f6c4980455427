import {
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  type ProductionVariantSummary,
  ResourceLimitExceeded,
  SageMakerClient,
  SageMakerServiceException,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createSageMakerClient,
  SageMakerEndpoints,
} from '../../../../shared/adapters/aws/sagemaker-endpoints.ts';
import {
  CapacityRejectedError,
  EndpointBusyError,
  EndpointNotFoundError,
  UnsupportedVariantError,
} from '../../../../shared/ports/errors.ts';

const ENDPOINT = 'reco-prod';
const ARN = `arn:aws:sagemaker:eu-west-1:123456789012:endpoint/${ENDPOINT}`;
const client = new SageMakerClient({ region: 'eu-west-1' });
const sagemaker = mockClient(client);

function variant(overrides: Partial<ProductionVariantSummary> = {}): ProductionVariantSummary {
  return {
    VariantName: 'AllTraffic',
    DeployedImages: [
      {
        SpecifiedImage: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/reco:latest',
        ResolvedImage: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/reco@sha256:4f1c2a',
        ResolutionTime: new Date('2025-03-01T09:58:12.000Z'),
      },
    ],
    CurrentWeight: 1,
    DesiredWeight: 1,
    CurrentInstanceCount: 2,
    DesiredInstanceCount: 2,
    ...overrides,
  };
}

function describeOutput(
  variants: ProductionVariantSummary[],
  overrides: Partial<DescribeEndpointCommandOutput> = {},
): DescribeEndpointCommandOutput {
  return {
    $metadata: { httpStatusCode: 200, requestId: 'c0ffee00-0000-4000-8000-000000000001', attempts: 1 },
    EndpointName: ENDPOINT,
    EndpointArn: ARN,
    EndpointConfigName: `${ENDPOINT}-config-2025-03-01`,
    ProductionVariants: variants,
    EndpointStatus: 'InService',
    CreationTime: new Date('2025-03-01T10:00:00.000Z'),
    LastModifiedTime: new Date('2025-03-02T08:30:00.000Z'),
    ...overrides,
  };
}

/** SageMaker models ValidationException (and throttling) as no class of its own: the SDK builds these. */
function serviceError(name: string, message: string): SageMakerServiceException {
  return new SageMakerServiceException({
    name,
    message,
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: 'c0ffee00-0000-4000-8000-000000000002', attempts: 1 },
  });
}

const notFound = () => serviceError('ValidationException', `Could not find endpoint "${ARN}".`);
const endpoints = () => new SageMakerEndpoints(client);

/** What `promise` rejected with; fails the test if it resolved. */
async function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => expect.unreachable('the call should have failed'),
    (thrown: Error) => thrown,
  );
}

/** Makes SageMaker reject the update with `rejection` and returns what the adapter threw. */
async function updateFailingWith(rejection: Error): Promise<Error> {
  sagemaker.on(UpdateEndpointWeightsAndCapacitiesCommand).rejects(rejection);
  return failureOf(
    endpoints().updateDesiredCapacity(ENDPOINT, [{ variantName: 'AllTraffic', desiredInstanceCount: 3 }]),
  );
}

beforeEach(() => {
  sagemaker.reset();
});

describe('SageMakerEndpoints.describeVariant', () => {
  it('starts from DesiredInstanceCount, not CurrentInstanceCount, while the endpoint is Updating', async () => {
    sagemaker.on(DescribeEndpointCommand, { EndpointName: ENDPOINT }).resolves(
      describeOutput([variant({ CurrentInstanceCount: 2, DesiredInstanceCount: 5 })], {
        EndpointStatus: 'Updating',
      }),
    );

    const capacity = await endpoints().describeVariant(ENDPOINT, 'AllTraffic');

    expect(capacity).toEqual({
      endpointStatus: 'Updating',
      desiredInstanceCount: 5,
      currentInstanceCount: 2,
    });
    expect(sagemaker).toHaveReceivedCommandExactlyOnceWith(DescribeEndpointCommand, {
      EndpointName: ENDPOINT,
    });
  });

  it('picks the named variant among several', async () => {
    sagemaker
      .on(DescribeEndpointCommand)
      .resolves(describeOutput([variant(), variant({ VariantName: 'Challenger', DesiredInstanceCount: 1 })]));

    const capacity = await endpoints().describeVariant(ENDPOINT, 'Challenger');

    expect(capacity.desiredInstanceCount).toBe(1);
  });

  it('throws EndpointNotFoundError naming the variant when the endpoint has no such variant', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(describeOutput([variant()]));

    const result = endpoints().describeVariant(ENDPOINT, 'Ghost');

    await expect(result).rejects.toThrow(EndpointNotFoundError);
    await expect(result).rejects.toThrow(/variant Ghost/);
  });

  it('throws EndpointNotFoundError keeping the cause when SageMaker cannot find the endpoint', async () => {
    const cause = notFound();
    sagemaker.on(DescribeEndpointCommand).rejects(cause);

    const error = await failureOf(endpoints().describeVariant(ENDPOINT, 'AllTraffic'));

    expect(error).toBeInstanceOf(EndpointNotFoundError);
    expect(error.message).toMatch(/endpoint reco-prod not found/);
    expect(error.cause).toBe(cause);
  });

  it('rejects a serverless variant, which has no instance count to set', async () => {
    const serverless = variant({
      CurrentInstanceCount: undefined,
      DesiredInstanceCount: undefined,
      CurrentServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 20 },
      DesiredServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 20 },
    });
    sagemaker.on(DescribeEndpointCommand).resolves(describeOutput([serverless]));

    const result = endpoints().describeVariant(ENDPOINT, 'AllTraffic');

    await expect(result).rejects.toThrow(UnsupportedVariantError);
    await expect(result).rejects.toThrow(/serverless: only instance-based variants are supported/);
  });
});

describe('SageMakerEndpoints.updateDesiredCapacity', () => {
  it('sends one call carrying absolute counts for every variant', async () => {
    sagemaker.on(UpdateEndpointWeightsAndCapacitiesCommand).resolves({ $metadata: {}, EndpointArn: ARN });

    await endpoints().updateDesiredCapacity(ENDPOINT, [
      { variantName: 'AllTraffic', desiredInstanceCount: 4 },
      { variantName: 'Challenger', desiredInstanceCount: 1 },
    ]);

    expect(sagemaker).toHaveReceivedCommandExactlyOnceWith(UpdateEndpointWeightsAndCapacitiesCommand, {
      EndpointName: ENDPOINT,
      DesiredWeightsAndCapacities: [
        { VariantName: 'AllTraffic', DesiredInstanceCount: 4 },
        { VariantName: 'Challenger', DesiredInstanceCount: 1 },
      ],
    });
  });

  it('throws EndpointBusyError when SageMaker rejects the update as in progress', async () => {
    const cause = serviceError('ValidationException', `Cannot update in-progress endpoint "${ARN}".`);
    const error = await updateFailingWith(cause);

    expect(error).toBeInstanceOf(EndpointBusyError);
    expect(error.cause).toBe(cause);
  });

  it('throws CapacityRejectedError when SageMaker answers ResourceLimitExceeded', async () => {
    const cause = new ResourceLimitExceeded({
      message: 'The account-level service limit for ml.g5.2xlarge for endpoint usage is 4 Instances.',
      $metadata: { httpStatusCode: 400 },
    });
    const error = await updateFailingWith(cause);

    expect(error).toBeInstanceOf(CapacityRejectedError);
    expect(error.message).toMatch(/service limit for ml\.g5\.2xlarge/);
    expect(error.cause).toBe(cause);
  });

  it('throws EndpointNotFoundError when the endpoint is gone', async () => {
    expect(await updateFailingWith(notFound())).toBeInstanceOf(EndpointNotFoundError);
  });

  it('rethrows a ThrottlingException unchanged once the SDK has given up, so the event fails', async () => {
    const throttled = serviceError('ThrottlingException', 'Rate exceeded');
    const error = await updateFailingWith(throttled);

    expect(error).toBe(throttled);
  });

  it('rethrows an unknown error unchanged', async () => {
    const network = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const error = await updateFailingWith(network);

    expect(error).toBe(network);
  });

  it('rethrows a ValidationException that is neither busy nor not-found unchanged', async () => {
    const invalid = serviceError(
      'ValidationException',
      'Value 0 at DesiredInstanceCount failed to satisfy constraint',
    );
    const error = await updateFailingWith(invalid);

    expect(error).toBe(invalid);
  });
});

describe('createSageMakerClient', () => {
  it('retries with backoff up to 5 attempts by default, or as many as asked', async () => {
    const byDefault = createSageMakerClient();
    const custom = createSageMakerClient({ maxAttempts: 2 });

    expect(await byDefault.config.maxAttempts()).toBe(5);
    expect(await byDefault.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(await custom.config.maxAttempts()).toBe(2);
  });
});
