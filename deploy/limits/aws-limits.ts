/**
 * The AWS limits a deployment's templates must stay within, each with the page it comes from.
 */

/**
 * CloudFormation quotas (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html):
 * 500 resources, 200 parameters and 200 outputs per template; a template body of 51,200 bytes
 * when passed directly, 1 MB when read from S3. osls uploads the root template to the deployment
 * bucket and passes its TemplateURL, and nested stacks are always read from S3: 1 MB applies.
 */
export const CFN_MAX_RESOURCES = 500;
export const CFN_MAX_PARAMETERS = 200;
export const CFN_MAX_OUTPUTS = 200;
export const CFN_MAX_TEMPLATE_BYTES_S3 = 1_048_576;
export const CFN_MAX_TEMPLATE_BYTES_DIRECT = 51_200;

/**
 * IAM quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): a
 * role's inline policies together at most 10,240 characters, a managed policy 6,144, a role trust
 * policy 2,048 (the default, adjustable to 4,096); IAM does not count white space.
 */
export const IAM_MAX_ROLE_INLINE_CHARACTERS = 10_240;
export const IAM_MAX_MANAGED_POLICY_CHARACTERS = 6_144;
export const IAM_MAX_TRUST_POLICY_CHARACTERS = 2_048;

/** A dashboard body holds 0 to 500 widgets (see deploy/resources/dashboard.ts). */
export const CLOUDWATCH_MAX_DASHBOARD_WIDGETS = 500;

/**
 * An EventBridge event pattern holds at most 2,048 characters (see deploy/resources/rules.ts), and a
 * rule name at most 64 (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html).
 */
export const EVENTBRIDGE_MAX_PATTERN_CHARACTERS = 2_048;
export const EVENTBRIDGE_MAX_RULE_NAME = 64;

/**
 * Policies are sized as IAM stores them, after CloudFormation has filled in the pseudo parameters:
 * with the longest names they can take, so a template that fits here fits in every region. The
 * longest region codes have 14 characters (ap-southeast-5, ap-northeast-3, ...); the longest
 * partition is aws-us-gov.
 */
export const LONGEST_PSEUDO_PARAMETERS: Readonly<Record<string, string>> = {
  'AWS::Region': 'ap-southeast-5',
  'AWS::Partition': 'aws-us-gov',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'x'.repeat(128),
};
