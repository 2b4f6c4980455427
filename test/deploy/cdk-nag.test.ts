/**
 * Security scanning of what `serverless package` writes: cdk-nag's AwsSolutions and Serverless
 * packs over the root template of the example scaling.yml (one stack) and over a root with nested
 * stacks (the two-target fixture with a predictive policy on each target, so the forecast function,
 * its role, schedule and queues are scanned too; nestedStacks=2). Every finding must be listed, with its reason,
 * in deploy/nag-suppressions.ts, and every listed suppression must still be needed.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAG_SUPPRESSIONS, suppressionFor } from '../../deploy/nag-suppressions.ts';
import { type NagFinding, nagFindings } from './cdk-nag.ts';
import { type PackageRun, serverlessPackage } from './serverless-package.ts';

const describeFinding = (f: NagFinding) =>
  `${f.rule} on ${f.stack ? `${f.stack}/` : ''}${f.logicalId} (${f.severity})`;

describe('cdk-nag over the packaged templates', () => {
  const runs: PackageRun[] = [];
  const findings: NagFinding[] = [];

  beforeAll(async () => {
    const [single, nested] = await Promise.all([
      serverlessPackage(),
      serverlessPackage({
        config: 'test/fixtures/config/predictive.yml',
        nestedStacks: '2',
        alertEmail: 'ops@example.com',
      }),
    ]);
    for (const run of [single, nested]) {
      runs.push(run);
      if (run.exitCode !== 0) throw new Error(`serverless package failed:\n${run.output}`);
      const nestedFiles = Object.fromEntries(
        [...run.nested.keys()].map((name) => [
          `FleetStack${name.replace(/\D/g, '')}`,
          join(run.directory, name),
        ]),
      );
      findings.push(
        ...nagFindings(join(run.directory, 'cloudformation-template-update-stack.json'), nestedFiles),
      );
    }
    expect(runs[1]?.nested.size).toBeGreaterThan(0);
    expect(Object.keys(runs[1]?.template?.Resources ?? {})).toContain('ForecastLambdaFunction');
  }, 300_000);

  afterAll(() => {
    for (const run of runs) rmSync(run.workspace, { recursive: true, force: true });
  });

  it('leaves no finding unsuppressed, in the root or a nested stack', () => {
    const unsuppressed = findings.filter((f) => suppressionFor(f.rule, f.logicalId) === undefined);
    expect(unsuppressed.map(describeFinding)).toEqual([]);
  });

  it('keeps no suppression that no finding needs, and gives each its reason', () => {
    const used = new Set(findings.map((f) => suppressionFor(f.rule, f.logicalId)));
    for (const entry of NAG_SUPPRESSIONS) {
      expect(used.has(entry), `${entry.rule} is suppressed but nothing reports it`).toBe(true);
      expect(entry.reason.length).toBeGreaterThan(40);
    }
  });

  it('finds nothing on the deployment bucket but its access log (public access blocked, versioned)', () => {
    const rules = new Set(findings.map((f) => f.rule));
    expect([...rules].filter((rule) => /^AwsSolutions-S\d/.test(rule))).toEqual(['AwsSolutions-S1']);
  });
});
