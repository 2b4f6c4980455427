/**
 * Reading a CloudFormation template in tests: resources by type, and the intrinsic functions the
 * builders emit (Ref of pseudo parameters, Fn::Sub, Fn::Join) rendered for a fake account.
 */
import type { CfnResource, Json, Statement } from '../../deploy/cfn.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

export interface Template {
  Parameters?: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, unknown>;
  Conditions?: Record<string, Json>;
}

const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
};

/**
 * A value with its pseudo parameters filled in (`pseudo`, default this test account in eu-west-1);
 * other Refs and GetAtts become `<Id>` / `<Id.Attr>`.
 */
export function render(value: Json | undefined, pseudo: Record<string, string> = PSEUDO): string {
  const again = (inner: Json | undefined) => render(inner, pseudo);
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
  if ('Ref' in value) return pseudo[String(value.Ref)] ?? `<${String(value.Ref)}>`;
  if ('Fn::GetAtt' in value) return `<${(value['Fn::GetAtt'] as string[]).join('.')}>`;
  if ('Fn::Join' in value) {
    const [separator, parts] = value['Fn::Join'] as [string, Json[]];
    return parts.map(again).join(separator);
  }
  if ('Fn::Sub' in value) {
    const sub = value['Fn::Sub'];
    const [text, variables] = (Array.isArray(sub) ? sub : [sub, {}]) as [string, Record<string, Json>];
    return text.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
      name in variables ? again(variables[name]) : (pseudo[name] ?? `<${name}>`),
    );
  }
  return JSON.stringify(value);
}

/** The resources of one type, by logical id. */
export function ofType(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** The one resource with this logical id (fails the test when missing). */
export function resource(template: Template, id: string): CfnResource {
  const found = template.Resources[id];
  if (found === undefined) throw new Error(`no resource ${id} in the template`);
  return found;
}

/** Every statement of every inline policy of a role. */
export function roleStatements(role: CfnResource): Statement[] {
  const policies = (role.Properties?.Policies ?? []) as unknown as {
    PolicyDocument: { Statement: Statement[] };
  }[];
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

/** A statement's actions as a list. */
export function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/** A statement's resources, rendered. */
export function resourcesOf(statement: Statement): string[] {
  const list = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
  return list.map((item) => render(item as Json));
}
