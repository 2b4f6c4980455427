/**
 * Events files (JSONL, one event per line), as the replay tool reads them. The first bad line
 * stops the read: replaying around a hole would give capacities that never happened.
 */
import type { Trigger } from '../domain/model.ts';
import { EventFileError, InvalidEventError } from './errors.ts';
import { parseTriggerEvent } from './trigger-event.ts';

/** One line of an events file: its JSON and what it parses to. */
export interface EventLine {
  /** 1-based, as editors number lines. */
  line: number;
  raw: unknown;
  trigger: Trigger;
}

/**
 * Parses one line of an events file, or returns undefined for a blank (or whitespace-only) one.
 * The processing time of a replayed event is its envelope `time` (see `processing-time.ts`).
 *
 * @throws {EventFileError} with the line number and the reason when the line is not JSON or not
 *   a valid event; its `cause` is the underlying error.
 */
export function parseEventLine(text: string, lineNumber: number): EventLine | undefined {
  if (text.trim() === '') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new EventFileError(lineNumber, `not valid JSON (${why})`, { cause: error });
  }
  try {
    return { line: lineNumber, raw, trigger: parseTriggerEvent(raw) };
  } catch (error) {
    if (error instanceof InvalidEventError) {
      throw new EventFileError(lineNumber, error.issues.join('; '), { cause: error });
    }
    throw error;
  }
}

/**
 * Parses a JSONL text into triggers, in file order. Blank lines are skipped.
 *
 * @throws {EventFileError} for the first line that is not JSON or not a valid event.
 */
export function parseEventLines(text: string): Trigger[] {
  const triggers: Trigger[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const parsed = parseEventLine(line, index + 1);
    if (parsed) triggers.push(parsed.trigger);
  }
  return triggers;
}
