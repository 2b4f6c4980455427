/**
 * The AWS limits, measured the way the deploy tests see a template: independently of
 * deploy/limits (which `serverless package` runs), so a mistake there cannot hide here.
 */
import { expect } from 'vitest';
import type { Json } from '../../deploy/cfn.ts';
import { ofType, render, type Template } from './template.ts';

/** Pseudo parameters at their longest (14-character region codes, the aws-us-gov partition). */
const LONGEST = {
  'AWS::Region': 'ap-southeast-5',
  'AWS::Partition': 'aws-us-gov',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com',
};
/** What a `<Id.Arn>` placeholder stands for, at its longest plausible length. */
const LONG_ARN = `arn:aws-us-gov:service:ap-southeast-5:123456789012:resource/${'x'.repeat(64)}`;

/** A policy document's size as IAM counts it: rendered, white space excluded. */
export function iamCharacters(document: Json | undefined): number {
  const rendered = (value: Json | undefined): Json => {
    if (value === null || value === undefined || typeof value !== 'object') return value ?? null;
    if (Array.isArray(value)) return value.map(rendered);
    const keys = Object.keys(value);
    if (keys.length === 1 && /^(Ref|Fn::)/.test(keys[0] ?? ''))
      return render(value, LONGEST)
        .replace(/<[A-Za-z0-9]+\.Arn>/g, LONG_ARN)
        .replace(/<[A-Za-z0-9]+>/g, 'x'.repeat(64));
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rendered(inner)]));
  };
  return JSON.stringify(rendered(document)).replace(/\s/g, '').length;
}

/** Asserts every limit the deploy tests promise, for one template. */
export function expectWithinLimits(name: string, template: Template): void {
  const resources = Object.keys(template.Resources).length;
  expect(resources, `${name}: resources`).toBeLessThanOrEqual(500);
  expect(Buffer.byteLength(JSON.stringify(template)), `${name}: template bytes`).toBeLessThanOrEqual(
    1_048_576,
  );
  expect(Object.keys(template.Parameters ?? {}).length, `${name}: parameters`).toBeLessThanOrEqual(200);
  expect(Object.keys(template.Outputs ?? {}).length, `${name}: outputs`).toBeLessThanOrEqual(200);
  for (const [id, role] of ofType(template, 'AWS::IAM::Role')) {
    const policies = (role.Properties?.Policies ?? []) as { PolicyDocument: Json }[];
    const inline = policies.reduce((sum, policy) => sum + iamCharacters(policy.PolicyDocument), 0);
    expect(inline, `${name}: ${id} inline policies`).toBeLessThanOrEqual(10_240);
  }
  for (const [id, policy] of ofType(template, 'AWS::IAM::ManagedPolicy')) {
    expect(iamCharacters(policy.Properties?.PolicyDocument), `${name}: ${id}`).toBeLessThanOrEqual(6_144);
  }
  for (const [id, dashboard] of ofType(template, 'AWS::CloudWatch::Dashboard')) {
    const body = JSON.parse(render(dashboard.Properties?.DashboardBody, LONGEST)) as { widgets: unknown[] };
    expect(body.widgets.length, `${name}: ${id} widgets`).toBeLessThanOrEqual(500);
  }
  for (const [id, rule] of ofType(template, 'AWS::Events::Rule')) {
    const pattern = rule.Properties?.EventPattern;
    if (pattern !== undefined)
      expect(JSON.stringify(pattern).length, `${name}: ${id} pattern`).toBeLessThanOrEqual(2_048);
  }
}
