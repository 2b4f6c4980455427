/**
 * Application Auto Scaling's face (AWS JSON 1.1, target prefix `AnyScaleFrontendService`): the
 * scalable-target registry the scheduled path reads (a variant may also be registered natively),
 * RegisterScalableTarget to register or move one, and the native policies, scheduled actions and
 * activities (auto-scaling-policies.ts). Nothing is registered unless a caller registers it.
 */
import { autoScalingDeleteOperations } from './auto-scaling-deletes.ts';
import { autoScalingPolicyOperations } from './auto-scaling-policies.ts';
import {
  AutoScalingRegistry,
  pageOf,
  scalableTargetKey,
  VARIANT_DIMENSION,
} from './auto-scaling-registry.ts';
import type { EmulatorBackend } from './backend.ts';
import { AwsWireError, epochSeconds, requiredString } from './wire.ts';

type Input = Record<string, unknown>;

/** A native scaling activity a test records in the emulator's AAS, standing in for a native policy. */
export interface SimulatedNativeActivity {
  /** `endpoint/<E>/variant/<V>`. */
  resourceId: string;
  /** The count native set: "Setting desired instance count to <desiredCount>." */
  desiredCount: number;
  /** StartTime, epoch ms. */
  at: number;
  /** e.g. "monitor alarm <alarm> in state ALARM triggered policy <policy>", as AAS writes it. */
  cause: string;
  /** Default Successful. */
  statusCode?: 'Pending' | 'InProgress' | 'Successful' | 'Failed' | undefined;
}

const VARIANT_RESOURCE = /^endpoint\/([^/]+)\/variant\/([^/]+)$/;

/** The Application Auto Scaling operations, by name. */
export class AutoScalingApi {
  private readonly registry = new AutoScalingRegistry();
  private readonly targets = this.registry.targets;
  readonly operations: Record<string, (input: Input) => Promise<unknown>>;

  constructor(private readonly backend: () => EmulatorBackend) {
    this.operations = {
      RegisterScalableTarget: (input) => this.register(input),
      DescribeScalableTargets: async (input) => this.describeTargets(input),
      ...autoScalingPolicyOperations(backend, this.registry),
      ...autoScalingDeleteOperations(this.registry),
    };
  }

  /**
   * Registers a target, or updates the bounds of a registered one (parameters not given stay).
   * Like AAS, a variant whose desired count lies outside the new range is moved into it; an
   * endpoint busy updating is left as it is (AAS would try again later).
   */
  private async register(input: Input): Promise<unknown> {
    const key = scalableTargetKey(input);
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
      const moved = await fleet
        .updateDesiredCapacity(endpointName, [{ variantName, desiredInstanceCount: clamped }])
        .then(() => true)
        .catch(() => false);
      this.recordActivity(resourceId, desired, clamped, moved);
    }
    return {
      ScalableTargetARN: `arn:aws:application-autoscaling:${region}:${account}:scalable-target/${encodeURIComponent(key)}`,
    };
  }

  /** AAS's own activity: moving a variant into a new registered range (or failing to). */
  private recordActivity(resourceId: string, from: number, to: number, moved: boolean): void {
    this.addActivity({
      resourceId,
      desiredCount: to,
      at: this.backend().now(),
      cause: `minimum or maximum capacity changed: the desired count ${from} lay outside the new range`,
      statusCode: moved ? 'Successful' : 'Failed',
    });
  }

  /**
   * Simulated native scaling: the emulator runs no native policy, so a test that needs native
   * AAS's history (`scaler compare`) records here the activity AAS would have written when its
   * policy scaled the variant. Only the history changes, never the endpoint.
   */
  recordSimulatedNativeActivity(activity: SimulatedNativeActivity): void {
    this.addActivity(activity);
  }

  /**
   * Stores an activity in DescribeScalingActivities' shape
   * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_ScalingActivity.html),
   * with SageMaker's wording ("Setting desired instance count to 3."), newest first.
   */
  private addActivity(activity: SimulatedNativeActivity): void {
    const { resourceId, desiredCount: to, at, cause } = activity;
    const status = activity.statusCode ?? 'Successful';
    const done = status !== 'Pending' && status !== 'InProgress';
    const record = {
      targetKey: resourceId,
      creationTime: at,
      fields: {
        ActivityId: `local-${this.registry.activities.length + 1}`,
        ServiceNamespace: 'sagemaker',
        ResourceId: resourceId,
        ScalableDimension: VARIANT_DIMENSION,
        Description: `Setting desired instance count to ${to}.`,
        Cause: cause,
        StartTime: epochSeconds(at),
        ...(done ? { EndTime: epochSeconds(at) } : {}),
        StatusCode: status,
        StatusMessage:
          status === 'Successful'
            ? `Successfully set desired instance count to ${to}.`
            : status === 'Failed'
              ? 'The endpoint was busy updating.'
              : '',
      },
    };
    const later = this.registry.activities.findIndex((stored) => stored.creationTime <= at);
    this.registry.activities.splice(later === -1 ? this.registry.activities.length : later, 0, record);
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
    const { page, nextToken } = pageOf(input, found);
    return {
      ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      ScalableTargets: page.map(({ creationTime, ...target }) => ({
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
}
