/**
 * Checks one CloudFormation template against the limits of deploy/limits/aws-limits.ts and says,
 * for each one broken, what limit, by how much, and what to change. Pure: the packaging plugin
 * runs it on the templates `serverless package` wrote, the tests on the same files.
 */
import type { CfnResource, Json } from '../cfn.ts';
import {
  CFN_MAX_OUTPUTS,
  CFN_MAX_PARAMETERS,
  CFN_MAX_RESOURCES,
  CFN_MAX_TEMPLATE_BYTES_S3,
  CLOUDWATCH_MAX_DASHBOARD_WIDGETS,
  EVENTBRIDGE_MAX_PATTERN_CHARACTERS,
  EVENTBRIDGE_MAX_RULE_NAME,
  IAM_MAX_MANAGED_POLICY_CHARACTERS,
  IAM_MAX_ROLE_INLINE_CHARACTERS,
  IAM_MAX_TRUST_POLICY_CHARACTERS,
} from './aws-limits.ts';
import { policyCharacters, renderLongest } from './render-longest.ts';

/** A template as JSON. */
export interface TemplateDocument {
  Resources?: Record<string, CfnResource>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
}

/** One limit a template breaks. */
export interface LimitProblem {
  /** The template (file name) and, when it is about one, the resource. */
  where: string;
  /** What limit, the value found, and what to change. */
  message: string;
}

/** What to suggest when a stack holds too much: set by the caller, who knows the layout. */
export type TooMuchAdvice = (what: string) => string;

/** A resource's size measures, by what the template says. */
export interface TemplateMeasures {
  resources: number;
  bytes: number;
  parameters: number;
  outputs: number;
}

/** The numbers the limits are about. */
export function measureTemplate(template: TemplateDocument): TemplateMeasures {
  return {
    resources: Object.keys(template.Resources ?? {}).length,
    // osls and the nested-stack upload both store the compact JSON.
    bytes: Buffer.byteLength(JSON.stringify(template), 'utf8'),
    parameters: Object.keys(template.Parameters ?? {}).length,
    outputs: Object.keys(template.Outputs ?? {}).length,
  };
}

const over = (found: number, limit: number, unit: string) =>
  `${found.toLocaleString('en-US')} ${unit}, ${(found - limit).toLocaleString('en-US')} over the limit of ${limit.toLocaleString('en-US')}`;

function stackProblems(name: string, template: TemplateDocument, tooMuch: TooMuchAdvice): LimitProblem[] {
  const measures = measureTemplate(template);
  const problems: LimitProblem[] = [];
  const check = (found: number, limit: number, unit: string, what: string) => {
    if (found > limit)
      problems.push({ where: name, message: `${over(found, limit, unit)} ${what}. ${tooMuch(what)}` });
  };
  check(measures.resources, CFN_MAX_RESOURCES, 'resources', 'per CloudFormation stack');
  check(measures.bytes, CFN_MAX_TEMPLATE_BYTES_S3, 'bytes', 'for a template read from S3');
  check(measures.parameters, CFN_MAX_PARAMETERS, 'parameters', 'per template');
  check(measures.outputs, CFN_MAX_OUTPUTS, 'outputs', 'per template');
  return problems;
}

function roleProblems(id: string, properties: Record<string, Json>): string[] {
  const problems: string[] = [];
  const policies = (properties.Policies ?? []) as { PolicyDocument?: Json }[];
  const inline = policies.reduce((sum, policy) => sum + policyCharacters(policy.PolicyDocument), 0);
  if (inline > IAM_MAX_ROLE_INLINE_CHARACTERS) {
    problems.push(
      `role ${id}: inline policies of ${over(inline, IAM_MAX_ROLE_INLINE_CHARACTERS, 'characters')} (white space excluded, longest region and partition). Scope its statements by tag or prefix instead of listing resources.`,
    );
  }
  const trust = policyCharacters(properties.AssumeRolePolicyDocument);
  if (trust > IAM_MAX_TRUST_POLICY_CHARACTERS) {
    problems.push(
      `role ${id}: trust policy of ${over(trust, IAM_MAX_TRUST_POLICY_CHARACTERS, 'characters')}.`,
    );
  }
  return problems;
}

function widgetCount(body: Json | undefined): number {
  const text = renderLongest(body);
  const parsed = JSON.parse(typeof text === 'string' ? text : '{}') as { widgets?: unknown[] };
  return parsed.widgets?.length ?? 0;
}

function resourceProblems(id: string, resource: CfnResource): string[] {
  const properties = resource.Properties ?? {};
  switch (resource.Type) {
    case 'AWS::IAM::Role':
      return roleProblems(id, properties);
    case 'AWS::IAM::ManagedPolicy': {
      const size = policyCharacters(properties.PolicyDocument);
      return size > IAM_MAX_MANAGED_POLICY_CHARACTERS
        ? [`managed policy ${id}: ${over(size, IAM_MAX_MANAGED_POLICY_CHARACTERS, 'characters')}.`]
        : [];
    }
    case 'AWS::CloudWatch::Dashboard': {
      const widgets = widgetCount(properties.DashboardBody);
      return widgets > CLOUDWATCH_MAX_DASHBOARD_WIDGETS
        ? [`dashboard ${id}: ${over(widgets, CLOUDWATCH_MAX_DASHBOARD_WIDGETS, 'widgets')}. Split it.`]
        : [];
    }
    case 'AWS::Events::Rule': {
      const problems: string[] = [];
      if (properties.EventPattern !== undefined) {
        const size = JSON.stringify(properties.EventPattern).length;
        if (size > EVENTBRIDGE_MAX_PATTERN_CHARACTERS)
          problems.push(
            `rule ${id}: event pattern of ${over(size, EVENTBRIDGE_MAX_PATTERN_CHARACTERS, 'characters')}. Split the alarm names over more rules.`,
          );
      }
      const name = typeof properties.Name === 'string' ? properties.Name : '';
      if (name.length > EVENTBRIDGE_MAX_RULE_NAME)
        problems.push(
          `rule ${id}: name '${name}' of ${over(name.length, EVENTBRIDGE_MAX_RULE_NAME, 'characters')}. Use a shorter service or stage name.`,
        );
      return problems;
    }
    default:
      return [];
  }
}

/** Every limit this template breaks (none: an empty list). */
export function templateProblems(
  name: string,
  template: TemplateDocument,
  tooMuch: TooMuchAdvice,
): LimitProblem[] {
  const problems = stackProblems(name, template, tooMuch);
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    for (const message of resourceProblems(id, resource)) problems.push({ where: name, message });
  }
  return problems;
}

/** Thrown at package time when a template would break an AWS limit: nothing is deployed. */
export class DeploymentLimitError extends Error {
  override readonly name = 'DeploymentLimitError';
  readonly problems: LimitProblem[];

  constructor(problems: LimitProblem[]) {
    const count = problems.length === 1 ? 'an AWS limit' : `${problems.length} AWS limits`;
    super(
      `The deployment would break ${count}; packaging stops here, and nothing can be deployed until it fits:\n` +
        problems.map((problem) => `  ${problem.where}: ${problem.message}`).join('\n'),
    );
    this.problems = problems;
  }
}
