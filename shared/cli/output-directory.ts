/**
 * The directory a command writes its report into (`--out DIR`), made ready before the command
 * does its work: a directory that cannot be created or written stops the command at once with a
 * plain message, instead of a raw stack after a long simulation or tune.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT_USAGE } from '../operate/failures.ts';
import { CliError } from './errors.ts';

/**
 * Creates `path` and its missing parents one level at a time, as `mkdir -p` does. Not Node's
 * recursive mkdir: on Linux that never returns for a path under /proc (procfs answers ENOENT for
 * a child it cannot hold, and Node 20 retries the parent forever); here that ENOENT is thrown.
 *
 * @throws the file system's error, or an Error when `path` exists and is not a directory.
 */
export function makeDirectory(path: string): void {
  const missing: string[] = [];
  for (let dir = resolve(path); !existsSync(dir) && dirname(dir) !== dir; dir = dirname(dir)) {
    missing.push(dir);
  }
  for (const dir of missing.reverse()) mkdirSync(dir);
  if (!statSync(path).isDirectory()) throw new Error('it exists and is not a directory');
}

/**
 * Makes `path` ready for `option`'s output: created (with its parents) and writable.
 *
 * @throws {CliError} exit 2 (bad usage or input), naming the option, the path and why.
 */
export function prepareOutputDirectory(path: string, option = '--out'): void {
  try {
    makeDirectory(path);
    accessSync(path, constants.W_OK);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`${option} ${path}: cannot write the output there (${reason})`, EXIT_USAGE, {
      cause: error,
    });
  }
}
