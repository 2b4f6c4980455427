/**
 * Freezes `value` and every object reachable from it. An object already frozen is taken as
 * frozen all the way down and skipped: a state built from the previous one with `withChanges`
 * shares its unchanged parts, which the previous commit froze, so each commit walks only what
 * changed. Plain data only (objects, arrays, primitives), as states and activity records are.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key in value) deepFreeze(value[key]);
  return value;
}
