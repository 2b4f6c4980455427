/**
 * vitest global setup: compiles the CLI when a source changed since the last build, so the tests
 * that spawn bin/scaler.mjs run what the tree holds, compiled as `npm ci` compiles it.
 */
import { compiledCli } from '../../bin/compiled-cli.mjs';
import { buildCli } from '../../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  if (!compiledCli().entry) await buildCli({ quiet: true });
}
