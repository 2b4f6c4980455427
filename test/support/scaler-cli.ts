/**
 * Running the `scaler` command as a user does (`bin/scaler.mjs`, from the repository root) and
 * collecting what it printed, without blocking the test's event loop (an emulator the command
 * talks to may run in the same process).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = new URL('../../', import.meta.url).pathname;

/** What one run printed, and its exit code. */
export interface ScalerRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `scaler ...args`, with `env` laid over this process's environment. */
export function runScaler(args: readonly string[], env: Record<string, string> = {}): Promise<ScalerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/scaler.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
