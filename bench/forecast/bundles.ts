/**
 * What each forecasting method adds to a Lambda bundle: three CommonJS bundles built with
 * serverless.yml's esbuild options (as bench/bundle.bench.ts builds the functions), each holding
 * the one-GetItem baseline, plus the scaler's forecast, plus augurs' MSTL with its WebAssembly
 * inlined and instantiated at load (where a Lambda would do it: once per cold start). Sizes
 * raw and deflated (what a zip stores); cold start as the median of fresh processes, run
 * round-robin, as a ratio to the baseline of the same round.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { parse } from 'yaml';
import { augursWasmPath } from './augurs.ts';
import { medianOf } from './score.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const GET_ITEM = `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
const read = (event) => client.send(new GetItemCommand({ TableName: 'bench', Key: { pk: { S: String(event.pk) } } }));
`;

/** Each bundle's source; `handler.forecast` runs one 48-hour forecast from 14 days of hourly totals. */
const SOURCES: Record<string, string> = {
  baseline: `${GET_ITEM}
export const handler = read;`,
  'robust seasonal (kept)': `${GET_ITEM}
import { forecastSeries } from ${JSON.stringify(join(ROOT, 'shared/domain/forecast/index.ts'))};
export const handler = read;
export const forecast = (hours) => forecastSeries(hours, 48);`,
  'augurs MSTL': `${GET_ITEM}
import { initSync, MSTL } from '@bsull/augurs/mstl';
import wasm from ${JSON.stringify(augursWasmPath('mstl'))};
initSync({ module: wasm });
export const handler = read;
export const forecast = (hours) => { const m = MSTL.ets([24, 168]); m.fit(hours); const p = m.predict(48).point; m.free(); return p; };`,
};

/** One bundle as built. */
export interface BuiltBundle {
  label: string;
  file: string;
  bytes: number;
  deflatedBytes: number;
}

function esbuildOptions(): BuildOptions {
  const serverless = parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8')) as {
    custom: { esbuild: Record<string, unknown> };
  };
  const { exclude, outputFileExtension: _extension, banner: _banner, ...options } = serverless.custom.esbuild;
  return { ...(options as BuildOptions), external: (exclude as string[] | undefined) ?? [], format: 'cjs' };
}

/** Builds the three bundles into a fresh temporary folder. */
export async function buildForecastBundles(): Promise<{ bundles: BuiltBundle[]; dispose(): void }> {
  const directory = mkdtempSync(join(tmpdir(), 'scaler-forecast-bundles-'));
  const bundles: BuiltBundle[] = [];
  for (const [label, contents] of Object.entries(SOURCES)) {
    const file = join(directory, `${bundles.length}.cjs`);
    await build({
      ...esbuildOptions(),
      stdin: { contents, resolveDir: ROOT, loader: 'ts' },
      loader: { '.wasm': 'binary' },
      outfile: file,
      absWorkingDir: ROOT,
      logLevel: 'error',
    });
    bundles.push({
      label,
      file,
      bytes: statSync(file).size,
      deflatedBytes: deflateRawSync(readFileSync(file), { level: 9 }).length,
    });
  }
  return { bundles, dispose: () => rmSync(directory, { recursive: true, force: true }) };
}

/** One fresh process: ms to require the bundle, and ms to then make the first forecast. */
function coldStart(bundle: BuiltBundle, hours: number[]): { load: number; firstForecast: number } {
  const script = `const t0 = performance.now(); const m = require(${JSON.stringify(bundle.file)}); const t1 = performance.now();
if (m.forecast) m.forecast(${JSON.stringify(hours)}); const t2 = performance.now();
process.stdout.write(JSON.stringify({ load: t1 - t0, firstForecast: t2 - t1 }));`;
  const result = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
      NODE_NO_WARNINGS: '1',
    },
  });
  if (result.status !== 0) throw new Error(`loading ${bundle.label} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as { load: number; firstForecast: number };
}

/** Per bundle: median load, median ratio to the baseline of the same round, median first forecast. */
export function measureColdStarts(bundles: BuiltBundle[], hours: number[], rounds: number) {
  const samples = bundles.map(() => [] as { load: number; firstForecast: number }[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, bundle] of bundles.entries()) samples[i]?.push(coldStart(bundle, hours));
  }
  const baseline = samples[0] ?? [];
  return bundles.map((bundle, i) => {
    const own = samples[i] ?? [];
    return {
      bundle,
      loadMs: medianOf(own.map((s) => s.load)),
      ratio: medianOf(own.map((s, round) => s.load / (baseline[round]?.load ?? Number.NaN))),
      firstForecastMs: medianOf(own.map((s) => s.firstForecast)),
    };
  });
}
