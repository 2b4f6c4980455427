/**
 * What a log line keeps of a refused event, so it can be found again (in the dead-letter queue,
 * in EventBridge's archive, in the sender's own logs) without logging an arbitrarily large
 * payload: its id and the start of its JSON, both cut to a bound.
 */

/** Characters of the event's JSON kept in the log line. */
export const EXCERPT_MAX_CHARS = 1_000;
/** Characters of the id kept: EventBridge ids are UUIDs; anything much longer is itself the problem. */
const ID_MAX_CHARS = 200;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters in all)` : text;
}

/** The event's `id` when it has a string one (cut short), else undefined. */
export function eventIdOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const id = (input as Record<string, unknown>).id;
  return typeof id === 'string' ? cut(id, ID_MAX_CHARS) : undefined;
}

/** The start of the event's JSON (or its text, for a value JSON cannot write). */
export function eventExcerpt(input: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(input) ?? String(input);
  } catch {
    // A cycle or a BigInt: not an event EventBridge could have delivered.
    text = String(input);
  }
  return cut(text, EXCERPT_MAX_CHARS);
}
