/**
 * What the end-to-end tests that drive `scaler local` from outside share: Debian's AWS CLI by its
 * path, a scrubbed environment for it, and starting a `scaler local` process until it says it runs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** Debian's CLI by its path: a shim earlier on the PATH may be another CLI altogether. */
export const AWS_CLI = '/usr/bin/aws';

/** The line `scaler local` prints once its handlers are running (and Ctrl-C stops it cleanly). */
export const LOCAL_RUNNING = 'Running until Ctrl-C.';

/**
 * The AWS CLI's environment: the local credentials only, no profile or config of the machine's
 * user, no pager, no instance metadata lookups.
 */
export const awsCliEnv: Readonly<Record<string, string>> = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/tmp',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: 'eu-west-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_PAGER: '',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** A `scaler local` process that has printed {@link LOCAL_RUNNING}. */
export interface RunningLocal {
  process: ChildProcess;
  /** Everything it printed so far (stdout and stderr, in arrival order); grows while it runs. */
  output(): string;
  /** The emulator's endpoint, from the line it printed. */
  emulatorEndpoint: string;
  /** Ctrl-C, then waits for it to exit (DynamoDB Local stops with it). */
  stop(): Promise<void>;
}

/**
 * Spawns `command args` (a `scaler local`, directly or through a shell) and resolves once it has
 * printed {@link LOCAL_RUNNING}; rejects if it exits first, with what it printed.
 */
export async function startScalerLocal(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<RunningLocal> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const take = (chunk: string) => {
      output += chunk;
      if (output.includes(LOCAL_RUNNING)) resolve();
    };
    child.stdout?.setEncoding('utf8').on('data', take);
    child.stderr?.setEncoding('utf8').on('data', take);
    child.once('exit', (code) =>
      reject(new Error(`scaler local exited (${code}) before it ran:\n${output}`)),
    );
  });
  return {
    process: child,
    output: () => output,
    emulatorEndpoint: /^AWS emulator .*: (http:\S+)$/m.exec(output)?.[1] ?? '',
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      await exited;
    },
  };
}
