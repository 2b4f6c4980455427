import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_CODE_TABLE } from '../../shared/cli/exit-codes.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'scaler-exit-codes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const BAD_CONFIG = join(work, 'bad.yml');
writeFileSync(BAD_CONFIG, 'targets: nope\n');
const BAD_TRACE = join(work, 'bad.csv');
writeFileSync(BAD_TRACE, 'timestamp,requests\nnot-a-time,3\n');
const MISSING = join(work, 'missing');
const NASA = join(ROOT, 'traces/nasa_http_1995_1min.csv');
// A PATH holding node alone: no `java`, so DynamoDB Local cannot start.
const NODE_ONLY = join(work, 'bin');
mkdirSync(NODE_ONLY);
symlinkSync(process.execPath, join(NODE_ONLY, 'node'));

/**
 * No credentials anywhere the SDK's default chain looks (no variables, no files, no instance
 * metadata), a region, and only node on the PATH.
 */
const BARE_ENV = {
  PATH: NODE_ONLY,
  HOME: work,
  AWS_REGION: 'eu-west-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: MISSING,
  AWS_SHARED_CREDENTIALS_FILE: MISSING,
};

async function scaler(args: string[]) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/scaler.mjs'), ...args], {
    cwd: ROOT,
    env: BARE_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout.resume();
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // 'close', not 'exit': the process can exit before its last output is read from the pipe.
  const [code] = await once(child, 'close');
  return { code: code as number | null, stderr };
}

const OK = 0;
const CONFIG = 1;
const USAGE = 2;
const AWS = 3;
const TARGET = 'fraud-detector/AllTraffic';

/**
 * [what it shows, arguments, expected exit code, what the first line of stderr says]. Missing
 * credentials are tried on one command of each kind (status, import, forecast): the operate
 * commands share one path to AWS (test/integration/operate/cli.test.ts covers the rest in process).
 */
const FAILURES: Array<[string, string[], number, RegExp]> = [
  ['--version', ['--version'], OK, /^$/],
  ['no command', [], USAGE, /^Usage: scaler/],
  ['an unknown command', ['simulat'], USAGE, /^error: unknown command 'simulat'/],
  [
    'validate: scaling.yml invalid',
    ['validate', '--config', BAD_CONFIG],
    CONFIG,
    /^targets: expected a list/,
  ],
  ['validate: scaling.yml missing', ['validate', '--config', MISSING], CONFIG, /file not found/],
  ['validate: an unknown flag', ['validate', '--strict'], USAGE, /^error: unknown option '--strict'/],
  [
    'replay: scaling.yml invalid',
    ['replay', '--config', BAD_CONFIG, '--events', MISSING, '--capacity', '2'],
    CONFIG,
    /^targets:/,
  ],
  [
    'replay: no events file',
    ['replay', '--events', MISSING, '--capacity', '2'],
    USAGE,
    /^cannot read events file/,
  ],
  [
    'replay: a malformed number',
    ['replay', '--events', MISSING, '--capacity', 'two'],
    USAGE,
    /^error: option '--capacity/,
  ],
  ['status: scaling.yml invalid', ['status', '--config', BAD_CONFIG], CONFIG, /^targets:/],
  ['status: an unknown target', ['status', 'nope/AllTraffic'], USAGE, /^no target "nope\/AllTraffic"/],
  ['status: no credentials', ['status'], AWS, /^no AWS credentials found/],
  ['history: an unknown target', ['history', 'nope/AllTraffic'], USAGE, /^no target/],
  ['why: a malformed --at', ['why', TARGET, '--at', 'yesterday'], USAGE, /--at expects an ISO-8601 instant/],
  ['pause: no --reason', ['pause', TARGET], USAGE, /^error: required option '--reason <text>'/],
  ['resume: an unknown target', ['resume', 'nope/AllTraffic'], USAGE, /^no target/],
  ['reset-marks: nothing named', ['reset-marks', TARGET], USAGE, /^reset-marks: name what to clear/],
  [
    'import: a bad --mode',
    ['import', '--endpoint', 'e', '--mode', 'live'],
    USAGE,
    /^--mode expects active or shadow/,
  ],
  ['import: no credentials', ['import', '--endpoint', 'fraud-detector'], AWS, /^no AWS credentials found/],
  [
    'simulate: scaling.yml invalid',
    ['simulate', '--config', BAD_CONFIG, '--trace', BAD_TRACE, '--capacity-per-instance', '3'],
    CONFIG,
    /^targets:/,
  ],
  [
    'simulate: a malformed trace',
    ['simulate', '--trace', BAD_TRACE, '--capacity-per-instance', '3'],
    USAGE,
    /bad\.csv:2: timestamp/,
  ],
  [
    'simulate: a misspelt required flag',
    ['simulate', '--trce', BAD_TRACE, '--capacity-per-instance', '3'],
    USAGE,
    /did you mean --trace\?/,
  ],
  [
    'simulate: --out is a file',
    [
      'simulate',
      '--trace',
      NASA,
      '--to',
      '1995-07-01T06:00:00Z',
      '--capacity-per-instance',
      '1000',
      '--out',
      BAD_CONFIG,
    ],
    USAGE,
    /^--out .*bad\.yml: cannot write the output there \(it exists and is not a directory\)/,
  ],
  [
    'tune: --out under a file, refused before any candidate runs',
    [
      'tune',
      '--trace',
      NASA,
      '--from',
      '1995-07-01',
      '--to',
      '1995-07-04',
      '--holdout',
      '1',
      '--capacity-per-instance',
      '1000',
      '--max-under-provisioned',
      '1',
      '--out',
      join(BAD_CONFIG, 'tune'),
    ],
    USAGE,
    /^--out .*bad\.yml\/tune: cannot write the output there \(ENOTDIR/,
  ],
  [
    'tune: scaling.yml invalid',
    [
      'tune',
      '--config',
      BAD_CONFIG,
      '--trace',
      BAD_TRACE,
      '--capacity-per-instance',
      '3',
      '--max-under-provisioned',
      '1',
      '--out',
      join(work, 'tune'),
    ],
    CONFIG,
    /^targets:/,
  ],
  [
    'tune: an unknown flag',
    [
      'tune',
      '--trace',
      BAD_TRACE,
      '--capacity-per-instance',
      '3',
      '--max-under-provisioned',
      '1',
      '--out',
      work,
      '--fast',
    ],
    USAGE,
    /^error: unknown option '--fast'/,
  ],
  [
    'forecast: a malformed trace',
    ['forecast', '--trace', BAD_TRACE, '--at', '2026-01-01T00:00:00Z'],
    USAGE,
    /bad\.csv:2: timestamp/,
  ],
  [
    'forecast: no credentials',
    ['forecast', '--from-cloudwatch', '--target', TARGET],
    AWS,
    /^no AWS credentials found/,
  ],
  ['local: scaling.yml invalid', ['local', '--config', BAD_CONFIG], CONFIG, /^targets:/],
  ['local: DynamoDB Local cannot start', ['local', '--quiet'], AWS, /^DynamoDB Local needs Java/],
  ['demo: scaling.yml invalid', ['demo', '--config', BAD_CONFIG], CONFIG, /^targets:/],
  ['demo: a malformed trace', ['demo', '--trace', BAD_TRACE], USAGE, /bad\.csv:2: timestamp/],
  ['demo: DynamoDB Local cannot start', ['demo'], AWS, /^DynamoDB Local needs Java/],
];

describe('exit codes: 0 ok, 1 invalid configuration, 2 bad usage or input, 3 AWS access', () => {
  it('covers every command', () => {
    const help = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(help).toContain(EXIT_CODE_TABLE);
    const commands = new Set(
      FAILURES.map(([, args]) => args[0]).filter((name) => name && !name.startsWith('-')),
    );
    for (const name of [
      'validate',
      'replay',
      'status',
      'history',
      'why',
      'pause',
      'resume',
      'reset-marks',
      'import',
      'simulate',
      'tune',
      'forecast',
      'local',
      'demo',
    ]) {
      expect(commands).toContain(name);
    }
  });

  // Concurrently: each run is a process start, most of them waiting on the SDK's credential chain.
  it.concurrent.each(FAILURES)(
    '%s: exits with the table’s code and a sentence, never a stack',
    async (_, args, code, says) => {
      const run = await scaler(args);
      expect(run.stderr.split('\n')[0]).toMatch(says);
      expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(run.code).toBe(code);
    },
  );

  it('scaler --help ends with the table', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/scaler.mjs'), '--help'], { cwd: ROOT });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const [code] = await once(child, 'close');
    expect(code).toBe(0);
    expect(stdout.trimEnd().endsWith(EXIT_CODE_TABLE)).toBe(true);
  });
});
