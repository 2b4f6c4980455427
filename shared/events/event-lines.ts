/**
 * Events files (JSONL, one event per line), as the replay tool reads them. The first bad line
 * stops the read: replaying around a hole would give capacities that never happened.
 */
import type { Trigger } from '../domain/model.ts';
import { EventFileError, InvalidEventError } from './errors.ts';
import { parseTriggerEvent } from './trigger-event.ts';

/**
 * Parses a JSONL text into triggers, in file order. Blank (or whitespace-only) lines are skipped.
 *
 * @throws {EventFileError} with the 1-based line number and the reason, for the first line that
 *   is not JSON or not a valid event; its `cause` is the underlying error.
 */
export function parseEventLines(text: string): Trigger[] {
  const triggers: Trigger[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const lineNumber = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new EventFileError(lineNumber, `not valid JSON (${why})`, { cause: error });
    }
    try {
      triggers.push(parseTriggerEvent(value));
    } catch (error) {
      if (error instanceof InvalidEventError) {
        throw new EventFileError(lineNumber, error.issues.join('; '), { cause: error });
      }
      throw error;
    }
  }
  return triggers;
}
