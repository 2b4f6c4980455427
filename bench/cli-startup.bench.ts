/**
 * CLI start-up (`node bin/run-ts.mjs bench/cli-startup.bench.ts [--rounds 15] [--base d4cf1c7]`):
 * `scaler --help` against a bare `node -e 0` on this machine (goal: at most 5x), and the same
 * command in the base tree, which compiled its TypeScript through tsx at every start. The three
 * alternate round by round; figures are medians of wall time.
 */
import { join } from 'node:path';
import { compiledCli } from '../bin/compiled-cli.mjs';
import { buildCli } from '../scripts/build-cli.mjs';
import { renderTable } from '../shared/cli/table.ts';
import {
  alternate,
  DEFAULT_BASE,
  extractTree,
  flag,
  median,
  ROOT,
  scratch,
} from './support/baseline-tree.ts';

const rounds = Number(flag('rounds', '15'));
const base = flag('base', DEFAULT_BASE);
const baseTree = extractTree(base, join(scratch('scaler-cli-startup-'), 'base'));
if (!compiledCli().entry) await buildCli({ quiet: true });

const runs = alternate(rounds, {
  'node -e 0': { command: process.execPath, args: ['-e', '0'], cwd: ROOT },
  'scaler --help': { command: process.execPath, args: [join(ROOT, 'bin/scaler.mjs'), '--help'], cwd: ROOT },
  [`scaler --help at ${base}`]: {
    command: process.execPath,
    args: [join(baseTree, 'bin/scaler.mjs'), '--help'],
    cwd: baseTree,
  },
});
const node = median(runs['node -e 0']?.ms ?? []);
console.log(`CLI start-up, ${rounds} rounds alternating (wall time, medians)`);
console.log(
  renderTable(
    ['command', 'ms', 'x node -e 0'],
    Object.entries(runs).map(([name, { ms }]) => [
      name,
      median(ms).toFixed(0),
      (median(ms) / node).toFixed(2),
    ]),
  ),
);
const ratio = median(runs['scaler --help']?.ms ?? []) / node;
console.log(
  `goal: scaler --help at most 5x node -e 0 -> ${ratio <= 5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x)`,
);
