import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatIssue } from '../../config/index.ts';
import { EXIT_FAILURE } from '../../operate/failures.ts';
import { noteLines, removalCommands, renderImportYaml } from '../../operate/import-output.ts';
import { toJsonText } from '../../operate/json.ts';
import { planImport } from '../../usecases/operate/import-native.ts';
import { CliError } from '../errors.ts';
import { type OperateDeps, runWithClients } from './operate-support.ts';

interface ImportOptions {
  endpoint: string;
  variant?: string;
  region?: string;
  out?: string;
  force?: boolean;
  adoptAlarms?: boolean;
  mode: string;
  json?: boolean;
}

/** `scaler import`: native AAS configuration of an endpoint to scaling.yml, plus the clean-up commands. */
export function registerImport(program: Command, deps: OperateDeps): void {
  program
    .command('import')
    .description("write the scaling.yml equivalent to an endpoint's native Application Auto Scaling setup")
    .requiredOption('--endpoint <name>', 'SageMaker endpoint name')
    .option('--variant <name>', 'one variant (default: every variant registered with AAS)')
    .option('--region <region>', 'AWS region (default: AWS_REGION or your profile)')
    .option('--out <file>', 'write scaling.yml there (default: print it)')
    .option('--force', 'overwrite --out if it exists')
    .option(
      '--adopt-alarms',
      "add an alarm: block from each alarm's definition, so the scaler creates and owns it",
    )
    .option('--mode <mode>', 'mode of the imported targets: active, or shadow to compare first', 'active')
    .option('--json', 'print the result as JSON (yaml, notes, removal commands)')
    .action(async (options: ImportOptions) => {
      if (options.mode !== 'active' && options.mode !== 'shadow') {
        throw new CliError(`--mode expects active or shadow, found '${options.mode}'`, 2);
      }
      const mode = options.mode;
      if (options.out && existsSync(options.out) && !options.force) {
        throw new CliError(`${options.out} exists: pass --force to overwrite it, or choose another --out`, 2);
      }
      // Loaded when the command runs, not at start: it pulls in the AWS SDK (`scaler --help` stays fast).
      const { resolvedRegion } = await import('../../operate/clients.ts');
      await runWithClients(deps, options, async (context) => {
        const native = await context.native.read(options.endpoint, options.variant);
        const plan = planImport(native, { adoptAlarms: options.adoptAlarms === true, mode });
        const region = options.region ?? (await resolvedRegion(context.clients));
        const yaml = renderImportYaml(plan, { endpointName: options.endpoint, region, at: deps.now() });
        if (!plan.validation.ok) {
          const issues = plan.validation.issues.map(formatIssue).join('\n');
          throw new CliError(
            `the imported configuration does not pass validation:\n${issues}\n\n${yaml}`,
            EXIT_FAILURE,
          );
        }
        const commands = removalCommands(plan.removals, region);
        if (options.out) writeFileSync(options.out, yaml);
        if (options.json) {
          deps.write(`${toJsonText({ yaml, notes: plan.notes, removalCommands: commands })}\n`);
        } else if (options.out) {
          deps.write(`${report(options.out, plan.notes, commands)}\n`);
        } else {
          // The report as comments after the file, so that stdout stays a valid scaling.yml.
          // The notes already head the file.
          const comments = report(undefined, [], commands)
            .split('\n')
            .map((line) => `# ${line}`.trimEnd());
          deps.write(`${yaml}\n${comments.join('\n')}\n`);
        }
      });
    });
}

function report(
  out: string | undefined,
  notes: Parameters<typeof noteLines>[0],
  commands: readonly string[],
): string {
  const lines = [
    ...(out ? [`wrote ${out} (passes scaler validate)`, ''] : []),
    ...noteLines(notes),
    ...(notes.length > 0 ? [''] : []),
    commands.length > 0
      ? 'Once the scaler is deployed, remove the native policies and scheduled actions it replaces (not run by scaler import):'
      : 'No native step policy or scheduled action to remove.',
    ...commands.map((command) => `  ${command}`),
  ];
  return lines.join('\n');
}
