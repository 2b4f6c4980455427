import type { ScheduledAction as NativeScheduledAction } from '@aws-sdk/client-application-auto-scaling';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { type ValidationResult, validateConfig } from '../../config/index.ts';
import { convertPolicies } from './import-policies.ts';
import type {
  ImportNote,
  NativeConfiguration,
  NativeRemoval,
  NativeVariant,
  ScheduledDocument,
  TargetDocument,
} from './import-types.ts';

/** Options of {@link planImport}. */
export interface ImportOptions {
  /** Write an `alarm:` block from each alarm's definition, so the scaler creates and owns it. */
  adoptAlarms: boolean;
  mode: 'active' | 'shadow';
}

/** A comment to write above the node at `path` of the scaling.yml document. */
export interface ImportComment {
  path: (string | number)[];
  text: string;
}

/** The scaling.yml equivalent to a native setup, what it could not carry over, and what to delete. */
export interface ImportPlan {
  document: { targets: TargetDocument[] };
  comments: ImportComment[];
  notes: ImportNote[];
  removals: NativeRemoval[];
  /** validateConfig's verdict on the document: the import only writes a file it accepts. */
  validation: ValidationResult;
}

const RESOURCE_ID = /^endpoint\/(.+)\/variant\/(.+)$/;

/**
 * Turns a native AAS configuration into scaling.yml: min/max and suspended state from the
 * scalable target, step and target tracking policies and scheduled actions one to one. Pure: the reading is the
 * adapter's.
 */
export function planImport(native: NativeConfiguration, options: ImportOptions): ImportPlan {
  const alarms = new Map(native.alarms.map((alarm: MetricAlarm) => [alarm.AlarmName ?? '', alarm]));
  const defined = new Set<string>();
  const plan: Omit<ImportPlan, 'validation'> = {
    document: { targets: [] },
    comments: [],
    notes: [],
    removals: [],
  };
  for (const variant of native.variants) {
    const index = plan.document.targets.length;
    const target = convertTarget(variant, options, alarms, defined, plan, index);
    if (target) plan.document.targets.push(target);
  }
  if (!options.adoptAlarms && plan.document.targets.some((t) => t.stepPolicies.length > 0)) {
    plan.notes.push({
      kind: 'kept',
      subject: 'alarms',
      message:
        'the alarms stay as they are and are referenced by name (rerun with --adopt-alarms to have the scaler create and own them)',
    });
  }
  return { ...plan, validation: validateConfig(plan.document) };
}

function convertTarget(
  variant: NativeVariant,
  options: ImportOptions,
  alarms: ReadonlyMap<string, MetricAlarm>,
  defined: Set<string>,
  plan: Omit<ImportPlan, 'validation'>,
  index: number,
): TargetDocument | undefined {
  const resourceId = variant.target.ResourceId ?? '';
  const match = RESOURCE_ID.exec(resourceId);
  if (!match) {
    plan.notes.push({
      kind: 'not-migrated',
      subject: resourceId,
      message: 'not a SageMaker variant resource id',
    });
    return undefined;
  }
  const [, endpointName = '', variantName = ''] = match;
  const policies = convertPolicies(variant.policies, {
    endpointName,
    variantName,
    resourceId,
    alarms,
    adoptAlarms: options.adoptAlarms,
    defined,
  });
  plan.notes.push(...policies.notes);
  plan.removals.push(...policies.removals);
  for (const [position, text] of policies.comments) {
    plan.comments.push({ path: ['targets', index, 'stepPolicies', position], text });
  }
  const suspended = variant.target.SuspendedState;
  const suspendedState = {
    dynamicScalingInSuspended: suspended?.DynamicScalingInSuspended ?? false,
    dynamicScalingOutSuspended: suspended?.DynamicScalingOutSuspended ?? false,
    scheduledScalingSuspended: suspended?.ScheduledScalingSuspended ?? false,
  };
  const scheduledActions = variant.scheduledActions.map((action) => {
    plan.removals.push({ kind: 'scheduled-action', resourceId, name: action.ScheduledActionName ?? '' });
    return convertScheduled(action, `${endpointName}/${variantName}`, plan.notes);
  });
  plan.comments.push({
    path: ['targets', index],
    text: `${resourceId}: imported from Application Auto Scaling`,
  });
  return {
    endpointName,
    variantName,
    minCapacity: variant.target.MinCapacity ?? 1,
    maxCapacity: variant.target.MaxCapacity ?? 1,
    mode: options.mode,
    ...(Object.values(suspendedState).some(Boolean) ? { suspendedState } : {}),
    stepPolicies: policies.policies,
    ...(policies.tracking.length > 0 ? { targetTrackingPolicies: policies.tracking } : {}),
    scheduledActions,
  };
}

function convertScheduled(
  action: NativeScheduledAction,
  target: string,
  notes: ImportNote[],
): ScheduledDocument {
  const name = action.ScheduledActionName ?? '';
  const schedule = action.Schedule ?? '';
  if (schedule.startsWith('rate(') && action.StartTime === undefined) {
    notes.push({
      target,
      kind: 'changed',
      subject: `scheduled action ${name}`,
      message: `${schedule} without a start time counts from when its schedule is created: in AAS from ${action.CreationTime?.toISOString() ?? 'its creation'}, here from the scaler's deploy (add startTime to keep the old rhythm)`,
    });
  }
  const { MinCapacity: minCapacity, MaxCapacity: maxCapacity } = action.ScalableTargetAction ?? {};
  return {
    scheduledActionName: name,
    schedule,
    ...(action.Timezone === undefined ? {} : { timezone: action.Timezone }),
    ...(action.StartTime === undefined ? {} : { startTime: action.StartTime.toISOString() }),
    ...(action.EndTime === undefined ? {} : { endTime: action.EndTime.toISOString() }),
    scalableTargetAction: {
      ...(minCapacity === undefined ? {} : { minCapacity }),
      ...(maxCapacity === undefined ? {} : { maxCapacity }),
    },
  };
}
