/**
 * Runs one level's schema and words its zod issues as scaling.yml issues: full path, what was
 * expected, what was found; one issue per unknown field, listing the fields that level knows.
 */
import type * as z from 'zod/mini';
import { at, expectedFound, type IssueCollector, unknownFieldMessage } from './issues.ts';

type ZodIssue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

function quote(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function sizeWords(origin: string): string {
  if (origin === 'string') return 'character(s)';
  if (origin === 'array') return 'item(s)';
  return '';
}

function expectedOf(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map(quote).join(', ')}`;
    case 'too_small':
      return `at least ${issue.minimum} ${sizeWords(issue.origin)}`.trimEnd();
    case 'too_big':
      return `at most ${issue.maximum} ${sizeWords(issue.origin)}`.trimEnd();
    default:
      // Codes these schemas do not produce; zod's wording is still better than nothing.
      return issue.message;
  }
}

interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  element?: unknown;
  in?: unknown;
}

function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

/** The field names of the object schema found at `path` inside `schema`. */
function knownKeysAt(schema: unknown, path: readonly PropertyKey[]): string[] {
  let current = schema;
  let remaining = [...path];
  for (let guard = 0; guard < 100; guard++) {
    const def = defOf(current);
    if (def === undefined) return [];
    if (
      def.type === 'optional' ||
      def.type === 'default' ||
      def.type === 'prefault' ||
      def.type === 'nullable'
    )
      current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else if (def.type === 'array' && typeof remaining[0] === 'number') {
      current = def.element;
      remaining = remaining.slice(1);
    } else if (def.type === 'object' && def.shape !== undefined) {
      const [key, ...rest] = remaining;
      if (key === undefined) return Object.keys(def.shape);
      current = def.shape[String(key)];
      remaining = rest;
    } else return [];
  }
  return [];
}

/**
 * Parses `input` with `schema`, recording every issue under `basePath`.
 * Returns the parsed value, or undefined when there was any issue.
 */
export function parseLevel<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  basePath: string,
  issues: IssueCollector,
): z.output<S> | undefined {
  // reportInput: the "found" half of each sentence needs the offending value.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys)
        issues.error(at(basePath, ...issue.path, key), unknownFieldMessage(key, known));
    } else if (issue.code === 'custom' || issue.message.startsWith('expected ')) {
      // Custom issues, and schemas with their own `error`, already carry the whole sentence.
      issues.error(at(basePath, ...issue.path), issue.message);
    } else {
      issues.error(at(basePath, ...issue.path), expectedFound(expectedOf(issue), issue.input));
    }
  }
  return undefined;
}
