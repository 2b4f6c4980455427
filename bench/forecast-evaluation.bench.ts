/**
 * Forecast evaluation (`node bin/run-ts.mjs bench/forecast-evaluation.bench.ts [--runs N]
 * [--no-bundles]`): the scaler's robust seasonal forecast against seasonal-naive and a field
 * library (@bsull/augurs: MSTL on hours, AutoETS on minutes), by WAPE (sum |forecast - actual| ÷
 * sum actual) and the share of under-forecast intervals, on
 *   - the NASA trace, week by week (the last week held out; the others are where the model's
 *     parameters were chosen), forecasts every 6 hours scored over their 48 hours and as applied
 *     (their first 6 hours),
 *   - the two Azure LLM traces, second half held out, at minute resolution;
 * then the time to forecast 48 hours from 14 days of minute data, and what each method adds to a
 * Lambda bundle (size, cold start as a ratio to a one-GetItem baseline built in the same run).
 * bench/forecast/ holds the parts; docs/predictive.md reads the results.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forecastLoad, HOUR_MS, hourlyTotals } from '../shared/domain/forecast/index.ts';
import { readTraceFile } from '../shared/sim/trace/trace.ts';
import { mstlForecast } from './forecast/augurs.ts';
import { evaluateAzure } from './forecast/azure.ts';
import { buildForecastBundles, measureColdStarts } from './forecast/bundles.ts';
import { evaluateNasa, nasaSeries } from './forecast/nasa.ts';
import { medianOf, type Score, table } from './forecast/score.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TRACES = join(ROOT, '..', 'shared', 'traces');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 15;
const pct = (value: number) => `${value.toFixed(1)} %`;
const share = (value: number) => `${value.toFixed(0)} %`;

function nasaSection(): ReturnType<typeof readTraceFile> {
  const trace = readTraceFile(join(ROOT, 'traces', 'nasa_http_1995_1min.csv'));
  const weeks = evaluateNasa(trace);
  const rows: string[][] = [];
  for (const week of weeks) {
    for (const [method, score] of week.horizon48) {
      const applied = week.applied.get(method) as Score;
      const label = `${week.week}${week.heldOut ? ' (held out)' : ''}`;
      rows.push([
        label,
        method,
        pct(score.wape),
        share(score.underShare),
        pct(applied.wape),
        share(applied.underShare),
      ]);
    }
  }
  console.log('NASA trace: hourly forecasts every 6 h, WAPE and under-forecast share');
  console.log(
    table(['week (UTC)', 'method', 'WAPE 48 h', 'under', 'WAPE applied (first 6 h)', 'under'], rows),
  );
  const dev = weeks.filter((w) => !w.heldOut);
  const devRows = [...(weeks[0]?.horizon48.keys() ?? [])].map((method) => {
    const mean = (pick: (w: (typeof weeks)[number]) => number) =>
      dev.reduce((s, w) => s + pick(w), 0) / dev.length;
    return [
      `development weeks (mean of ${dev.length})`,
      method,
      pct(mean((w) => (w.horizon48.get(method) as Score).wape)),
      share(mean((w) => (w.horizon48.get(method) as Score).underShare)),
      pct(mean((w) => (w.applied.get(method) as Score).wape)),
      share(mean((w) => (w.applied.get(method) as Score).underShare)),
    ];
  });
  console.log(table(['', 'method', 'WAPE 48 h', 'under', 'WAPE applied', 'under'], devRows));
  return trace;
}

function azureSection(): void {
  const rows: string[][] = [];
  for (const name of ['code', 'conv']) {
    const result = evaluateAzure(name, join(TRACES, `azure_llm_2023_${name}_1s.csv`));
    for (const [method, score] of result.scores) {
      const stretch = `${name}: ${result.historyMinutes} min -> ${result.heldOutMinutes} min`;
      rows.push([stretch, method, pct(score.wape), share(score.underShare)]);
    }
  }
  console.log('\nAzure LLM traces: per-minute forecast of the held-out second half from the first');
  console.log(table(['trace: history -> held out', 'method', 'WAPE', 'under'], rows));
}

function speedSection(trace: ReturnType<typeof readTraceFile>): number[] {
  const { points, hours } = nasaSeries(trace);
  const origin = trace.start + (hours.length - 168) * HOUR_MS;
  const history = {
    periodMs: 60_000,
    points: points.filter((p) => p.time >= origin - 14 * 24 * HOUR_MS && p.time < origin),
  };
  const time = (runs: number, work: () => unknown) => {
    work();
    return medianOf(
      Array.from({ length: runs }, () => {
        const t0 = performance.now();
        work();
        return performance.now() - t0;
      }),
    );
  };
  const own = time(50, () => forecastLoad({ history, at: origin }));
  const window = hourlyTotals(history, origin - 14 * 24 * HOUR_MS, origin);
  const library = time(20, () => mstlForecast(hourlyTotals(history, origin - 14 * 24 * HOUR_MS, origin), 48));
  console.log(`\nSpeed: 48 h forecast from 14 days of minute data (${history.points.length} points), median`);
  console.log(
    table(
      ['method', 'ms'],
      [
        ['robust seasonal (kept)', own.toFixed(2)],
        ['augurs MSTL', library.toFixed(2)],
      ],
    ),
  );
  return window.map((value) => value ?? 0);
}

async function bundleSection(hours: number[]): Promise<void> {
  const { bundles, dispose } = await buildForecastBundles();
  try {
    console.log(
      `\nBundles (CommonJS, serverless.yml's esbuild options), cold start: median of ${RUNS} fresh processes`,
    );
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
    const rows = measureColdStarts(bundles, hours, RUNS).map((m) => [
      m.bundle.label === 'baseline' ? 'baseline (one GetItem)' : `baseline + ${m.bundle.label}`,
      kb(m.bundle.bytes),
      kb(m.bundle.deflatedBytes),
      `${m.loadMs.toFixed(1)} ms`,
      m.ratio.toFixed(2),
      m.bundle.label === 'baseline' ? '-' : `${m.firstForecastMs.toFixed(1)} ms`,
    ]);
    console.log(
      table(['bundle', 'size', 'deflated', 'cold import', 'ratio (per round)', 'first forecast'], rows),
    );
  } finally {
    dispose();
  }
}

const trace = nasaSection();
azureSection();
const hours = speedSection(trace);
if (!args.includes('--no-bundles')) await bundleSection(hours);
