/**
 * Turns a set of resources into a nested stack's template: every Ref or Fn::GetAtt that points
 * outside the set becomes a template parameter, and the parent passes the original expression
 * as that parameter's value. Pseudo parameters (`AWS::Region`, ...) stay as they are: a nested
 * stack has its own.
 */
import type { Json, Resources } from '../cfn.ts';

/** A nested stack's template and the parameter values its parent passes. */
export interface NestedTemplate {
  template: {
    AWSTemplateFormatVersion: string;
    Description: string;
    Parameters: Record<string, Json>;
    Resources: Resources;
  };
  /** Parameter name -> the expression in the parent (a Ref or Fn::GetAtt of a parent resource). */
  parameters: Record<string, Json>;
}

function parameterName(logicalId: string, attribute?: string): string {
  return `${logicalId}${attribute ?? ''}`.replace(/[^A-Za-z0-9]/g, '');
}

/** Builds the template, replacing outside references with parameters. */
export function nestedTemplate(description: string, resources: Resources): NestedTemplate {
  const parameters: Record<string, Json> = {};
  const rewrite = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Ref') {
      const id = String(value.Ref);
      if (id.startsWith('AWS::') || id in resources) return value;
      const name = parameterName(id);
      parameters[name] = value;
      return { Ref: name };
    }
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const [id = '', attribute = ''] = value['Fn::GetAtt'] as string[];
      if (id in resources) return value;
      const name = parameterName(id, attribute);
      parameters[name] = value;
      return { Ref: name };
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewrite(inner)]));
  };
  const rewritten = rewrite(resources as unknown as Json) as unknown as Resources;
  for (const resource of Object.values(rewritten)) {
    // DependsOn on a parent resource is the parent's business: the nested stack waits for its parameters.
    if (resource.DependsOn !== undefined) {
      const inside = [resource.DependsOn].flat().filter((id) => id in resources);
      if (inside.length === 0) delete resource.DependsOn;
      else resource.DependsOn = inside;
    }
  }
  return {
    template: {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: description,
      Parameters: Object.fromEntries(Object.keys(parameters).map((name) => [name, { Type: 'String' }])),
      Resources: rewritten,
    },
    parameters,
  };
}
