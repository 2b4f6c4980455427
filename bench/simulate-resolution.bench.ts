/**
 * High-resolution simulator benchmark (`node bin/run-ts.mjs bench/simulate-resolution.bench.ts
 * [--runs N]`): the time of a whole `scaler simulate` on the Azure LLM conversation trace
 * (`traces/azure_llm_2023_conv_1s.csv`, 58 minutes of 1-s rows) with a high-resolution policy
 * (test/fixtures/config/high-resolution.yml: ConcurrentRequestsPerModel tracking, a 10-s alarm),
 * which plays in 10-s steps, next to a baseline measured in the same run: the same trace summed to
 * one-minute steps, with a standard policy (InvocationsPerInstance tracking at the equivalent
 * target). Printed as times and as ratios, measured two ways:
 *
 * 1. the CLI, a fresh `node bin/scaler.mjs simulate ...` process each time (what a user waits for,
 *    start-up and TypeScript loading included);
 * 2. in process: reading the trace, the run and the summary (the simulator's own share).
 *
 * Each figure is the median of N runs (default 7), baseline and high resolution alternating so a
 * noisy neighbour slows both alike; the ratio of the medians and the median of the per-round
 * ratios are both printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { renderTable } from '../shared/cli/table.ts';
import { loadConfigFile } from '../shared/config/index.ts';
import { simulationResolution } from '../shared/sim/resolution.ts';
import { runSimulation } from '../shared/sim/run-simulation.ts';
import { readTraceFile } from '../shared/sim/trace/trace.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 7;
const TRACE = join(ROOT, 'traces/azure_llm_2023_conv_1s.csv');
const HIGH_RESOLUTION = join(ROOT, 'test/fixtures/config/high-resolution.yml');
const CAPACITY = 180;
const LATENCY_MS = 2000;

// Concurrency 4 at 2 s a request is 2 requests a second: 120 invocations per instance a minute.
const work = mkdtempSync(join(tmpdir(), 'simulate-resolution-bench-'));
const STANDARD = join(work, 'invocations-tracking.yml');
writeFileSync(
  STANDARD,
  `targets:
  - endpointName: chat-llm
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 12
    targetTrackingPolicies:
      - policyName: invocations
        targetValue: 120
        predefinedMetricSpecification:
          predefinedMetricType: SageMakerVariantInvocationsPerInstance
`,
);

interface Case {
  name: string;
  config: string;
  extra: string[];
}
const baseline: Case = {
  name: 'one-minute steps, InvocationsPerInstance tracking',
  config: STANDARD,
  extra: [],
};
const fine: Case = {
  name: '10-s steps, ConcurrentRequestsPerModel high resolution',
  config: HIGH_RESOLUTION,
  extra: ['--latency-ms', String(LATENCY_MS)],
};

function cliMs(c: Case): number {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'bin/scaler.mjs'),
      'simulate',
      '--config',
      c.config,
      '--trace',
      TRACE,
      '--capacity-per-instance',
      String(CAPACITY),
      '--json',
      ...c.extra,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`scaler simulate failed (${run.status}): ${run.stderr}`);
  return ms;
}

async function inProcessMs(c: Case): Promise<{ ms: number; steps: number }> {
  const started = performance.now();
  const config = loadConfigFile(c.config);
  const { stepSeconds } = simulationResolution(config);
  const trace = readTraceFile(TRACE, { resolutionSeconds: stepSeconds });
  const result = await runSimulation(config, trace, {
    capacityPerInstance: CAPACITY,
    ...(c === fine ? { serviceTime: { latencyMs: LATENCY_MS } } : {}),
  });
  const ms = performance.now() - started;
  if (!result.targets[0]?.summary) throw new Error('no summary');
  return { ms, steps: trace.length };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function measure(label: string, time: (c: Case) => Promise<number> | number): Promise<string[][]> {
  await time(baseline); // warm-up: file cache, V8 compilation
  await time(fine);
  const base: number[] = [];
  const high: number[] = [];
  for (let round = 0; round < RUNS; round++) {
    base.push(await time(baseline));
    high.push(await time(fine));
  }
  const perRound = high.map((ms, i) => ms / (base[i] as number));
  return [
    [
      label,
      median(base).toFixed(0),
      median(high).toFixed(0),
      (median(high) / median(base)).toFixed(2),
      median(perRound).toFixed(2),
    ],
  ];
}

try {
  const steps = {
    minute: (await inProcessMs(baseline)).steps,
    fine: (await inProcessMs(fine)).steps,
  };
  console.log(
    `scaler simulate on traces/azure_llm_2023_conv_1s.csv, ${CAPACITY} requests/min per instance: baseline ${steps.minute} one-minute steps (${baseline.name}) vs ${steps.fine} 10-s steps (${fine.name}, --latency-ms ${LATENCY_MS}); median of ${RUNS} runs each, alternating`,
  );
  const rows = [
    ...(await measure('whole CLI process', cliMs)),
    ...(await measure('in process (read + run + summary)', async (c) => (await inProcessMs(c)).ms)),
  ];
  console.log(renderTable(['measured', 'baseline ms', '10-s ms', 'ratio of medians', 'median ratio'], rows));
} finally {
  rmSync(work, { recursive: true, force: true });
}
