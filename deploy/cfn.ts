/**
 * The few CloudFormation shapes and intrinsic functions the template builders need: plain JSON,
 * so every builder is a pure function a unit test can call without the serverless CLI.
 */
import { createHash } from 'node:crypto';

/** Any JSON value a template may hold (intrinsics are plain objects too). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One entry of a template's `Resources`. */
export interface CfnResource {
  Type: string;
  Properties?: { [key: string]: Json };
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: 'Retain' | 'Delete' | 'Snapshot' | 'RetainExceptOnCreate';
  UpdateReplacePolicy?: 'Retain' | 'Delete' | 'Snapshot';
}

export type Resources = Record<string, CfnResource>;
export type Outputs = Record<string, { Description?: string; Value: Json; Condition?: string }>;
export type Conditions = Record<string, Json>;

/** What `resources:` in serverless.yml receives. */
export interface TemplateFragment {
  Resources: Resources;
  Outputs: Outputs;
  Conditions: Conditions;
}

export const ref = (logicalId: string): Json => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute: string): Json => ({
  'Fn::GetAtt': [logicalId, attribute],
});
export const join = (parts: Json[]): Json => ({ 'Fn::Join': ['', parts] });

/**
 * `arn:<partition>:<service>:<region>:<account>:<resource>` of this stack's account and region.
 * The resource goes in as a Fn::Sub *variable*: names from scaling.yml are data, never parsed
 * for `${}`.
 */
export function stackArn(service: string, resource: string): Json {
  return {
    'Fn::Sub': [
      `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:\${Resource}`,
      { Resource: resource },
    ],
  };
}

/**
 * A CloudFormation logical id (alphanumeric, at most 255 characters) for a name from scaling.yml:
 * its letters and digits in PascalCase, plus a short hash of the exact name, so `a-b` and `ab`
 * never collide and a rename always means a new resource.
 */
export function logicalId(prefix: string, name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  const pascal = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${prefix}${pascal}`.slice(0, 200) + hash.toUpperCase();
}

/** One IAM policy statement. */
export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  /** Absent only in trust policies. */
  Resource?: Json;
  Principal?: Json;
  Condition?: Json;
}

/** A policy document. */
export function policyDocument(statements: Statement[]): Json {
  return { Version: '2012-10-17', Statement: statements as unknown as Json[] };
}
