import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../shared/config/index.ts';
import { runScaler, type ScalerRun } from '../../support/scaler-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'scaler-tune-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function scaler(...args: string[]): Promise<ScalerRun> {
  return runScaler(['tune', ...args]);
}

/** Three days of a daily pattern, one row a minute. */
function traceFile(): string {
  const rows = ['timestamp,requests'];
  const start = Date.UTC(2026, 10, 2);
  for (let i = 0; i < 3 * 1440; i++) {
    const hour = Math.floor((i % 1440) / 60);
    const requests = (hour >= 12 && hour < 20 ? 4200 : 1200) + ((i * 7919) % 600);
    rows.push(`${new Date(start + i * 60_000).toISOString().replace('.000Z', 'Z')},${requests}`);
  }
  const path = join(work, 'daily.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

const config = join(work, 'scaling.yml');
writeFileSync(
  config,
  `# the user's file
targets:
  - endpointName: ranker
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 20
    targetTrackingPolicies:
      - policyName: mine
        targetValue: 500
        predefinedMetricSpecification: { predefinedMetricType: SageMakerVariantInvocationsPerInstance }
`,
);

describe('scaler tune', () => {
  it('writes a scaling.yml that validates and a report, and prints the held-out summary with --json', async () => {
    const out = join(work, 'out');
    const run = await scaler(
      '--config',
      config,
      '--trace',
      traceFile(),
      '--capacity-per-instance',
      '1000',
      '--max-under-provisioned',
      '2',
      '--holdout',
      '1',
      '--candidates',
      '20',
      '--out',
      out,
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ verdict: 'recommended', slo: { maxUnderProvisionedPercent: 2 } });
    for (const key of ['chosen', 'current']) {
      expect(json.heldOut[key]).toEqual(
        expect.objectContaining({
          instanceHours: expect.any(Number),
          costRatio: expect.any(Number),
          baseline: expect.any(Object),
        }),
      );
    }
    expect(json.heldOut.reference).toMatchObject({
      targetValue: expect.any(Number),
      summary: { costRatio: expect.any(Number) },
    });
    const text = readFileSync(join(out, 'scaling.yml'), 'utf8');
    expect(text).toContain("# the user's file");
    expect(text).toMatch(/# Tuned by `scaler tune` on .+ from .+daily\.csv/);
    expect(parseConfigText(text, 'tuned.yml').targets).toHaveLength(1);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it('refuses bad input with exit 2, naming the option', async () => {
    const trace = traceFile();
    const base = [
      '--config',
      config,
      '--trace',
      trace,
      '--capacity-per-instance',
      '1000',
      '--out',
      join(work, 'bad'),
    ];
    const missing = await scaler(...base);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--max-under-provisioned <percent>' not specified");
    const over = await scaler(...base, '--max-under-provisioned', '150');
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('--max-under-provisioned expects a percent from 0 to 100');
    const unknown = await scaler(...base, '--max-under-provisioned', '1', '--target', 'nope/AllTraffic');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--target nope/AllTraffic: scaling.yml has no such target (it has ranker/AllTraffic)',
    );
    const short = await scaler(...base, '--max-under-provisioned', '1', '--holdout', '3');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/must hold at least a day of training before the 3 held-out days/);
  });

  it('checks the fleet numbers as scaler simulate does, before simulating anything', async () => {
    const base = ['--config', config, '--trace', traceFile(), '--max-under-provisioned', '1'];
    const out = ['--out', join(work, 'limits')];
    const startup = await scaler(
      ...base,
      ...out,
      '--capacity-per-instance',
      '1000',
      '--startup-seconds',
      '99999999',
    );
    expect(startup.code).toBe(2);
    expect(startup.stderr).toContain('--startup-seconds expects a whole number of seconds from 0 to 86400');
    const initial = await scaler(
      ...base,
      ...out,
      '--capacity-per-instance',
      '1000',
      '--initial-capacity',
      '500',
    );
    expect(initial.code).toBe(2);
    expect(initial.stderr).toContain(
      "--initial-capacity 500 lies outside ranker/AllTraffic's bounds [1, 20]",
    );
    const tiny = await scaler(...base, ...out, '--capacity-per-instance', '0.000001');
    expect(tiny.code).toBe(2);
    expect(tiny.stderr).toContain('more than a SageMaker variant can have');
    expect(existsSync(join(work, 'limits'))).toBe(false);
  });
});
