/**
 * The execution roles against the code: each function's role grants exactly the AWS API calls
 * the adapters it wires send (read from their source), so a new call in an adapter fails here
 * instead of with AccessDenied in production, and a call no longer made loses its grant.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildResources } from '../../deploy/build-resources.ts';
import { FORECAST, FUNCTIONS, type FunctionSpec } from '../../deploy/stack.ts';
import { loadConfigFile } from '../../shared/config/index.ts';
import { ROOT } from './serverless-package.ts';
import { actionsOf, resource, roleStatements, type Template } from './template.ts';

const SERVICE_PREFIXES: Record<string, string> = {
  '@aws-sdk/client-sagemaker': 'sagemaker',
  '@aws-sdk/client-cloudwatch': 'cloudwatch',
  '@aws-sdk/client-application-auto-scaling': 'application-autoscaling',
  '@aws-sdk/client-dynamodb': 'dynamodb',
};

/** The document client's commands, by the IAM action that authorizes them. */
const DOCUMENT_COMMANDS: Record<string, string> = {
  BatchGetCommand: 'dynamodb:BatchGetItem',
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
  GetCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  DeleteCommand: 'dynamodb:DeleteItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
};

/** A transaction is authorized item by item (DynamoDB: "Using IAM with transactions"). */
const TRANSACTION_ITEMS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/** Granted on purpose though no adapter sends it (see deploy/resources/iam.ts). */
const EXTRA: Partial<Record<FunctionSpec['key'], string[]>> = {
  // Application Auto Scaling checks a RegisterScalableTarget caller may read the variant's config.
  onSchedule: ['sagemaker:DescribeEndpointConfig'],
};

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The API actions one adapter module sends. */
function actionsSent(adapter: string): string[] {
  const source = read(adapter);
  const actions = new Set<string>();
  for (const match of Array.from(source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g))) {
    const command = match[1] ?? '';
    const from = match[2] ?? '';
    for (const name of command.split(',').map((part) => part.replace(/^\s*type\s+/, '').trim())) {
      if (!name.endsWith('Command') || !new RegExp(`new ${name}\\(`).test(source)) continue;
      if (from === '@aws-sdk/lib-dynamodb') {
        if (name === 'TransactWriteCommand') {
          for (const [item, action] of Object.entries(TRANSACTION_ITEMS)) {
            if (new RegExp(`\\{\\s*${item}:`).test(source)) actions.add(action);
          }
        } else {
          actions.add(DOCUMENT_COMMANDS[name] ?? `unknown:${name}`);
        }
      } else if (SERVICE_PREFIXES[from]) {
        actions.add(`${SERVICE_PREFIXES[from]}:${name.replace(/Command$/, '')}`);
      }
    }
  }
  return [...actions];
}

/** The wiring modules (shared/wiring/*.ts) a function file imports: its runtime, its handler chain. */
function wiringOf(fn: FunctionSpec): string[] {
  return [
    ...read(`functions/${fn.serviceName}.ts`).matchAll(/from '\.\.\/shared\/wiring\/([a-z-]+\.ts)'/g),
  ].map((match) => `shared/wiring/${match[1]}`);
}

/** Adapter modules (shared/adapters/aws/*.ts) a source file imports. */
function adaptersImportedBy(path: string): string[] {
  return [...read(path).matchAll(/from '(?:\.\.\/)+(?:shared\/)?adapters\/aws\/([a-z-]+\.ts)'/g)].map(
    (match) => `shared/adapters/aws/${match[1]}`,
  );
}

/** Every repository module a function's bundle holds: its relative imports, transitively. */
function reachableFrom(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    if (seen.has(path)) continue;
    seen.add(path);
    for (const match of Array.from(read(path).matchAll(/from '(\.{1,2}\/[^']+\.ts)'/g))) {
      queue.push(join(dirname(path), match[1] ?? ''));
    }
  }
  return seen;
}

describe('execution roles against the adapters', () => {
  const build = (path: string) =>
    buildResources(loadConfigFile(path), {
      service: 'sagemaker-scaler',
      stage: 'unit',
      tableName: 't',
      alertEmail: '',
      metricsNamespace: 'SageMakerScaler',
    }) as Template;
  // The forecast function (and its role) exists only with a predictive policy.
  const templates = new Map<FunctionSpec, Template>([
    ...FUNCTIONS.map((fn) => [fn, build('scaling.yml')] as const),
    [FORECAST, build('test/fixtures/config/predictive.yml')],
  ]);
  const common = adaptersImportedBy('shared/wiring/runtime.ts');

  it('finds the adapters every function wires', () => {
    expect(common).toEqual(
      expect.arrayContaining([
        'shared/adapters/aws/dynamodb-state-store.ts',
        'shared/adapters/aws/sagemaker-endpoints.ts',
      ]),
    );
  });

  it('leaves Query out only because no function lists activities (the CLI does)', () => {
    const bundled = reachableFrom([...templates.keys()].map((fn) => `functions/${fn.serviceName}.ts`));
    expect(bundled).toContain('shared/adapters/aws/dynamodb-state-store.ts');
    const callers = [...bundled]
      .filter((path) => !path.startsWith('shared/adapters/'))
      .filter((path) => /\.(listActivities|pageActivities)\(/.test(read(path)));
    expect(callers).toEqual([]);
  });

  it('wires the forecast without the SageMaker adapters: no endpoint client, no endpoint lock', () => {
    expect(wiringOf(FORECAST)).not.toContain('shared/wiring/runtime.ts');
    const wired = [
      ...wiringOf(FORECAST).flatMap(adaptersImportedBy),
      ...adaptersImportedBy('functions/forecast.ts'),
    ];
    expect(wired.sort()).toEqual([
      'shared/adapters/aws/cloudwatch-client.ts',
      'shared/adapters/aws/cloudwatch-load-history.ts',
      'shared/adapters/aws/dynamodb-forecast-store.ts',
      'shared/adapters/aws/dynamodb-state-store.ts',
      // The clients' request timeouts (runtime-base.ts): constants, no call of its own.
      'shared/adapters/aws/request-timeouts.ts',
    ]);
  });

  for (const [fn, template] of templates) {
    it(`grants ${fn.serviceName} exactly the calls its adapters send`, () => {
      // The adapters its runtime builds (shared/wiring) and the ones its own file adds.
      const wired = [
        ...wiringOf(fn).flatMap(adaptersImportedBy),
        ...adaptersImportedBy(`functions/${fn.serviceName}.ts`),
      ];
      // With the adapter modules they build on (a shared DescribeAlarms reader, say).
      const adapters = [...reachableFrom(wired)].filter((path) => path.startsWith('shared/adapters/aws/'));
      const sent = adapters.flatMap(actionsSent).filter((action) => action !== 'dynamodb:Query');
      const expected = [...new Set([...sent, ...(EXTRA[fn.key] ?? [])])].sort();
      const granted = roleStatements(resource(template, fn.roleId))
        .flatMap(actionsOf)
        .filter((action) => Object.values(SERVICE_PREFIXES).some((prefix) => action.startsWith(`${prefix}:`)))
        .sort();
      expect([...new Set(granted)]).toEqual(expected);
    });
  }
});
