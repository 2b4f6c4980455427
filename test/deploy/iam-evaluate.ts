/**
 * A small evaluator of identity-policy statements, enough to ask what a generated role may do:
 * an explicit Deny wins, otherwise some Allow must match the action, the resource and every
 * condition. It knows the condition operators the builders emit and throws on any other, so a new
 * kind of condition cannot pass a test by being ignored. (IAM's own evaluation logic:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html)
 */
import type { Json, Statement } from '../../deploy/cfn.ts';
import { render } from './template.ts';

/** One API call as IAM sees it. */
export interface AccessRequest {
  action: string;
  /** The resource's ARN, or `*` for actions without a resource type. */
  resource: string;
  /** The resource's tags (aws:ResourceTag/<key>). */
  resourceTags?: Record<string, string>;
  /** A DynamoDB request's partition key values (dynamodb:LeadingKeys, multivalued). */
  leadingKeys?: string[];
}

/** `*` and `?` wildcards, as IAM matches actions (case-insensitively) and ARNs (case-sensitively). */
function globMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The request's values for a condition key: none when the request has no such key. */
function contextValues(key: string, request: AccessRequest): string[] {
  const tag = /^aws:ResourceTag\/(.+)$/i.exec(key);
  if (tag) return list(request.resourceTags?.[tag[1] ?? '']);
  if (key.toLowerCase() === 'dynamodb:leadingkeys') return request.leadingKeys ?? [];
  throw new Error(`the evaluator knows no value for condition key ${key}`);
}

function valueMatches(operator: string, expected: string[], actual: string): boolean {
  switch (operator) {
    case 'StringEquals':
      return expected.includes(actual);
    case 'StringLike':
      return expected.some((value) => globMatches(value, actual, false));
    default:
      throw new Error(`the evaluator does not implement the condition operator ${operator}`);
  }
}

/**
 * One condition. A plain operator needs the key present and one value to match; `ForAllValues:`
 * needs every value of a multivalued key to match, and holds when the request has none (IAM's
 * rule, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
 */
function conditionHolds(qualified: string, key: string, expected: Json, request: AccessRequest): boolean {
  const [qualifier, operator] = qualified.includes(':') ? qualified.split(':') : ['', qualified];
  const values = list(expected as string | string[]).map((value) => render(value as Json));
  const actual = contextValues(key, request);
  if (qualifier === 'ForAllValues')
    return actual.every((value) => valueMatches(operator ?? '', values, value));
  if (qualifier !== '') throw new Error(`the evaluator does not implement the qualifier ${qualifier}`);
  const [single] = actual;
  return single !== undefined && valueMatches(operator ?? '', values, single);
}

function statementMatches(statement: Statement, request: AccessRequest): boolean {
  const actionMatches = list(statement.Action).some((action) => globMatches(action, request.action, true));
  if (!actionMatches) return false;
  const resources = list(statement.Resource as Json | Json[]).map((resource) => render(resource));
  if (!resources.some((resource) => globMatches(resource, request.resource, false))) return false;
  const conditions = (statement.Condition ?? {}) as Record<string, Record<string, Json>>;
  return Object.entries(conditions).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => conditionHolds(operator, key, expected, request)),
  );
}

/** Whether these statements allow the request. */
export function isAllowed(statements: readonly Statement[], request: AccessRequest): boolean {
  const matching = statements.filter((statement) => statementMatches(statement, request));
  if (matching.some((statement) => statement.Effect === 'Deny')) return false;
  return matching.some((statement) => statement.Effect === 'Allow');
}
