/**
 * Application Auto Scaling's DeleteScalingPolicy and DeleteScheduledAction in the emulator, so the
 * removal commands `scaler import` prints can be run locally (docs/tutorial.md, "Switch to
 * active"). As AAS answers: an empty result, or ObjectNotFoundException naming what was not found
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeleteScalingPolicy.html,
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeleteScheduledAction.html).
 */
import { type AutoScalingRegistry, type Stored, scalableTargetKey } from './auto-scaling-registry.ts';
import { AwsWireError, requiredString } from './wire.ts';

type Input = Record<string, unknown>;

function deleteNamed(records: Map<string, Stored>, input: Input, nameField: string, what: string): object {
  const name = requiredString(input, nameField);
  if (!records.delete(`${scalableTargetKey(input)}|${name}`)) {
    throw new AwsWireError(
      'ObjectNotFoundException',
      `No ${what} found for service namespace: ${String(input.ServiceNamespace)}, resource ID: ${String(input.ResourceId)}, scalable dimension: ${String(input.ScalableDimension)}, ${what} name: ${name}`,
    );
  }
  return {};
}

/** The two delete operations, by name. */
export function autoScalingDeleteOperations(
  registry: AutoScalingRegistry,
): Record<string, (input: Input) => Promise<unknown>> {
  return {
    DeleteScalingPolicy: async (input) =>
      deleteNamed(registry.policies, input, 'PolicyName', 'scaling policy'),
    DeleteScheduledAction: async (input) =>
      deleteNamed(registry.scheduledActions, input, 'ScheduledActionName', 'scheduled action'),
  };
}
