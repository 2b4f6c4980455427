/**
 * How the tick walks a fleet: the variants of one endpoint one after the other (they share the
 * endpoint's update lock, and SageMaker refuses a second update while the first runs), up to
 * `concurrency` endpoints at a time, and no new target once time is short. A target not started
 * waits for the next tick, a minute away, which starts its walk elsewhere so the same targets are
 * not always the last.
 */
import type { TargetConfig } from '../domain/model.ts';
import type { EventOutcome } from './outcome.ts';
import type { TickShard } from './tick-shard.ts';

/** How the walk is paced. */
export interface TickPacing {
  /** Endpoints worked on at once (1: one target after the other, the order of scaling.yml). */
  concurrency: number;
  /** False once no new target should start (the invocation's deadline is near). */
  hasTime: () => boolean;
  /** Which endpoint group to start from (taken modulo their number). */
  startAt: number;
}

/** What the walk did: results in target order (undefined where not started or failed). */
export interface TickWalk<T> {
  results: (T | undefined)[];
  /** Targets left for the next tick. */
  notStarted: TargetConfig[];
  /** Errors of the targets whose work failed, in the order they happened. */
  errors: { target: TargetConfig; error: unknown }[];
}

/** The groups of each list of targets (a deployment's list never changes, and is ticked every minute). */
const groupsOf = new WeakMap<readonly TargetConfig[], readonly (readonly number[])[]>();

/** Target indexes grouped by endpoint (names compared without case, as SageMaker does). */
function endpointGroups(targets: readonly TargetConfig[]): readonly (readonly number[])[] {
  let found = groupsOf.get(targets);
  if (found === undefined) {
    const groups = new Map<string, number[]>();
    targets.forEach((target, index) => {
      const key = target.endpointName.toLowerCase();
      groups.set(key, [...(groups.get(key) ?? []), index]);
    });
    found = [...groups.values()];
    groupsOf.set(targets, found);
  }
  return found;
}

/**
 * Runs `work` over the targets as {@link TickPacing} says. A failure does not stop the others.
 * `targets` must not change while the walk runs, nor afterwards: its endpoint groups are kept.
 */
export function walkTargets<T>(
  targets: readonly TargetConfig[],
  pacing: TickPacing,
  work: (target: TargetConfig) => Promise<T>,
): Promise<TickWalk<T>> {
  const groups = endpointGroups(targets);
  const offset = groups.length === 0 ? 0 : pacing.startAt % groups.length;
  const results: (T | undefined)[] = new Array(targets.length).fill(undefined);
  const started: boolean[] = new Array(targets.length).fill(false);
  let startedCount = 0;
  const errors: TickWalk<T>['errors'] = [];
  // The groups from `offset` round, each taken by the next free worker.
  let taken = 0;
  const worker = async () => {
    while (taken < groups.length) {
      const group = groups[(offset + taken++) % groups.length] as readonly number[];
      for (const index of group) {
        const target = targets[index];
        if (target === undefined || !pacing.hasTime()) continue;
        started[index] = true;
        startedCount++;
        try {
          results[index] = await work(target);
        } catch (error) {
          errors.push({ target, error });
        }
      }
    }
  };
  const workers = Math.max(1, Math.min(pacing.concurrency, groups.length));
  const walked = workers === 1 ? worker() : Promise.all(Array.from({ length: workers }, worker));
  return walked.then(() => {
    const notStarted = startedCount === targets.length ? [] : targets.filter((_, index) => !started[index]);
    return { results, notStarted, errors };
  });
}

/** Some targets' ticks failed (the others ran); `errors` holds each cause. */
export class TickTargetsFailedError extends Error {
  override readonly name = 'TickTargetsFailedError';
  constructor(readonly errors: { target: string; error: unknown }[]) {
    const first = errors[0];
    const reason = first?.error instanceof Error ? first.error.message : String(first?.error);
    super(`the tick failed for ${errors.length} targets, first ${first?.target}: ${reason}`, {
      cause: first?.error,
    });
  }
}

/** How a tick is paced across a fleet (the Lambda's wiring sets it; replay and simulate need none). */
export interface TickOptions {
  /** Endpoints worked on at once (default 1: one target after the other, in file order). */
  concurrency?: number;
  /** False once no new target should start: the rest waits for the next tick (default: always true). */
  hasTime?: () => boolean;
  /** Tick only this shard's targets (a sharded deployment's rule says which); default all. */
  shard?: TickShard | undefined;
}

/** What a tick did, besides its outcomes. */
export interface TickResult {
  outcomes: EventOutcome[];
  /** Targets the tick did not start before its deadline: the next tick takes them. */
  deferredTargets: string[];
}
