/**
 * How scaling.yml problems are collected and worded. Every problem names its path
 * (`targets[0].stepPolicies[1].cooldown`), what was expected and what was found, so a user can
 * fix the file without reading the schema. Validation never stops at the first problem.
 */

/** One problem (or warning) found in a scaling configuration. */
export interface ConfigIssue {
  /** Where, e.g. `targets[0].stepPolicies[1].stepAdjustments[0].scalingAdjustment`. */
  path: string;
  /** What was expected and what was found. */
  message: string;
}

/**
 * A scaling configuration that cannot be used. It is refused whole (reliability item 25): the
 * running scaler keeps its last good configuration.
 */
export class ConfigValidationError extends Error {
  override readonly name = 'ConfigValidationError';
  /** Every problem found, in file order. */
  readonly issues: ConfigIssue[];
  /** The file (or other source) the configuration came from, when known. */
  readonly source?: string;

  constructor(issues: ConfigIssue[], options?: { source?: string | undefined; cause?: unknown }) {
    super(issues.map(formatIssue).join('\n'), { cause: options?.cause });
    this.issues = issues;
    if (options?.source !== undefined) this.source = options.source;
  }
}

/** `path: message`, the one line an issue takes in messages and CLI output. */
export function formatIssue(issue: ConfigIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/** What the root of the document is called when a problem concerns the whole of it. */
export const ROOT_PATH = '(root)';

/** Appends keys to a path: `at('targets[0]', 'stepPolicies', 1)` is `targets[0].stepPolicies[1]`. */
export function at(base: string, ...keys: readonly PropertyKey[]): string {
  let text = base === ROOT_PATH ? '' : base;
  for (const key of keys) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? ROOT_PATH : text;
}

/** Collects errors and warnings while the rules walk the configuration. */
export class IssueCollector {
  readonly errors: ConfigIssue[] = [];
  readonly warnings: ConfigIssue[] = [];

  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }
}

const MAX_SHOWN = 60;

/** How a value found in the file is shown in a message: strings quoted and cut short. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  switch (typeof value) {
    case 'string':
      if (value.length === 0) return 'an empty string';
      return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'a mapping';
    default:
      return `a ${typeof value}`;
  }
}

/** The sentence shape of type and value problems. */
export function expectedFound(expected: string, found: unknown): string {
  return `expected ${expected}, found ${describeValue(found)}`;
}

/** Edit distance, to suggest the field a typo meant (`cooldwon` -> `cooldown`). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The sentence for a field the schema does not know. AAS would reject it; silently ignoring it
 * would let a typo such as `cooldwon` fall back to the default without anyone noticing.
 */
export function unknownFieldMessage(key: string, known: readonly string[]): string {
  const lower = key.toLowerCase();
  const guess = known.find((name) => name.toLowerCase() === lower || distance(name, key) <= 2);
  const hint = guess === undefined ? '' : `; did you mean '${guess}'?`;
  return `unknown field '${key}' (expected one of ${known.join(', ')})${hint}`;
}
