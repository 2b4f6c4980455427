/**
 * Renders a template value as AWS will see it, with every name as long as it can be: pseudo
 * parameters at their longest, and a reference to another resource as a 64-character name in an
 * ARN of the longest region and partition. Used to size IAM policies and dashboards.
 */
import type { Json } from '../cfn.ts';
import { LONGEST_PSEUDO_PARAMETERS } from './aws-limits.ts';

const LONG_NAME = 'x'.repeat(64);
const LONG_ARN = `arn:${LONGEST_PSEUDO_PARAMETERS['AWS::Partition']}:service:${LONGEST_PSEUDO_PARAMETERS['AWS::Region']}:${LONGEST_PSEUDO_PARAMETERS['AWS::AccountId']}:resource/${LONG_NAME}`;

function reference(name: string): string {
  return LONGEST_PSEUDO_PARAMETERS[name] ?? LONG_ARN;
}

/** A value with every intrinsic function rendered to its longest plausible text. */
export function renderLongest(value: Json | undefined): Json {
  if (value === undefined || value === null || typeof value !== 'object') return value ?? null;
  if (Array.isArray(value)) return value.map((item) => renderLongest(item));
  const keys = Object.keys(value);
  if (keys.length === 1) {
    if ('Ref' in value) return reference(String(value.Ref));
    if ('Fn::GetAtt' in value) return LONG_ARN;
    if ('Fn::Join' in value) {
      const [separator, parts] = value['Fn::Join'] as [string, Json[]];
      return parts.map((part) => String(renderLongest(part))).join(separator);
    }
    if ('Fn::Sub' in value) {
      const sub = value['Fn::Sub'];
      const [text, variables] = (Array.isArray(sub) ? sub : [sub, {}]) as [string, Record<string, Json>];
      return text.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
        name in variables ? String(renderLongest(variables[name])) : reference(name),
      );
    }
  }
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, renderLongest(inner)]));
}

/** Characters of a policy as IAM counts them: its JSON without any white space. */
export function policyCharacters(document: Json | undefined): number {
  return JSON.stringify(renderLongest(document)).replace(/\s/g, '').length;
}
