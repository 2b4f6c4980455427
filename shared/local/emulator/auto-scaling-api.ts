/**
 * Application Auto Scaling's face (AWS JSON 1.1, target prefix `AnyScaleFrontendService`): the
 * scalable-target registry the scheduled path reads (a variant may also be registered natively)
 * and RegisterScalableTarget to register or move one. Nothing is registered unless a caller
 * registers it; scaling policies and scheduled actions cannot be created here, so those lists are
 * always empty.
 */
import type { EmulatorBackend } from './backend.ts';
import { AwsWireError, epochSeconds, requiredString } from './wire.ts';

type Input = Record<string, unknown>;

interface ScalableTarget {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  MinCapacity: number;
  MaxCapacity: number;
  RoleARN: string;
  creationTime: number;
}

const VARIANT_DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
const VARIANT_RESOURCE = /^endpoint\/([^/]+)\/variant\/([^/]+)$/;

/** The Application Auto Scaling operations, by name. */
export class AutoScalingApi {
  private readonly targets = new Map<string, ScalableTarget>();

  constructor(private readonly backend: () => EmulatorBackend) {}

  readonly operations: Record<string, (input: Input) => Promise<unknown>> = {
    RegisterScalableTarget: (input) => this.register(input),
    DescribeScalableTargets: async (input) => this.describeTargets(input),
    DescribeScalingPolicies: async (input) => this.emptyList(input, 'ScalingPolicies'),
    DescribeScheduledActions: async (input) => this.emptyList(input, 'ScheduledActions'),
  };

  /**
   * Registers a target, or updates the bounds of a registered one (parameters not given stay).
   * Like AAS, a variant whose desired count lies outside the new range is moved into it; an
   * endpoint busy updating is left as it is (AAS would try again later).
   */
  private async register(input: Input): Promise<unknown> {
    const key = targetKey(input);
    const resourceId = input.ResourceId as string;
    const { fleet, region, account, now } = this.backend();
    const variant = VARIANT_RESOURCE.exec(resourceId);
    if (input.ScalableDimension !== VARIANT_DIMENSION || input.ServiceNamespace !== 'sagemaker' || !variant) {
      throw new AwsWireError(
        'ValidationException',
        `the local emulator registers SageMaker variants only (sagemaker, ${VARIANT_DIMENSION}, endpoint/<E>/variant/<V>)`,
      );
    }
    const [, endpointName = '', variantName = ''] = variant;
    let desired: number;
    try {
      desired = (await fleet.describeVariant(endpointName, variantName)).desiredInstanceCount;
    } catch (error) {
      throw new AwsWireError('ValidationException', `Unable to find resource ${resourceId}`, 400, undefined, {
        cause: error,
      });
    }
    const existing = this.targets.get(key);
    const min = (input.MinCapacity as number | undefined) ?? existing?.MinCapacity;
    const max = (input.MaxCapacity as number | undefined) ?? existing?.MaxCapacity;
    if (min === undefined || max === undefined) {
      throw new AwsWireError(
        'ValidationException',
        'MinCapacity and MaxCapacity are required to register a new scalable target',
      );
    }
    if (min > max)
      throw new AwsWireError(
        'ValidationException',
        'Minimum capacity cannot be greater than maximum capacity',
      );
    this.targets.set(key, {
      ServiceNamespace: 'sagemaker',
      ResourceId: resourceId,
      ScalableDimension: VARIANT_DIMENSION,
      MinCapacity: min,
      MaxCapacity: max,
      RoleARN:
        (input.RoleARN as string | undefined) ??
        existing?.RoleARN ??
        `arn:aws:iam::${account}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
      creationTime: existing?.creationTime ?? now(),
    });
    const clamped = Math.min(max, Math.max(min, desired));
    if (clamped !== desired) {
      await fleet
        .updateDesiredCapacity(endpointName, [{ variantName, desiredInstanceCount: clamped }])
        .catch(() => undefined);
    }
    return {
      ScalableTargetARN: `arn:aws:application-autoscaling:${region}:${account}:scalable-target/${encodeURIComponent(key)}`,
    };
  }

  private describeTargets(input: Input): unknown {
    const namespace = requiredString(input, 'ServiceNamespace');
    const ids = input.ResourceIds as string[] | undefined;
    const dimension = input.ScalableDimension as string | undefined;
    const found = [...this.targets.values()].filter(
      (target) =>
        target.ServiceNamespace === namespace &&
        (ids === undefined || ids.includes(target.ResourceId)) &&
        (dimension === undefined || target.ScalableDimension === dimension),
    );
    return {
      ScalableTargets: found.map(({ creationTime, ...target }) => ({
        ...target,
        CreationTime: epochSeconds(creationTime),
        SuspendedState: {
          DynamicScalingInSuspended: false,
          DynamicScalingOutSuspended: false,
          ScheduledScalingSuspended: false,
        },
      })),
    };
  }

  private emptyList(input: Input, field: string): unknown {
    requiredString(input, 'ServiceNamespace');
    return { [field]: [] };
  }
}

function targetKey(input: Input): string {
  return `${requiredString(input, 'ServiceNamespace')}|${requiredString(input, 'ResourceId')}|${requiredString(input, 'ScalableDimension')}`;
}
