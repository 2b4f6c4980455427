/**
 * Application Auto Scaling's scaling policies, scheduled actions and activities in the emulator:
 * PutScalingPolicy and PutScheduledAction store a native configuration (so `scaler import` can be
 * tried end to end locally), the Describe calls page through it. Checked as AAS checks them: the
 * target registered first, a policy's type and its configuration, a schedule the scheduler can
 * read (the scaler's own schedule parser) in a time zone that exists.
 */
import { isValidTimeZone, parseScheduleExpression } from '../../domain/schedule/index.ts';
import {
  type AutoScalingRegistry,
  boundedName,
  pageOf,
  registeredTarget,
  type Stored,
  scalableTargetKey,
} from './auto-scaling-registry.ts';
import type { EmulatorBackend } from './backend.ts';
import { AwsWireError, epochSeconds, fromEpochSeconds, requiredString } from './wire.ts';

type Input = Record<string, unknown>;

const POLICY_TYPES: Readonly<Record<string, string>> = {
  StepScaling: 'StepScalingPolicyConfiguration',
  TargetTrackingScaling: 'TargetTrackingScalingPolicyConfiguration',
};

function validation(message: string): AwsWireError {
  return new AwsWireError('ValidationException', message);
}

function identity(target: { ServiceNamespace: string; ResourceId: string; ScalableDimension: string }) {
  return {
    ServiceNamespace: target.ServiceNamespace,
    ResourceId: target.ResourceId,
    ScalableDimension: target.ScalableDimension,
  };
}

/** The stored records of the target the request narrows to (all of the namespace when none). */
function matching(
  records: ReadonlyMap<string, Stored>,
  input: Input,
  names: string[] | undefined,
  nameField: string,
) {
  const namespace = requiredString(input, 'ServiceNamespace');
  return [...records.values()].filter(
    ({ fields }) =>
      fields.ServiceNamespace === namespace &&
      (input.ResourceId === undefined || fields.ResourceId === input.ResourceId) &&
      (input.ScalableDimension === undefined || fields.ScalableDimension === input.ScalableDimension) &&
      (names === undefined || names.includes(fields[nameField] as string)),
  );
}

/** The policy, scheduled action and activity operations, by name. */
export function autoScalingPolicyOperations(
  backend: () => EmulatorBackend,
  registry: AutoScalingRegistry,
): Record<string, (input: Input) => Promise<unknown>> {
  const arn = (kind: string, id: string) => {
    const { region, account } = backend();
    return `arn:aws:autoscaling:${region}:${account}:${kind}:${id}`;
  };
  return {
    PutScalingPolicy: async (input) => {
      const target = registeredTarget(registry, input);
      const name = boundedName(input, 'PolicyName', 256);
      const type = (input.PolicyType as string | undefined) ?? 'StepScaling';
      const configuration = POLICY_TYPES[type];
      if (configuration === undefined)
        throw validation(`PolicyType: expected StepScaling or TargetTrackingScaling, found ${type}`);
      if (input[configuration] === undefined)
        throw validation(`${type} policy ${name}: ${configuration} is required`);
      const key = `${scalableTargetKey(input)}|${name}`;
      const PolicyARN = arn('scalingPolicy', `${key.replace(/\|/g, ':')}`);
      registry.policies.set(key, {
        targetKey: scalableTargetKey(input),
        creationTime: registry.policies.get(key)?.creationTime ?? backend().now(),
        fields: {
          PolicyARN,
          PolicyName: name,
          ...identity(target),
          PolicyType: type,
          [configuration]: input[configuration],
        },
      });
      // The emulator creates no alarms for target tracking; a step policy's alarms name it in their actions.
      return { PolicyARN, Alarms: [] };
    },
    DescribeScalingPolicies: async (input) => {
      const { alarmActions, region, account } = backend();
      const records = matching(
        registry.policies,
        input,
        input.PolicyNames as string[] | undefined,
        'PolicyName',
      );
      const { page, nextToken } = pageOf(input, records);
      return {
        ScalingPolicies: page.map(({ fields, creationTime }) => ({
          ...fields,
          // The alarms whose AlarmActions name this policy, as AAS lists them.
          Alarms: [...alarmActions]
            .filter(([, actions]) => actions.includes(fields.PolicyARN as string))
            .map(([AlarmName]) => ({
              AlarmName,
              AlarmARN: `arn:aws:cloudwatch:${region}:${account}:alarm:${AlarmName}`,
            })),
          CreationTime: epochSeconds(creationTime),
        })),
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      };
    },
    PutScheduledAction: async (input) => {
      const target = registeredTarget(registry, input);
      const name = boundedName(input, 'ScheduledActionName', 256);
      const key = `${scalableTargetKey(input)}|${name}`;
      const existing = registry.scheduledActions.get(key);
      const schedule =
        (input.Schedule as string | undefined) ?? (existing?.fields.Schedule as string | undefined);
      if (schedule === undefined)
        throw validation(`scheduled action ${name}: Schedule is required to create it`);
      const parsed = parseScheduleExpression(schedule);
      if (!parsed.ok) throw validation(`Schedule ${schedule}: ${parsed.errors.join('; ')}`);
      const timezone =
        (input.Timezone as string | undefined) ?? (existing?.fields.Timezone as string | undefined) ?? 'UTC';
      if (!isValidTimeZone(timezone))
        throw validation(`Timezone: expected an IANA time zone name, found ${timezone}`);
      const action = (input.ScalableTargetAction ?? existing?.fields.ScalableTargetAction ?? {}) as Input;
      const [min, max] = [action.MinCapacity, action.MaxCapacity] as (number | undefined)[];
      if (min !== undefined && max !== undefined && min > max) {
        throw validation('Minimum capacity cannot be greater than maximum capacity');
      }
      const times = Object.fromEntries(
        (['StartTime', 'EndTime'] as const)
          .filter((field) => input[field] !== undefined)
          .map((field) => [field, epochSeconds(fromEpochSeconds(input[field], field))]),
      );
      registry.scheduledActions.set(key, {
        targetKey: scalableTargetKey(input),
        creationTime: existing?.creationTime ?? backend().now(),
        fields: {
          ScheduledActionName: name,
          ScheduledActionARN: arn('scheduledAction', key.replace(/\|/g, ':')),
          ...identity(target),
          Schedule: schedule,
          Timezone: timezone,
          ...times,
          ScalableTargetAction: action,
        },
      });
      return {};
    },
    DescribeScheduledActions: async (input) => {
      const names = input.ScheduledActionNames as string[] | undefined;
      const { page, nextToken } = pageOf(
        input,
        matching(registry.scheduledActions, input, names, 'ScheduledActionName'),
      );
      return {
        ScheduledActions: page.map(({ fields, creationTime }) => ({
          ...fields,
          CreationTime: epochSeconds(creationTime),
        })),
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      };
    },
    DescribeScalingActivities: async (input) => {
      const records = registry.activities.filter(
        ({ fields }) =>
          fields.ServiceNamespace === requiredString(input, 'ServiceNamespace') &&
          (input.ResourceId === undefined || fields.ResourceId === input.ResourceId) &&
          (input.ScalableDimension === undefined || fields.ScalableDimension === input.ScalableDimension),
      );
      const { page, nextToken } = pageOf(input, records);
      return {
        ScalingActivities: page.map(({ fields }) => fields),
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      };
    },
  };
}
