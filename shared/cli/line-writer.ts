import { once } from 'node:events';

/**
 * Lines to a stream, for output of any length: when the stream's buffer is full (a slow pipe),
 * `drained` waits until it empties, so the producer pauses instead of piling lines up in memory.
 */
export function lineWriter(stream: NodeJS.WritableStream = process.stdout) {
  let waiting: Promise<void> | undefined;
  return {
    write(line: string): void {
      if (!stream.write(`${line}\n`) && waiting === undefined) {
        waiting = once(stream, 'drain').then(() => {
          waiting = undefined;
        });
      }
    },
    /** Resolves at once unless the stream asked the writer to wait. */
    drained(): Promise<void> {
      return waiting ?? Promise.resolve();
    },
  };
}
