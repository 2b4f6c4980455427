/**
 * Bundle benchmark (`node bin/run-ts.mjs bench/bundle.bench.ts [--fresh] [--runs N] [--base COMMIT]`):
 * for each packaged function, its zipped size and its cold import time in fresh Node processes, as
 * a ratio to a baseline bundle holding only a DynamoDB client and one GetItem, built in the same
 * run with the same esbuild options. Then the same functions built as ESM and as CommonJS, to
 * choose the format in serverless.yml by measurement. Goal: on-alarm within 1.6x of the baseline.
 *
 * It packages the root scaling.yml with one predictive policy added to its first target (unless it
 * has one already), so that the forecast function, deployed only with predictive policies, is
 * packaged and measured too; every bundle inlines that same configuration. With `--base COMMIT`,
 * on-alarm is also built from that commit's tree (same options, same configuration) and measured
 * in the same rounds: what a change did to the alarm path's cold start.
 *
 * Reuses `.serverless/` when it was packaged from that configuration and is newer than every
 * source it is built from (else, or with --fresh, runs `serverless package` offline first). Each
 * time is the median of N processes (default 15), run round-robin so a noisy neighbour slows every
 * bundle alike. Two ratios are printed: of the medians, and the median of the per-round ratios
 * (steadier on a shared machine); the goal is judged on the worse of the two.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { parse, parseDocument } from 'yaml';
import { bundleBanner } from '../deploy/package-time.ts';
import { FORECAST, FUNCTIONS } from '../deploy/stack.ts';
import { zipEntries } from '../deploy/zip-entries.ts';
import { extractTree, flag, scratch } from './support/baseline-tree.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGE_DIR = join(ROOT, '.serverless');
const SOURCES = ['functions', 'shared', 'deploy', 'serverless.yml', 'scaling.yml', 'package-lock.json'];
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 15;
const GOAL = 1.6;
const BASE = flag('base', '');
/** Every function the benchmark's configuration deploys. */
const BUNDLED = [...FUNCTIONS, FORECAST];
/** The configuration packaged and inlined: the root scaling.yml with a predictive policy. */
const CONFIG = 'out/bench-bundle/scaling.yml';
/** Beside the packaged artifacts: the configuration they were packaged from. */
const STAMP = join(PACKAGE_DIR, 'bench-bundle-config.yml');

/**
 * The root scaling.yml, with a predictive policy on its first target when no target has one, so
 * the forecast function is deployed (the root example is another engineer's, and has none).
 */
function benchConfig(): string {
  const document = parseDocument(readFileSync(join(ROOT, 'scaling.yml'), 'utf8'));
  const targets = document.toJS().targets as { predictivePolicies?: unknown[] }[];
  if (!targets.some((target) => (target.predictivePolicies ?? []).length > 0)) {
    document.setIn(
      ['targets', 0, 'predictivePolicies'],
      [
        {
          policyName: 'bench-forecast',
          targetValue: 600,
          predefinedLoadMetricSpecification: { predefinedMetricType: 'SageMakerVariantInvocations' },
          mode: 'ForecastAndScale',
        },
      ],
    );
  }
  return document.toString();
}

type Format = 'esm' | 'cjs';

interface Bundle {
  label: string;
  format: Format;
  /** The bundle file to import. */
  file: string;
  bytes: number;
  zippedBytes?: number;
}

/** Newest modification time under a path (files and folders, recursively). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function packageIfStale(config: string): void {
  mkdirSync(dirname(join(ROOT, CONFIG)), { recursive: true });
  writeFileSync(join(ROOT, CONFIG), config);
  const zips = BUNDLED.map((fn) => join(PACKAGE_DIR, `${fn.key}.zip`));
  const built = zips.every(existsSync) ? Math.min(...zips.map((zip) => statSync(zip).mtimeMs)) : 0;
  const sources = Math.max(...SOURCES.map((source) => newest(join(ROOT, source))));
  const sameConfig = existsSync(STAMP) && readFileSync(STAMP, 'utf8') === config;
  if (!args.includes('--fresh') && sameConfig && built > sources) {
    console.log(`reusing ${relative(ROOT, PACKAGE_DIR)}/ (packaged from ${CONFIG}, newer than its sources)`);
    return;
  }
  console.log(`packaging ${CONFIG} (serverless package, offline)...`);
  const result = spawnSync('npx', ['serverless', 'package', `--param=config=${CONFIG}`], {
    cwd: ROOT,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', SLS_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`serverless package failed:\n${result.stdout}\n${result.stderr}`);
  writeFileSync(STAMP, config);
}

/** serverless.yml's `custom.esbuild`, as esbuild options (the plugin's own keys dropped). */
function esbuildOptions(format: Format): BuildOptions {
  const serverless = parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8')) as {
    custom: { esbuild: Record<string, unknown> };
  };
  const { exclude, outputFileExtension: _extension, banner: _banner, ...options } = serverless.custom.esbuild;
  return {
    ...(options as BuildOptions),
    external: (exclude as string[] | undefined) ?? [],
    format,
    banner: {
      js: bundleBanner({ config: join(ROOT, CONFIG) } as Parameters<typeof bundleBanner>[0], format),
    },
    absWorkingDir: ROOT,
    logLevel: 'error',
  };
}

const BASELINE_SOURCE = `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async (event) =>
  client.send(new GetItemCommand({ TableName: process.env.SCALER_TABLE_NAME, Key: { pk: { S: String(event.pk) } } }));
`;

async function buildBundle(
  label: string,
  format: Format,
  directory: string,
  entry: string | 'baseline',
  tree = ROOT,
) {
  const file = join(directory, `${label}.${format === 'esm' ? 'mjs' : 'cjs'}`);
  const options = { ...esbuildOptions(format), absWorkingDir: tree };
  const source =
    entry === 'baseline'
      ? { stdin: { contents: BASELINE_SOURCE, resolveDir: ROOT, loader: 'js' as const } }
      : { entryPoints: [join(tree, entry)] };
  const result = await build({ ...options, ...source, outfile: file, metafile: true });
  return {
    bundle: { label, format, file, bytes: statSync(file).size } satisfies Bundle,
    metafile: result.metafile,
  };
}

/** The packaged bundles, extracted from their zips. */
function packagedBundles(directory: string): Bundle[] {
  return BUNDLED.map((fn) => {
    const zip = join(PACKAGE_DIR, `${fn.key}.zip`);
    const [[name, content] = []] = [...zipEntries(zip)].filter(([path]) => /\.(c|m)?js$/.test(path));
    if (name === undefined || content === undefined) throw new Error(`no bundle in ${zip}`);
    const file = join(directory, 'packaged', name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    const format: Format = name.endsWith('.mjs') ? 'esm' : 'cjs';
    return { label: fn.serviceName, format, file, bytes: content.length, zippedBytes: statSync(zip).size };
  });
}

/** One cold import in a fresh process, in ms: `import()` for ESM, `require()` for CommonJS. */
function coldImport(bundle: Bundle): number {
  const load =
    bundle.format === 'esm'
      ? `await import(${JSON.stringify(bundle.file)})`
      : `require(${JSON.stringify(bundle.file)})`;
  const script = `const t0 = performance.now(); ${load}; process.stdout.write(String(performance.now() - t0));`;
  const nodeArgs = bundle.format === 'esm' ? ['--input-type=module', '-e', script] : ['-e', script];
  const result = spawnSync(process.execPath, nodeArgs, {
    cwd: dirname(bundle.file),
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
      SCALER_TABLE_NAME: 'bench',
      // The SDK's "Node 20 is ageing" warning costs a write to stderr; Lambda runs Node 24.
      NODE_NO_WARNINGS: '1',
    },
  });
  const ms = Number(result.stdout);
  if (result.status !== 0 || !Number.isFinite(ms))
    throw new Error(`importing ${bundle.file} failed:\n${result.stderr}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Median cold import of each bundle, the runs interleaved. */
/** Cold imports of each bundle, one per round, the bundles interleaved within each round. */
function measure(bundles: Bundle[]): Map<Bundle, number[]> {
  const samples = new Map<Bundle, number[]>(bundles.map((bundle) => [bundle, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const bundle of bundles) samples.get(bundle)?.push(coldImport(bundle));
    process.stdout.write(`\r  ${run + 1}/${RUNS} rounds`);
  }
  process.stdout.write('\n');
  return samples;
}

/**
 * The median of the per-round ratios. A shared machine has slow spells longer than one import;
 * a bundle and the baseline measured in the same round share them, so this figure is steadier
 * than the ratio of the two medians.
 */
function pairedRatio(bundle: number[], baseline: number[]): number {
  return median(bundle.map((ms, round) => ms / (baseline[round] ?? Number.NaN)));
}

const kb = (bytes: number | undefined) => (bytes === undefined ? '-' : `${(bytes / 1024).toFixed(0)} KB`);

/** The biggest contributors to a bundle, by package. */
function topInputs(metafile: {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}) {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, 8);
}

async function main(): Promise<void> {
  packageIfStale(benchConfig());
  const directory = mkdtempSync(join(tmpdir(), 'scaler-bundle-bench-'));
  try {
    const packaged = packagedBundles(directory);
    const packagedFormat = packaged[0]?.format ?? 'esm';
    const variants: Bundle[] = [];
    const baselines = new Map<Format, Bundle>();
    const metafiles = new Map<string, Parameters<typeof topInputs>[0]>();
    for (const format of ['esm', 'cjs'] as const) {
      const baseline = await buildBundle('baseline', format, join(directory, format), 'baseline');
      baselines.set(format, baseline.bundle);
      for (const fn of BUNDLED) {
        const built = await buildBundle(
          fn.serviceName,
          format,
          join(directory, format),
          `functions/${fn.serviceName}.ts`,
        );
        variants.push(built.bundle);
        if (format === packagedFormat) metafiles.set(fn.serviceName, built.metafile);
      }
    }
    // on-alarm as the --base commit builds it, with the same options and configuration.
    const based: Bundle[] = [];
    if (BASE !== '') {
      const tree = extractTree(BASE, join(scratch('scaler-bundle-base-'), 'tree'));
      const built = await buildBundle(
        `on-alarm@${BASE}`,
        packagedFormat,
        join(directory, 'base'),
        'functions/on-alarm.ts',
        tree,
      );
      based.push(built.bundle);
    }
    const all = [...baselines.values(), ...packaged, ...based, ...variants];
    console.log(
      `measuring cold imports: ${all.length} bundles x ${RUNS} fresh processes (node ${process.version})`,
    );
    const samples = measure(all);
    const time = (bundle: Bundle | undefined) => median((bundle && samples.get(bundle)) || []);

    const baseline = baselines.get(packagedFormat);
    console.log(`\nPackaged bundles (${packagedFormat}), against the baseline built with the same options:`);
    console.log(
      'bundle               zipped    bundle   cold import   ratio of medians   median ratio per round',
    );
    const row = (label: string, bundle: Bundle, ratios: string) =>
      console.log(
        `${label.padEnd(20)} ${kb(bundle.zippedBytes).padStart(7)} ${kb(bundle.bytes).padStart(9)} ${`${time(bundle).toFixed(1)} ms`.padStart(13)}   ${ratios}`,
      );
    if (baseline) row('baseline (GetItem)', baseline, `${'1.00'.padEnd(18)} 1.00`);
    const baselineSamples = (baseline && samples.get(baseline)) || [];
    for (const bundle of [...packaged, ...based]) {
      const ofMedians = time(bundle) / time(baseline);
      const perRound = pairedRatio(samples.get(bundle) ?? [], baselineSamples);
      // Judged on the worse of the two figures.
      const verdict =
        bundle.label === 'on-alarm'
          ? Math.max(ofMedians, perRound) <= GOAL
            ? `  (goal <= ${GOAL}: met)`
            : `  (goal <= ${GOAL}: MISSED)`
          : '';
      row(bundle.label, bundle, `${ofMedians.toFixed(2).padEnd(18)} ${perRound.toFixed(2)}${verdict}`);
    }

    const alarm = packaged.find((bundle) => bundle.label === 'on-alarm');
    const [alarmAtBase] = based;
    if (alarm && alarmAtBase) {
      const perRound = pairedRatio(samples.get(alarm) ?? [], samples.get(alarmAtBase) ?? []);
      console.log(
        `on-alarm against on-alarm@${BASE}: ${alarm.bytes - alarmAtBase.bytes >= 0 ? '+' : ''}${alarm.bytes - alarmAtBase.bytes} bytes, cold import ${(time(alarm) / time(alarmAtBase)).toFixed(2)} (ratio of medians), ${perRound.toFixed(2)} (median ratio per round)`,
      );
    }

    console.log('\nESM vs CommonJS (same options, median cold import):');
    console.log('bundle               esm            cjs            esm/cjs');
    for (const label of ['baseline', ...BUNDLED.map((fn) => fn.serviceName)]) {
      const of = (format: Format) =>
        label === 'baseline'
          ? baselines.get(format)
          : variants.find((v) => v.label === label && v.format === format);
      const esm = time(of('esm'));
      const cjs = time(of('cjs'));
      console.log(
        `${label.padEnd(20)} ${`${esm.toFixed(1)} ms`.padEnd(14)} ${`${cjs.toFixed(1)} ms`.padEnd(14)} ${(esm / cjs).toFixed(2)}`,
      );
    }

    for (const label of ['on-alarm', 'forecast']) {
      const metafile = metafiles.get(label);
      if (!metafile) continue;
      console.log(`\n${label}: largest contributors to the bundle`);
      for (const [name, bytes] of topInputs(metafile)) console.log(`  ${kb(bytes).padStart(7)}  ${name}`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
