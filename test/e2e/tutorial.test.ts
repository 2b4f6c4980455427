/**
 * docs/tutorial.md, run: every ```sh tutorial block in order, in a private workspace that looks
 * like a checkout (symlinks to the repository, so nothing is written into it), and every output
 * the doc shows compared with what the run printed, after masking what varies from run to run
 * (test/support/tutorial-doc.ts: today's instants, clock times, ports, durations). A block that
 * prints something the doc does not show fails too, so the doc cannot drift from the commands.
 *
 * - `sh tutorial` blocks run one after the other in one bash (`set -e`): exports and shell
 *   functions carry over, as in the reader's terminal.
 * - `sh tutorial local` blocks are the second terminal: `scaler local`, until Ctrl-C. The output
 *   compared is what it printed up to "Running until Ctrl-C."; the next such block (or the end)
 *   stops it with SIGINT first, as the tutorial tells the reader to.
 * - `npx scaler` runs the checkout's bin/scaler.mjs (an `npx` on the workspace's PATH does
 *   `exec node bin/scaler.mjs`, as npx does in the checkout, without its second of start-up);
 *   any other `npx` is the real one. `aws` is Debian's CLI 2.9, with no profile of the machine.
 *
 * `TUTORIAL_UPDATE=1 npx vitest run test/e2e/tutorial.test.ts` writes the outputs of the run into
 * the doc instead of comparing (after a change to a command's output: review the diff).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AWS_CLI,
  awsCliEnv,
  LOCAL_RUNNING,
  type RunningLocal,
  startScalerLocal,
} from '../support/scaler-local.ts';
import { normalizeOutput, tutorialSteps, withOutputs } from '../support/tutorial-doc.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const DOC = join(ROOT, 'docs/tutorial.md');
const UPDATE = process.env.TUTORIAL_UPDATE === '1';
/** What the commands read from the checkout (linked), and the files osls wants as regular files. */
const LINKED = [
  'node_modules',
  'bin',
  'dist',
  'shared',
  'functions',
  'deploy',
  'docs',
  'events',
  'traces',
  'tsconfig.json',
];
const COPIED = ['serverless.yml', 'package.json'];
/** One block may wait for a decision of the local stack; none should take longer than this. */
const STEP_TIMEOUT_MS = 150_000;

const workspace = mkdtempSync(join(tmpdir(), 'scaler-tutorial-'));
let shell: ChildProcess | undefined;
let local: RunningLocal | undefined;

function prepareWorkspace(): NodeJS.ProcessEnv {
  for (const name of LINKED) symlinkSync(join(ROOT, name), join(workspace, name));
  for (const name of COPIED) copyFileSync(join(ROOT, name), join(workspace, name));
  const bin = join(workspace, '.tutorial-bin');
  mkdirSync(bin);
  mkdirSync(join(workspace, '.tutorial-steps'));
  const realNpx = execFileSync('sh', ['-c', 'command -v npx'], { encoding: 'utf8' }).trim();
  writeFileSync(
    join(bin, 'npx'),
    [
      '#!/bin/sh',
      `if [ "$1" = scaler ]; then shift; exec '${process.execPath}' '${join(ROOT, 'bin/scaler.mjs')}' "$@"; fi`,
      `exec '${realNpx}' "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'npx'), 0o755);
  // The reader's shell has no AWS keys of its own until it sources what `scaler local` wrote.
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, ...machine } = awsCliEnv;
  return {
    ...machine,
    PATH: `${bin}:${awsCliEnv.PATH}`,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    // The SDK's notice that its 2027 releases need Node 22 (Lambda runs 24; this machine 20).
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** The main terminal: one bash for all `sh tutorial` blocks; each block's output goes to a file. */
function mainShell(env: NodeJS.ProcessEnv): (script: string, index: number) => Promise<string> {
  const bash = spawn('bash', ['--noprofile', '--norc'], {
    cwd: workspace,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  shell = bash;
  let said = '';
  bash.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    said += chunk;
  });
  bash.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    said += chunk;
  });
  bash.stdin.write('set -e\n');
  return async (script, index) => {
    const file = join('.tutorial-steps', `${index}.sh`);
    const out = join(workspace, '.tutorial-steps', `${index}.out`);
    writeFileSync(join(workspace, file), script);
    const marker = `::step ${index} done::`;
    said = '';
    bash.stdin.write(`. ./${file} > ./.tutorial-steps/${index}.out 2>&1; echo '${marker}'\n`);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out after ${STEP_TIMEOUT_MS / 1000} s`)),
        STEP_TIMEOUT_MS,
      );
      const poll = setInterval(() => {
        if (said.includes(marker)) finish(resolve);
      }, 100);
      const onExit = (code: number | null) =>
        finish(() =>
          reject(
            new Error(
              `a command failed (the shell exited ${code}, set -e):\n${readFileSync(out, 'utf8')}${said}`,
            ),
          ),
        );
      bash.once('exit', onExit);
      function finish(then: () => void) {
        clearTimeout(timer);
        clearInterval(poll);
        bash.off('exit', onExit);
        then();
      }
    });
    return readFileSync(out, 'utf8');
  };
}

afterAll(async () => {
  await local?.stop();
  if (shell && shell.exitCode === null) {
    const exited = once(shell, 'exit');
    shell.stdin?.end('exit\n');
    await exited;
  }
  rmSync(workspace, { recursive: true, force: true });
});

describe('docs/tutorial.md', () => {
  it('runs every command of the tutorial and prints what the tutorial shows', {
    timeout: 600_000,
  }, async () => {
    expect(existsSync(AWS_CLI), `${AWS_CLI} is missing: apt-get install -y awscli (.ci/run does)`).toBe(true);
    const doc = readFileSync(DOC, 'utf8');
    const steps = tutorialSteps(doc);
    expect(steps.length).toBeGreaterThan(10);
    const env = prepareWorkspace();
    const run = mainShell(env);
    const outputs: string[] = [];
    const seconds: string[] = [];
    for (const [index, step] of steps.entries()) {
      const started = performance.now();
      let output: string;
      if (step.shell === 'local') {
        await local?.stop();
        local = await startScalerLocal('bash', ['-c', step.script], { cwd: workspace, env });
        const printed = local.output();
        output = printed.slice(0, printed.indexOf(LOCAL_RUNNING) + LOCAL_RUNNING.length);
      } else {
        output = await run(step.script, index);
      }
      outputs.push(output);
      seconds.push(`line ${step.line}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      if (!UPDATE) {
        expect(normalizeOutput(output), `docs/tutorial.md line ${step.line}: ${step.script.trim()}`).toBe(
          normalizeOutput(step.shown ?? ''),
        );
      }
    }
    console.log(`tutorial steps: ${seconds.join(', ')}`);
    // Stopped with Ctrl-C, `scaler local` removes the environment file it wrote.
    await local?.stop();
    expect(existsSync(join(workspace, 'tutorial/local.env'))).toBe(false);
    if (UPDATE) writeFileSync(DOC, withOutputs(doc, steps, outputs));
  });
});
