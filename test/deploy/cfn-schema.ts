/**
 * Checks a CloudFormation template against the resource schemas of the CloudFormation registry,
 * as the AWS CDK team publishes them in `@aws-cdk/aws-service-spec`: every resource type exists,
 * every property is one its type has, every required property is present, and every value has
 * the shape its type asks for (object, list, map, scalar), down through nested property types.
 *
 * `serverless package` never talks to CloudFormation, so without this a misspelt property would
 * first show up as a failed `serverless deploy`. Values built with intrinsic functions (Ref,
 * Fn::GetAtt, Fn::Sub, ...) are only known at deploy time and are not checked.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

/** The parts of the spec's property types this check reads. */
interface SchemaType {
  type: string;
  element?: SchemaType;
  types?: SchemaType[];
  reference?: { $ref: string };
}

interface SchemaProperty {
  required?: boolean;
  type: SchemaType;
}

type Properties = Record<string, SchemaProperty>;

/** The spec's built-in tag type: `{ Key, Value }`, both required strings. */
const TAG: Properties = {
  Key: { required: true, type: { type: 'string' } },
  Value: { required: true, type: { type: 'string' } },
};

let database: ReturnType<typeof loadAwsServiceSpecSync> | undefined;

/** The spec is a 2.6 MB gzip: load it once per test process. */
function spec(): ReturnType<typeof loadAwsServiceSpecSync> {
  database ??= loadAwsServiceSpecSync();
  return database;
}

function resourceProperties(type: string): Properties | undefined {
  const [resource] = spec().lookup('resource', 'cloudFormationType', 'equals', type);
  return resource?.properties as Properties | undefined;
}

function definitionProperties(id: string): Properties {
  return spec().get('typeDefinition', id).properties as Properties;
}

const INTRINSIC = /^(Ref|Condition|Fn::[A-Za-z]+)$/;

function isIntrinsic(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && INTRINSIC.test(keys[0] ?? '');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** One sentence per problem, `LogicalId.Properties.Path: what is wrong`. Empty when the template conforms. */
export function schemaProblems(template: {
  Resources: Record<string, { Type: string; Properties?: unknown }>;
}): string[] {
  const problems: string[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    // Custom resources take whatever properties their provider reads.
    if (resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource')
      continue;
    const properties = resourceProperties(resource.Type);
    if (properties === undefined)
      problems.push(`${id}: ${resource.Type} is not a CloudFormation resource type`);
    else checkObject(properties, resource.Properties ?? {}, `${id}.Properties`, problems);
  }
  return problems;
}

function checkObject(properties: Properties, value: unknown, path: string, problems: string[]): void {
  if (isIntrinsic(value)) return;
  if (!isObject(value)) {
    problems.push(`${path}: expected an object, found ${describeValue(value)}`);
    return;
  }
  for (const [name, property] of Object.entries(properties)) {
    if (property.required && !(name in value)) problems.push(`${path}.${name}: required, but missing`);
  }
  for (const [name, inner] of Object.entries(value)) {
    const property = properties[name];
    if (property === undefined) {
      problems.push(
        `${path}.${name}: not a property here (known: ${Object.keys(properties).sort().join(', ')})`,
      );
    } else checkValue(property.type, inner, `${path}.${name}`, problems);
  }
}

function checkValue(type: SchemaType, value: unknown, path: string, problems: string[]): void {
  if (isIntrinsic(value)) return;
  const expect = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${path}: expected ${what}, found ${describeValue(value)}`);
  };
  switch (type.type) {
    case 'ref':
      checkObject(definitionProperties(type.reference?.$ref ?? ''), value, path, problems);
      return;
    case 'tag':
      checkObject(TAG, value, path, problems);
      return;
    case 'array':
      expect(Array.isArray(value), 'a list');
      if (Array.isArray(value) && type.element)
        for (const [i, item] of value.entries()) checkValue(type.element, item, `${path}[${i}]`, problems);
      return;
    case 'map':
      expect(isObject(value), 'a map');
      if (isObject(value) && type.element)
        for (const [key, item] of Object.entries(value))
          checkValue(type.element, item, `${path}.${key}`, problems);
      return;
    case 'union': {
      // Accepted when any member accepts it.
      const attempts = (type.types ?? []).map((member) => {
        const found: string[] = [];
        checkValue(member, value, path, found);
        return found;
      });
      if (!attempts.some((found) => found.length === 0)) problems.push(...(attempts[0] ?? []));
      return;
    }
    // CloudFormation converts scalars: "30" is a fine integer and 30 a fine string.
    case 'string':
    case 'date-time':
      expect(['string', 'number', 'boolean'].includes(typeof value), 'a string');
      return;
    case 'integer':
    case 'number':
      expect(
        typeof value === 'number' ||
          (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))),
        'a number',
      );
      return;
    case 'boolean':
      expect(typeof value === 'boolean' || value === 'true' || value === 'false', 'true or false');
      return;
    default:
      // json (a policy document, an event pattern) and null: any value.
      return;
  }
}
