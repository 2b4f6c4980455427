import {
  DescribeEndpointCommand,
  type EndpointStatus,
  SageMakerClient,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * SageMaker mocked in process at the SDK client (every SageMakerClient instance): one
 * endpoint whose variants answer DescribeEndpoint in the real shape, and whose counts an
 * accepted UpdateEndpointWeightsAndCapacities changes.
 */
export function mockSageMakerEndpoint(endpointName: string, variants: Record<string, number>) {
  const counts = new Map(Object.entries(variants));
  /** What DescribeEndpoint says: a test may set it (say, Updating). */
  const endpoint = { status: 'InService' as EndpointStatus };
  const mock = mockClient(SageMakerClient);
  mock.on(DescribeEndpointCommand).callsFake(async () => ({
    EndpointName: endpointName,
    EndpointArn: `arn:aws:sagemaker:eu-west-1:123456789012:endpoint/${endpointName}`,
    EndpointConfigName: `${endpointName}-config`,
    EndpointStatus: endpoint.status,
    CreationTime: new Date('2026-11-01T09:00:00Z'),
    LastModifiedTime: new Date('2026-11-20T09:00:00Z'),
    ProductionVariants: [...counts].map(([VariantName, count]) => ({
      VariantName,
      CurrentWeight: 1,
      DesiredWeight: 1,
      CurrentInstanceCount: count,
      DesiredInstanceCount: count,
    })),
  }));
  mock.on(UpdateEndpointWeightsAndCapacitiesCommand).callsFake(async (input) => {
    for (const update of input.DesiredWeightsAndCapacities ?? []) {
      counts.set(update.VariantName, update.DesiredInstanceCount);
    }
    return { EndpointArn: `arn:aws:sagemaker:eu-west-1:123456789012:endpoint/${endpointName}` };
  });
  return {
    mock,
    counts,
    endpoint,
    updates: () => mock.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand),
  };
}
