import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'scaler-demo-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function scaler(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/scaler.mjs'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  return { code: code as number | null, stdout, stderr };
}

describe('scaler demo (npm start)', () => {
  it('plays a slice through the local stack live: decisions with reasons, hourly status, the summary and the report', async () => {
    const out = join(work, 'run');

    // 90 minutes around Friday 14 July 1995, 18:00 in Berlin: the weekend floor lifts the variant.
    const run = await scaler([
      'demo',
      '--from',
      '1995-07-14T15:30:00Z',
      '--to',
      '1995-07-14T17:00:00Z',
      '--out',
      out,
    ]);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^Fri 14 Jul 16:00 .* schedule weekend-peak \(Fri 18:00 Europe\/Berlin\) +scale-out [23] -> 4 +min\/max set to \[4, 12\]: [23] -> 4 at once$/m,
    );
    expect(run.stdout).toMatch(
      /^Fri 14 Jul 16:00 .*· needs \d+ · alarms invocations-high \w+, invocations-low \w+, invocations-per-instance \(tracking high\) \w+, invocations-per-instance \(tracking low\) \w+ ·/m,
    );
    expect(run.stdout).toContain('policy (scaling.yml)');
    expect(run.stdout).toContain('What you see: the policies of scaling.yml decided every minute above');
    expect(run.stdout).toContain(`report: ${join(out, 'report.html')}`);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 120_000);

  it('says that Java is missing and how to install it, and exits 3 (the local AWS side: DynamoDB Local)', async () => {
    const run = await scaler(['demo', '--out', join(work, 'no-java')], {
      ...process.env,
      PATH: join(work, 'empty'),
    });

    expect(run.code).toBe(3);
    expect(run.stderr).toContain('DynamoDB Local needs Java');
    expect(run.stderr).toContain('apt-get install -y default-jre-headless');
  });
});
