#!/usr/bin/env node
// Compiles the `scaler` CLI ahead of time: esbuild bundles shared/cli/main.ts into dist/cli
// (main.mjs, the simulation pool's worker entry and the chunks they load), so `scaler` starts
// without compiling TypeScript.
// `npm ci` runs it (package.json "prepare"), `npm test` makes sure it is current (vitest's global
// setup), and `npm run build` runs it by hand. `--if-stale` builds only when a source changed.
//
// What it bundles: our code and the small pure-JS packages every command needs at start
// (commander, yaml, zod, cli-progress). What it leaves to node_modules: the AWS SDK, Powertools,
// middy and DynamoDB Local. Those sit behind dynamic imports in the commands that use them, so
// they load only when such a command runs; `scaler --help` never reads them.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compiledCli, DIST, ENTRY, RECORD, ROOT } from '../bin/compiled-cli.mjs';

/** Packages compiled into the CLI; every other package is imported from node_modules at run time. */
const BUNDLED = new Set(['commander', 'yaml', 'zod', 'cli-progress']);

/** The package a bare import names (`zod/mini` -> `zod`, `@aws-sdk/x/y` -> `@aws-sdk/x`). */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** esbuild plugin: imports of packages outside {@link BUNDLED} stay imports. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      return BUNDLED.has(packageOf(args.path)) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * Builds dist/cli. It writes into a fresh directory and swaps it in, so a `scaler` started
 * meanwhile sees the old build, the new one, or none (and then runs the TypeScript), never half
 * of one. Returns false when esbuild is not installed (an install without dev dependencies).
 */
export async function buildCli({ dist = DIST, quiet = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    if (!quiet)
      console.warn('build-cli: esbuild is not installed; `scaler` will run the TypeScript through tsx.');
    return false;
  }
  const builtAt = Date.now();
  const staging = `${dist}.${process.pid}.new`;
  rmSync(staging, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    // The simulation pool's worker threads load their own entry (shared/sim/parallel).
    entryPoints: {
      main: 'shared/cli/main.ts',
      'simulation-worker': 'shared/sim/parallel/simulation-worker.ts',
    },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
    plugins: [externalPackages],
    // The bundled CommonJS packages (commander, cli-progress) call require() for Node's modules.
    banner: {
      js: "import { createRequire as __scalerCreateRequire } from 'node:module'; const require = __scalerCreateRequire(import.meta.url);",
    },
  });
  const sources = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes('node_modules/'))
    .map((input) => relative(ROOT, join(ROOT, input)));
  writeFileSync(join(staging, RECORD), `${JSON.stringify({ builtAt, sources }, null, 1)}\n`);
  swapIn(staging, dist);
  if (!quiet) console.log(`build-cli: ${relative(ROOT, join(dist, ENTRY))} from ${sources.length} sources`);
  return true;
}

function swapIn(staging, dist) {
  mkdirSync(join(dist, '..'), { recursive: true });
  const retired = `${dist}.${process.pid}.old`;
  if (existsSync(dist)) renameSync(dist, retired);
  try {
    renameSync(staging, dist);
  } catch {
    // Another build swapped its own in first: it is as current as this one.
    rmSync(staging, { recursive: true, force: true });
  }
  rmSync(retired, { recursive: true, force: true });
}

const invokedDirectly =
  process.argv[1] && relative(process.argv[1], new URL(import.meta.url).pathname) === '';
if (invokedDirectly) {
  const ifStale = process.argv.includes('--if-stale');
  if (!ifStale || !compiledCli().entry) await buildCli();
}
