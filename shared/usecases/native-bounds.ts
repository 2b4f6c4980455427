import { type TargetConfig, targetKey } from '../domain/model.ts';
import type { NativeScalingPort } from '../ports/native-scaling.ts';
import type { ScalerPorts } from './apply-intent.ts';
import { activityOf, type EventIdentity } from './outcome.ts';
import { recordNotes } from './record-notes.ts';

/**
 * Living with native Application Auto Scaling after a scheduled action set new bounds: when
 * the variant is registered there, its registered min/max follow (RegisterScalableTarget), or
 * a native target-tracking policy would pull capacity back inside the old range and undo the
 * scheduled scale-up. Native step policies or scheduled actions on the same variant fight the
 * scaler: that is recorded in the history and returned as warnings. Shadow targets never
 * touch AAS.
 */
export async function syncNativeBounds(
  ports: ScalerPorts & { native: NativeScalingPort },
  target: TargetConfig,
  event: EventIdentity,
  bounds: { minCapacity: number; maxCapacity: number },
): Promise<string[]> {
  if (target.mode === 'shadow') return [];
  const native = await ports.native.describe(target.endpointName, target.variantName);
  const warnings: string[] = [];
  // Native target tracking beside our own step policies was the migration path before the scaler
  // tracked targets itself; beside our own target tracking, it fights like the rest.
  const tracking = target.targetTrackingPolicies.length > 0 ? native.targetTrackingPolicies : [];
  const fighting = [...native.stepPolicies, ...tracking, ...native.scheduledActions];
  if (fighting.length > 0) {
    warnings.push(
      `native AAS also holds ${fighting.join(', ')} on ${targetKey(target)}: two scalers on one variant fight; remove them (see scaler import)`,
    );
  }
  if (
    native.registered &&
    (native.minCapacity !== bounds.minCapacity || native.maxCapacity !== bounds.maxCapacity)
  ) {
    await ports.native.updateBounds(target.endpointName, target.variantName, bounds);
  }
  if (warnings.length > 0) await recordWarnings(ports, target, event, warnings);
  return warnings;
}

/** The warnings as not-scaled activities: a scheduled action just recorded its outcome, so the state exists. */
async function recordWarnings(
  ports: ScalerPorts,
  target: TargetConfig,
  event: EventIdentity,
  warnings: string[],
): Promise<void> {
  await recordNotes(ports, target, event.now, (state) =>
    warnings.map((message) =>
      activityOf(
        target,
        event,
        {
          action: 'none',
          fromCapacity: state.lastSetCapacity ?? 0,
          toCapacity: state.lastSetCapacity ?? 0,
          cause: 'native AAS check',
        },
        {
          activityId: ports.ids.nextId(),
          action: 'none',
          status: 'NotScaled',
          statusMessage: message,
          reasonCode: 'NativePoliciesPresent',
        },
      ),
    ),
  );
}
