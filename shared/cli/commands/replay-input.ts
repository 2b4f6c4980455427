/**
 * The events file of `scaler replay`, read line by line: a file of any length is never held
 * whole. It is read twice: once to check every line (a bad line stops the replay before anything
 * is printed, naming the line), then again to replay it.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { EventFileError, type EventLine, parseEventLine } from '../../events/index.ts';
import { CliError } from '../errors.ts';

/** The file's events in order, each with its line number. */
export async function* readEventLines(path: string): AsyncGenerator<EventLine> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  try {
    for await (const text of lines) {
      lineNumber++;
      const parsed = parseEventLine(text, lineNumber);
      if (parsed) yield parsed;
    }
  } catch (error) {
    if (error instanceof EventFileError) throw new CliError(`${path}:${error.message}`, 2, { cause: error });
    const why =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new CliError(`cannot read events file ${path}: ${why}`, 2, { cause: error });
  } finally {
    lines.close();
    stream.destroy();
  }
}

/**
 * Reads the whole file once, keeping nothing: every line must parse.
 *
 * @throws {CliError} exit 2 for the first bad line (`path:line N: reason`) or an unreadable file.
 */
export async function checkEventsFile(path: string): Promise<number> {
  let events = 0;
  for await (const _ of readEventLines(path)) events++;
  return events;
}
