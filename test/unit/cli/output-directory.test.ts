import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../../shared/cli/errors.ts';
import { makeDirectory, prepareOutputDirectory } from '../../../shared/cli/output-directory.ts';

const work = mkdtempSync(join(tmpdir(), 'scaler-out-dir-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = join(work, 'a-file');
writeFileSync(file, 'x');

describe('makeDirectory', () => {
  it('creates the directory and its missing parents, and accepts one that exists', () => {
    const nested = join(work, 'a', 'b', 'c');
    makeDirectory(nested);
    expect(statSync(nested).isDirectory()).toBe(true);
    expect(() => makeDirectory(nested)).not.toThrow();
  });

  it('refuses a path that is a file, or lies under one', () => {
    expect(() => makeDirectory(file)).toThrow('it exists and is not a directory');
    expect(() => makeDirectory(join(file, 'below'))).toThrow(/ENOTDIR/);
  });

  // Node 20's recursive mkdir never returns for such a path (procfs answers ENOENT).
  it.runIf(existsSync('/proc/self'))('throws for a path under /proc instead of looping', () => {
    expect(() => makeDirectory('/proc/scaler-nowhere/out')).toThrow(/ENOENT/);
  });
});

describe('prepareOutputDirectory', () => {
  it('names the option, the path and the reason, with exit 2', () => {
    const refused = (() => {
      try {
        prepareOutputDirectory(file, '--out');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(CliError);
    expect((refused as CliError).exitCode).toBe(2);
    expect((refused as CliError).message).toBe(
      `--out ${file}: cannot write the output there (it exists and is not a directory)`,
    );
  });

  it('leaves a usable directory', () => {
    const out = join(work, 'report');
    prepareOutputDirectory(out);
    expect(statSync(out).isDirectory()).toBe(true);
  });
});
