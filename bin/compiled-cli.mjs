// Where the compiled `scaler` CLI is (dist/cli, built by scripts/build-cli.mjs at `npm ci`), and
// whether it is still the TypeScript in the tree: its build record lists every source it was
// compiled from, and a source changed since (or gone) makes it stale. Checking costs one stat per
// source (about 150, a millisecond or two), far less than compiling them.
import { readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the build writes the CLI (`SCALER_CLI_DIST` moves it: tests use that to see the fallback). */
export const DIST = process.env.SCALER_CLI_DIST ?? join(ROOT, 'dist', 'cli');
/** The build record: `{ builtAt, sources }`, sources relative to the root. */
export const RECORD = 'build.json';
/** The compiled entry point, beside the record. */
export const ENTRY = 'main.mjs';

/**
 * The compiled entry's path when it is there and current, else why not (`missing` or
 * `stale: <source>`).
 */
export function compiledCli(dist = DIST, root = ROOT) {
  let record;
  try {
    record = JSON.parse(readFileSync(join(dist, RECORD), 'utf8'));
  } catch {
    return { reason: 'missing' };
  }
  // Plain concatenation: path.join's normalising was a tenth of `scaler --help`.
  const prefix = root.endsWith(sep) ? root : root + sep;
  for (const source of record.sources) {
    let modified;
    try {
      modified = statSync(prefix + source).mtimeMs;
    } catch {
      return { reason: `stale: ${source} is gone` };
    }
    if (modified > record.builtAt) return { reason: `stale: ${source} changed` };
  }
  return { entry: join(dist, ENTRY) };
}
