import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import type { NativeScalingPort, NativeScalingRegistration } from '../../ports/native-scaling.ts';
import { allPages } from './all-pages.ts';
import { FUNCTION_REQUEST_TIMEOUTS } from './request-timeouts.ts';

/** The AAS identity of a SageMaker variant's instance count. */
const SERVICE_NAMESPACE = 'sagemaker';
const SCALABLE_DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
const DEFAULT_MAX_ATTEMPTS = 5;

/** AAS resource id of a variant: `endpoint/<EndpointName>/variant/<VariantName>`. */
function variantResourceId(endpointName: string, variantName: string): string {
  return `endpoint/${endpointName}/variant/${variantName}`;
}

/**
 * Builds the Application Auto Scaling client, once per cold start, to inject into
 * {@link ApplicationAutoScaling}. Throttling is retried with backoff (adaptive mode); when the
 * attempts run out the error escapes and the event fails, to be retried by the platform.
 */
export function createApplicationAutoScalingClient(options?: {
  maxAttempts?: number;
}): ApplicationAutoScalingClient {
  return new ApplicationAutoScalingClient({
    retryMode: 'adaptive',
    maxAttempts: options?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: FUNCTION_REQUEST_TIMEOUTS,
  });
}

/**
 * {@link NativeScalingPort} over Application Auto Scaling, for a variant that is also registered
 * there. AWS errors (throttling after retries, ConcurrentUpdateException, permissions) are rethrown
 * unchanged, so the event fails and is retried.
 */
export class ApplicationAutoScaling implements NativeScalingPort {
  constructor(private readonly client: ApplicationAutoScalingClient) {}

  async describe(endpointName: string, variantName: string): Promise<NativeScalingRegistration> {
    const resourceId = variantResourceId(endpointName, variantName);
    const target = { ServiceNamespace: SERVICE_NAMESPACE, ScalableDimension: SCALABLE_DIMENSION } as const;
    // The three reads are independent: run them together to keep the handler's latency down.
    const [targets, policies, actions] = await Promise.all([
      allPages(async (NextToken) => {
        const page = await this.client.send(
          new DescribeScalableTargetsCommand({ ...target, ResourceIds: [resourceId], NextToken }),
        );
        return { items: page.ScalableTargets, nextToken: page.NextToken };
      }),
      allPages(async (NextToken) => {
        const page = await this.client.send(
          new DescribeScalingPoliciesCommand({ ...target, ResourceId: resourceId, NextToken }),
        );
        return { items: page.ScalingPolicies, nextToken: page.NextToken };
      }),
      allPages(async (NextToken) => {
        const page = await this.client.send(
          new DescribeScheduledActionsCommand({ ...target, ResourceId: resourceId, NextToken }),
        );
        return { items: page.ScheduledActions, nextToken: page.NextToken };
      }),
    ]);
    const registered = targets.find(
      (candidate) =>
        candidate.ResourceId === resourceId && candidate.ScalableDimension === SCALABLE_DIMENSION,
    );
    const policiesOfType = (type: string) =>
      policies.filter((policy) => policy.PolicyType === type).map((policy) => policy.PolicyName ?? '');
    return {
      registered: registered !== undefined,
      minCapacity: registered?.MinCapacity,
      maxCapacity: registered?.MaxCapacity,
      stepPolicies: policiesOfType('StepScaling'),
      targetTrackingPolicies: policiesOfType('TargetTrackingScaling'),
      scheduledActions: actions.map((action) => action.ScheduledActionName ?? ''),
    };
  }

  /**
   * Moves the registered min/max. A scheduled action of ours changes the bounds in force, but a
   * native target-tracking policy clamps every activity of its own to the *registered* min/max:
   * left as they were, its next activity would pull a scheduled scale-up back under the old max
   * (undoing it) or a scheduled scale-in back over the old min. RegisterScalableTarget on an already registered target updates it, changing
   * only the parameters given (RoleARN and SuspendedState stay as they are). Note that AAS itself
   * then moves the variant's capacity into the new range, so it may start an endpoint update of its
   * own: ours may then meet SageMaker's in-progress rejection and be deferred.
   */
  async updateBounds(
    endpointName: string,
    variantName: string,
    bounds: { minCapacity: number; maxCapacity: number },
  ): Promise<void> {
    await this.client.send(
      new RegisterScalableTargetCommand({
        ServiceNamespace: SERVICE_NAMESPACE,
        ResourceId: variantResourceId(endpointName, variantName),
        ScalableDimension: SCALABLE_DIMENSION,
        MinCapacity: bounds.minCapacity,
        MaxCapacity: bounds.maxCapacity,
      }),
    );
  }
}
