/**
 * Runs cdk-nag's AwsSolutions and Serverless rule packs over packaged CloudFormation templates:
 * aws-cdk-lib's cloudformation-include loads the root template and its nested stacks, cdk-nag 3
 * runs its packs as policy-validation plugins at synthesis, and the validation report lists what
 * they found.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';

/** One finding: which pack and rule, and where. */
export interface NagFinding {
  pack: string;
  rule: string;
  severity: string;
  /** The nested stack's logical id, or '' for the root. */
  stack: string;
  logicalId: string;
}

interface Report {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

const PACKS = new Set(['AwsSolutions', 'Serverless']);

/** The findings for a root template and its nested ones (logical id of the stack -> file). */
export function nagFindings(rootTemplate: string, nested: Record<string, string> = {}): NagFinding[] {
  const outdir = mkdtempSync(join(tmpdir(), 'scaler-nag-'));
  try {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Scaler');
    new CfnInclude(stack, 'Template', {
      templateFile: rootTemplate,
      loadNestedStacks: Object.fromEntries(
        Object.entries(nested).map(([id, templateFile]) => [id, { templateFile }]),
      ),
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    // The synthesis prints the whole report; the findings are read from its file instead.
    const quiet = { error: console.error, log: console.log, warn: console.warn };
    console.error = console.log = console.warn = () => undefined;
    try {
      app.synth();
    } catch (error) {
      // Findings fail the synthesis; anything else is a real error.
      if ((error as { name?: unknown } | null)?.name !== 'ValidationFailed') throw error;
    } finally {
      Object.assign(console, quiet);
    }
    const reportFile = join(outdir, 'validation-report.json');
    if (!existsSync(reportFile)) return [];
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
    return report.pluginReports
      .filter((plugin) => PACKS.has(plugin.pluginName))
      .flatMap((plugin) =>
        plugin.violations.flatMap((violation) =>
          violation.violatingConstructs.map((construct) => {
            // Scaler/Template/<Id>, or Scaler/Template/<NestedStack>.NestedStack/<...>/<Id>
            const parts = construct.constructPath.split('/');
            const nestedPart = parts.find((part) => part.endsWith('.NestedStack'));
            return {
              pack: plugin.pluginName,
              rule: violation.ruleName,
              severity: violation.severity,
              stack: nestedPart?.replace(/\.NestedStack$/, '') ?? '',
              logicalId: parts.at(-1) ?? '',
            };
          }),
        ),
      );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
