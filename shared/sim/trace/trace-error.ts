/** The error of a trace file that cannot be read as a request-rate trace (see `./trace-csv.ts`). */

/** A trace file that cannot be read as a request-rate trace. */
export class TraceFormatError extends Error {
  override readonly name = 'TraceFormatError';
  /** 1-based line of the problem, when it lies on one line. */
  readonly line: number | undefined;

  constructor(detail: string, options: { line?: number; source?: string; cause?: unknown } = {}) {
    const where = [options.source, options.line].filter((part) => part !== undefined).join(':');
    super(where === '' ? detail : `${where}: ${detail}`, { cause: options.cause });
    this.line = options.line;
  }
}
