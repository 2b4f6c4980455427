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

function contextValue(key: string, request: AccessRequest): string | undefined {
  const tag = /^aws:ResourceTag\/(.+)$/i.exec(key);
  if (tag) return request.resourceTags?.[tag[1] ?? ''];
  throw new Error(`the evaluator knows no value for condition key ${key}`);
}

function conditionHolds(operator: string, key: string, expected: Json, request: AccessRequest): boolean {
  const actual = contextValue(key, request);
  if (actual === undefined) return false;
  const values = list(expected as string | string[]).map((value) => render(value as Json));
  switch (operator) {
    case 'StringEquals':
      return values.includes(actual);
    case 'StringLike':
      return values.some((value) => globMatches(value, actual, false));
    default:
      throw new Error(`the evaluator does not implement the condition operator ${operator}`);
  }
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
