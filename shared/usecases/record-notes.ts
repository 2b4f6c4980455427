import { type TargetConfig, targetKey } from '../domain/model.ts';
import { initialTargetState, type TargetState } from '../domain/state.ts';
import type { ActivityRecord } from '../ports/activity.ts';
import { commitNext, type ScalerPorts } from './apply-intent.ts';
import { retryOnConflict } from './retry-on-conflict.ts';

/**
 * Records activities that are not decisions (a warning, a forecast made) in the target's history,
 * with the state they leave unchanged but for its version, so they are ordered with the
 * decisions around them. `records` builds them from the state it read; a lost race builds them
 * again from the winner's.
 */
export async function recordNotes(
  ports: Pick<ScalerPorts, 'store'>,
  target: TargetConfig,
  now: number,
  records: (state: TargetState) => ActivityRecord[],
): Promise<ActivityRecord[]> {
  return retryOnConflict(async () => {
    const { state: stored } = await ports.store.load(targetKey(target), '');
    const state = stored ?? initialTargetState(target, now);
    const written = records(state);
    if (written.length > 0) await commitNext(ports, target, stored?.version ?? 0, state, written);
    return written;
  });
}
