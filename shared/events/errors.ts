/**
 * Errors raised at the edge. Both keep the underlying error as `cause` so a log shows the
 * original zod or JSON failure next to the sentence written for people.
 */

/**
 * An event that does not have the shape the scaler accepts. It is rejected whole: nothing of
 * it reaches the domain. `issues` lists every problem found, each as
 * `path: expected X, found Y`.
 */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
  /** One sentence per problem, in the order they were found. */
  readonly issues: string[];

  constructor(issues: string[], options?: { cause?: unknown }) {
    super(`Invalid event: ${issues.join('; ')}`, options);
    this.issues = issues;
  }
}

/** A bad line in an events file (JSONL): the 1-based line number and why it was refused. */
export class EventFileError extends Error {
  override readonly name = 'EventFileError';
  /** 1-based, as editors number lines. */
  readonly line: number;
  readonly reason: string;

  constructor(line: number, reason: string, options?: { cause?: unknown }) {
    super(`line ${line}: ${reason}`, options);
    this.line = line;
    this.reason = reason;
  }
}
