/**
 * Simulator benchmark (`node bin/run-ts.mjs bench/simulate.bench.ts`): how long `scaler simulate`
 * takes on the real NASA one-minute trace with scaling.yml, through the production handlers.
 *
 * 1. 30 days, one target (goal: under 3 s);
 * 2. how the time grows with the trace's length (7, 14, 30, 62 days, one target);
 * 3. how it grows with the number of targets (1, 2, 4, 8, 7 days each; the same trace drives each).
 *
 * Trace parsing is measured apart: it happens once per run, whatever is simulated.
 */
import { performance } from 'node:perf_hooks';
import { renderTable } from '../shared/cli/table.ts';
import { loadConfigFile } from '../shared/config/index.ts';
import type { ScalingConfig, TargetConfig } from '../shared/domain/model.ts';
import { runSimulation } from '../shared/sim/run-simulation.ts';
import { readTraceFile, type SimulatedTrace } from '../shared/sim/trace/trace.ts';

const DAY = 86_400_000;
const CAPACITY = 1000;
const SCALE = 25;

const config = loadConfigFile('scaling.yml');
const parseStart = performance.now();
const trace = readTraceFile('traces/nasa_http_1995_1min.csv', { scale: SCALE });
const parseMs = performance.now() - parseStart;

/** `count` copies of scaling.yml's first target, each with its own endpoint and alarm names. */
function targets(count: number): ScalingConfig {
  const [first] = config.targets as [TargetConfig];
  return {
    targets: Array.from({ length: count }, (_, i) => ({
      ...first,
      endpointName: `${first.endpointName}-${i + 1}`,
      stepPolicies: first.stepPolicies.map((policy) => ({
        ...policy,
        alarmName: `${policy.alarmName}-${i + 1}`,
      })),
    })),
  };
}

async function timed(days: number, targetCount: number, source: SimulatedTrace = trace) {
  const started = performance.now();
  const result = await runSimulation(targets(targetCount), source, {
    capacityPerInstance: CAPACITY,
    from: source.start,
    to: source.start + days * DAY,
  });
  const ms = performance.now() - started;
  const outcomes = result.targets.reduce((sum, t) => sum + t.outcomes.length, 0);
  return { ms, minutes: result.minutes, targets: targetCount, outcomes, events: result.alarmEvents };
}

const fixed = (value: number, digits = 0) => value.toFixed(digits);

console.log(
  `simulator benchmark: NASA 1995 one-minute trace x${SCALE}, scaling.yml, ${CAPACITY} requests/min per instance`,
);
console.log(`trace parse (62 days, ${trace.length.toLocaleString('en-US')} rows): ${fixed(parseMs)} ms`);

await timed(2, 1); // warm-up: let V8 compile the hot paths before measuring
const month = await timed(30, 1);
console.log(
  `30 days, 1 target: ${fixed(month.ms)} ms (${month.outcomes} outcomes, ${month.events} alarm events); goal under 3000 ms -> ${month.ms < 3000 ? 'met' : 'NOT met'}`,
);

const rows: string[][] = [];
for (const days of [7, 14, 30, 62]) {
  const run = await timed(days, 1);
  rows.push([
    `${days} days`,
    '1',
    fixed(run.ms),
    fixed(run.ms / days, 1),
    fixed((run.ms * 1000) / run.minutes, 1),
  ]);
}
for (const count of [1, 2, 4, 8]) {
  const run = await timed(7, count);
  rows.push([
    '7 days',
    String(count),
    fixed(run.ms),
    fixed(run.ms / 7, 1),
    fixed((run.ms * 1000) / (run.minutes * count), 1),
  ]);
}
console.log(renderTable(['trace', 'targets', 'ms', 'ms / day', 'µs / target-minute'], rows));
