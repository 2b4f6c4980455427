#!/usr/bin/env node
// The `scaler` command. It runs the CLI compiled ahead of time (dist/cli, built at `npm ci` by
// scripts/build-cli.mjs), so no TypeScript is compiled at start. When that build is missing or
// older than the sources, it runs the TypeScript through tsx instead (slower) and says so.
import { pathToFileURL } from 'node:url';
import './node-warnings.mjs';
import { compiledCli } from './compiled-cli.mjs';

const compiled = compiledCli();
if (compiled.entry) {
  await import(pathToFileURL(compiled.entry).href);
} else {
  process.stderr.write(
    `scaler: the compiled CLI is ${compiled.reason}; running the TypeScript (slower). \`npm run build\` compiles it.\n`,
  );
  const { register } = await import('tsx/esm/api');
  register();
  await import('../shared/cli/main.ts');
}
