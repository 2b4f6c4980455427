/**
 * A platform team's fleet: the root example's target copied 40 and 1,000 times (renamed), packaged
 * offline by the real `serverless package`. Every template, root and nested, must fit every AWS
 * limit (measured in ./fleet-limits.ts, apart from the check the plugin runs), and what cannot fit
 * anywhere is refused with a clear message.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeployment } from '../../deploy/build-resources.ts';
import type { Json } from '../../deploy/cfn.ts';
import { deploymentProblems } from '../../deploy/limits/check-deployment.ts';
import { DeploymentLimitError } from '../../deploy/limits/check-template.ts';
import { managedAlarmNames } from '../../deploy/resources/alarms.ts';
import { FUNCTIONS, type StackSettings } from '../../deploy/stack.ts';
import { schemaProblems } from './cfn-schema.ts';
import { fleetConfig, fleetDocument, fleetYaml } from './fleet-config.ts';
import { expectWithinLimits } from './fleet-limits.ts';
import { type PackageRun, ROOT, serverlessPackage } from './serverless-package.ts';
import { ofType, render, resource, roleStatements, type Template } from './template.ts';

const CONFIG = 'fleet-scaling.yml';
const settings: StackSettings = {
  service: 'sagemaker-scaler',
  stage: 'test',
  tableName: 'sagemaker-scaler-test',
  alertEmail: '',
  metricsNamespace: 'SageMakerScaler',
};

function templateOf(run: PackageRun): Template {
  if (run.template === undefined)
    throw new Error(`serverless package failed (${run.exitCode}):\n${run.output}`);
  return run.template;
}

function alarmNamesIn(template: Template): string[] {
  return ofType(template, 'AWS::CloudWatch::Alarm')
    .filter(([, alarm]) => alarm.Properties?.AlarmActions === undefined)
    .map(([, alarm]) => String(alarm.Properties?.AlarmName));
}

function patternNamesIn(template: Template): string[] {
  return ofType(template, 'AWS::Events::Rule').flatMap(
    ([, rule]) =>
      (rule.Properties?.EventPattern as { detail?: { alarmName?: string[] } })?.detail?.alarmName ?? [],
  );
}

describe('serverless package with 40 targets', () => {
  let run: PackageRun;
  let template: Template;

  beforeAll(async () => {
    run = await serverlessPackage({ config: CONFIG }, 150_000, { [CONFIG]: fleetYaml(40) });
    template = templateOf(run);
  });

  afterAll(() => {
    if (run) rmSync(run.workspace, { recursive: true, force: true });
  });

  it('fits one stack within every limit, and conforms to the resource schemas', () => {
    expect(run.nested.size).toBe(0);
    expectWithinLimits('root', template);
    expect(alarmNamesIn(template).sort()).toEqual(managedAlarmNames(fleetConfig(40)).sort());
    expect(ofType(template, 'AWS::Scheduler::Schedule')).toHaveLength(80);
    expect(schemaProblems(template)).toEqual([]);
  });

  it('listens to every alarm it created, each in one rule', () => {
    expect(patternNamesIn(template).sort()).toEqual(alarmNamesIn(template).sort());
  });
});

describe('serverless package with 1,000 targets in 32 nested stacks', () => {
  let run: PackageRun;
  let root: Template;
  const expectedAlarms = managedAlarmNames(fleetConfig(1000));

  beforeAll(async () => {
    run = await serverlessPackage({ config: CONFIG, nestedStacks: '32' }, 200_000, {
      [CONFIG]: fleetYaml(1000),
    });
    root = templateOf(run);
  });

  afterAll(() => {
    if (run) rmSync(run.workspace, { recursive: true, force: true });
  });

  it('keeps every template, root and nested, within every limit', () => {
    expect(run.nested.size).toBe(32);
    expectWithinLimits('root', root);
    for (const [name, nested] of run.nested) expectWithinLimits(name, nested);
  });

  it('creates every alarm and schedule once, in the nested stacks only', () => {
    expect(alarmNamesIn(root)).toEqual([]);
    const nested = [...run.nested.values()];
    const alarms = nested.flatMap(alarmNamesIn);
    expect(alarms).toHaveLength(expectedAlarms.length);
    expect(new Set(alarms)).toEqual(new Set(expectedAlarms));
    expect(nested.flatMap((t) => ofType(t, 'AWS::Scheduler::Schedule'))).toHaveLength(2000);
    // Each nested stack listens to exactly the alarms it created.
    for (const template of nested)
      expect(patternNamesIn(template).sort()).toEqual(alarmNamesIn(template).sort());
  });

  it('passes each nested stack exactly its parameters and points it at its uploaded template', () => {
    const functionCode = resource(root, FUNCTIONS[0]?.functionId ?? '').Properties?.Code as { S3Key: string };
    const directory = functionCode.S3Key.replace(/\/[^/]+$/, '');
    for (const [name, nested] of run.nested) {
      const id = `FleetStack${name.replace(/\D/g, '')}`;
      const stack = resource(root, id).Properties ?? {};
      expect(Object.keys(stack.Parameters as object).sort()).toEqual(
        Object.keys(nested.Parameters ?? {}).sort(),
      );
      expect(render(stack.TemplateURL as Json)).toBe(
        `https://s3.eu-west-1.<AWS::URLSuffix>/<ServerlessDeploymentBucket>/${directory}/${name}`,
      );
    }
  });

  it('lets the nested alarm rules, and only rules of this deployment, write the dead-letter queue', () => {
    const policy = resource(root, 'AlarmRuleDeadLetterQueuePolicy').Properties?.PolicyDocument as {
      Statement: { Condition?: { ArnLike?: Record<string, Json> } }[];
    };
    const pattern = render(policy.Statement[0]?.Condition?.ArnLike?.['aws:SourceArn']);
    expect(pattern).toBe('arn:aws:events:eu-west-1:123456789012:rule/sagemaker-scaler-test-alarms-*');
    const names = [...run.nested.values()].flatMap((t) =>
      ofType(t, 'AWS::Events::Rule').map(([, rule]) => String(rule.Properties?.Name)),
    );
    expect(names.length).toBeGreaterThan(32);
    for (const name of names) expect(name).toMatch(/^sagemaker-scaler-test-alarms-\d\d-\d+$/);
  });

  it('conforms to the resource schemas, nested templates included', () => {
    expect(schemaProblems(root)).toEqual([]);
    for (const [name, nested] of run.nested) expect(schemaProblems(nested), name).toEqual([]);
  });

  it('grants the functions the same policies as for 40 targets: nothing grows per target', () => {
    const forty = buildDeployment(fleetConfig(40), settings).root as Template;
    for (const fn of FUNCTIONS) {
      expect(roleStatements(resource(root, fn.roleId))).toEqual(roleStatements(resource(forty, fn.roleId)));
    }
  });
});

describe('a fleet past what one stack holds', () => {
  it('is refused at package time, naming each limit, by how much, and the nestedStacks to set', () => {
    const single = buildDeployment(fleetConfig(1000), settings).root;
    const resources = Object.keys(single.Resources).length;
    const message = new DeploymentLimitError(deploymentProblems(single, [], 0)).message;
    const over = (n: number) => n.toLocaleString('en-US');
    expect(message).toContain(
      `root stack: ${over(resources)} resources, ${over(resources - 500)} over the limit of 500 per CloudFormation stack`,
    );
    expect(message).toMatch(/bytes, [\d,]+ over the limit of 1,048,576 for a template read from S3/);
    // The smallest power of two that leaves about 300 resources a stack.
    let suggested = 1;
    while (resources / suggested > 300) suggested *= 2;
    expect(message).toContain(`--param="nestedStacks=${suggested}"`);
  });

  it('is refused when a nested stack would overflow, suggesting twice as many', () => {
    const { root, nested } = buildDeployment(fleetConfig(1000), { ...settings, nestedStacks: 2 });
    const problems = deploymentProblems(root, nested, 2);
    expect([...new Set(problems.map((problem) => problem.where))]).toEqual([
      'fleet-01.json',
      'fleet-02.json',
    ]);
    expect(problems[0]?.message).toMatch(/resources, [\d,]+ over the limit of 500 per CloudFormation stack/);
    expect(problems[0]?.message).toContain('--param="nestedStacks=4"');
  });
});

describe('a configuration past a limit no split can lift: 11 variants on one endpoint', () => {
  const document = fleetDocument(1);
  const [first] = document.targets;
  const eleven = {
    targets: Array.from({ length: 11 }, (_, i) => ({
      ...first,
      variantName: `Variant${i + 1}`,
      stepPolicies: [],
      scheduledActions: (first?.scheduledActions as unknown[]) ?? [],
    })),
  };
  const expected = "endpoint 'fraud-detector-0001' has 11 variants in this file";
  let run: PackageRun;

  beforeAll(async () => {
    run = await serverlessPackage({ config: CONFIG }, 100_000, { [CONFIG]: JSON.stringify(eleven) });
  });

  afterAll(() => {
    if (run) rmSync(run.workspace, { recursive: true, force: true });
  });

  it('is refused by serverless package, with the limit and what to change', () => {
    expect(run.exitCode).not.toBe(0);
    expect(run.output).toContain(expected);
    expect(run.output).toContain("over SageMaker's limit of 10 production variants per endpoint");
    expect(run.output).toContain('Move the extra variants to another endpoint');
  });

  it('is refused by scaler validate with exit code 1 and the same message', () => {
    const file = join(run.workspace, 'eleven.yml');
    writeFileSync(file, JSON.stringify(eleven));
    const validate = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/scaler.mjs'), 'validate', '--config', file],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    expect(validate.status).toBe(1);
    expect(validate.stdout + validate.stderr).toContain(expected);
  });
});
