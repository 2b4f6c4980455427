/**
 * Rules of one scalable target and of names that must be unique: AAS keeps one scalable target
 * per resource id, one policy per name and one scheduled action per name within it, and this
 * scaler links an alarm to exactly one policy of a target.
 */
import { at, type IssueCollector } from './issues.ts';
import type { ParsedTarget } from './schema.ts';

/** SageMaker EndpointName / VariantName pattern. */
const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** Names, min/max capacity and their order. */
export function checkTarget(target: ParsedTarget, path: string, issues: IssueCollector): void {
  for (const field of ['endpointName', 'variantName'] as const) {
    const name = target[field];
    if (!SAGEMAKER_NAME.test(name)) {
      issues.error(
        at(path, field),
        `must match SageMaker's name pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$: letters, digits and hyphens, at most 63 characters, starting and ending with a letter or digit (found ${JSON.stringify(name)})`,
      );
    }
  }
  for (const field of ['minCapacity', 'maxCapacity'] as const) {
    if (target[field] < 1) {
      issues.error(
        at(path, field),
        `must be at least 1 (found ${target[field]}): a plain endpoint variant cannot scale to zero; scale to zero needs inference components`,
      );
    }
  }
  if (target.minCapacity > target.maxCapacity) {
    issues.error(
      at(path, 'minCapacity'),
      `must be <= maxCapacity (found ${target.minCapacity} > ${target.maxCapacity})`,
    );
  }
  if (
    target.stepPolicies.length === 0 &&
    target.targetTrackingPolicies.length === 0 &&
    target.predictivePolicies.length === 0 &&
    target.scheduledActions.length === 0
  ) {
    issues.warn(path, 'has no policies and no scheduled actions: nothing will ever scale it');
  }
}

/**
 * Reports every value seen before, under the later item's path, naming the first one.
 * `items` are (path, key) pairs; undefined keys (items that failed to parse) are skipped.
 */
export function checkUnique(
  items: ReadonlyArray<{ path: string; key: string | undefined }>,
  describe: (key: string, firstPath: string) => string,
  issues: IssueCollector,
): void {
  const first = new Map<string, string>();
  for (const { path, key } of items) {
    if (key === undefined) continue;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, path);
    else issues.error(path, describe(key, seen));
  }
}
