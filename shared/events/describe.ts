/**
 * Words for error messages. Every rejection at the edge reads `path: expected X, found Y`, so an
 * operator can fix the event (or the rule that sent it) without reading the schema.
 */

const MAX_SHOWN = 60;

/** How a value found in an event is shown in a message: strings quoted and cut short. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  switch (typeof value) {
    case 'string': {
      const shown = JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
      return value.length === 0 ? 'an empty string' : shown;
    }
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** The one sentence shape every issue takes. */
export function expectedFound(expected: string, found: string): string {
  return `expected ${expected}, found ${found}`;
}

/** `detail.configuration.metrics[0].id`; the root itself is called `event`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? 'event' : text;
}
