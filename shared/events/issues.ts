/**
 * Turns zod issues into the edge's `path: expected X, found Y` sentences and runs a schema so
 * that failure is always an {@link InvalidEventError}.
 */
import type * as z from 'zod/mini';
import { describeValue, expectedFound, formatPath } from './describe.ts';
import { InvalidEventError } from './errors.ts';

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean (true or false)',
  object: 'an object',
  array: 'an array',
  record: 'an object',
};

function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function expectedOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? issue.expected;
    case 'invalid_value':
      return issue.values.length === 1
        ? quote(issue.values[0])
        : `one of ${issue.values.map(quote).join(', ')}`;
    case 'too_small':
      return issue.origin === 'number' || issue.origin === 'int'
        ? `a number ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}`
        : `at least ${issue.minimum} ${issue.origin === 'string' ? 'character(s)' : 'item(s)'}`;
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'int'
        ? `a number ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`
        : `at most ${issue.maximum} ${issue.origin === 'string' ? 'character(s)' : 'item(s)'}`;
    default:
      // Codes our schemas do not produce; zod's own wording is still better than nothing.
      return issue.message;
  }
}

/** One sentence per issue. Custom issues already carry their whole `expected …, found …` text. */
export function formatIssue(issue: Issue): string {
  const text =
    issue.code === 'custom' ? issue.message : expectedFound(expectedOf(issue), describeValue(issue.input));
  return `${formatPath(issue.path)}: ${text}`;
}

/**
 * Parses `input` with `schema`, all or nothing.
 *
 * @throws {InvalidEventError} listing every issue, with the `ZodError` as `cause`.
 */
export function parseWith<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  // reportInput: the "found" half of each sentence needs the offending value.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new InvalidEventError(result.error.issues.map(formatIssue), { cause: result.error });
}
