/**
 * Runs `serverless package` offline (dummy credentials, nothing reaches AWS), time-boxed, and
 * hands back the exit code, the output and the update template.
 *
 * It runs in a private workspace of symlinks to the repository: serverless-esbuild builds in
 * `<service>/.esbuild` and osls stages artifacts in `<service>/.serverless`, so two packagings of
 * one directory at once (a test run, the bundle benchmark, a developer) would mix their files.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Template } from './template.ts';

/** The repository root, where serverless.yml lives. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What the CLI needs from the repository (test/ for the fixture configurations). */
const LINKED = ['node_modules', 'deploy', 'functions', 'shared', 'scaling.yml', 'test'];
/** Copied, not linked: osls only takes a regular file as the service file. */
const COPIED = ['serverless.yml', 'package.json'];

export interface PackageRun {
  exitCode: number | null;
  output: string;
  /** The private workspace: remove it when done (it holds symlinks only, and the artifacts). */
  workspace: string;
  /** Where the artifacts went. */
  directory: string;
  /** cloudformation-template-update-stack.json, when packaging succeeded. */
  template?: Template;
  /** The nested stacks' templates written beside it (`fleet-NN.json`), by file name. */
  nested: Map<string, Template>;
  /** Wall-clock time of the CLI run. */
  seconds: number;
}

/**
 * `npx serverless package --stage test --package <tmp>` with `--param` values. Killed after
 * `timeoutMs`. The CLI runs with a scrubbed AWS environment: dummy keys, a region, no profile.
 */
export async function serverlessPackage(
  params: Record<string, string> = {},
  timeoutMs = 100_000,
  files: Record<string, string> = {},
): Promise<PackageRun> {
  const workspace = mkdtempSync(join(tmpdir(), 'scaler-package-'));
  for (const name of LINKED) symlinkSync(join(ROOT, name), join(workspace, name));
  for (const name of COPIED) copyFileSync(join(ROOT, name), join(workspace, name));
  // Extra files (a generated scaling.yml, say), written into the workspace itself.
  for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, name), text);
  const started = performance.now();
  const directory = join(workspace, 'artifacts');
  mkdirSync(directory);
  const args = ['serverless', 'package', '--stage', 'test', '--region', 'eu-west-1', '--package', directory];
  for (const [name, value] of Object.entries(params)) args.push(`--param=${name}=${value}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_REGION: 'eu-west-1',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
  };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  delete env.SCALER_CONFIG;
  const child = spawn('npx', args, { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  const templatePath = join(directory, 'cloudformation-template-update-stack.json');
  const run: PackageRun = { exitCode, output, workspace, directory, nested: new Map(), seconds };
  if (exitCode === 0 && existsSync(templatePath)) {
    run.template = JSON.parse(readFileSync(templatePath, 'utf8')) as Template;
    for (const name of readdirSync(directory)
      .filter((file) => /^fleet-\d+\.json$/.test(file))
      .sort()) {
      run.nested.set(name, JSON.parse(readFileSync(join(directory, name), 'utf8')) as Template);
    }
  }
  return run;
}
