/**
 * Predictive scaling against the best single target tracking value
 * (`node bin/run-ts.mjs bench/predictive-comparison.bench.ts [--from ISO --to ISO --slo PERCENT]`):
 * on one week of the NASA trace (default the last, 1995-08-25..09-01, requests x25, 1,000 a minute
 * per instance, 300 s start-up), every run through `scaler simulate`'s path with the production
 * decision path:
 *   1. target tracking on InvocationsPerInstance alone, at every target from 300 to 800 in steps of
 *      10: the cheapest that keeps under-provisioned minutes within the SLO (default 0.5 %);
 *   2. target tracking plus a ForecastAndScale policy (a grid of tracking targets, forecast targets
 *      and scheduling buffers): the cheapest within the SLO.
 * The forecast learns from the trace before each hour, the weeks before the window included.
 * Both choices are made on the same week they are scored on: this compares what each family can
 * reach at its best, not a held-out result (`scaler tune` gives that).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../shared/config/index.ts';
import { runSimulation } from '../shared/sim/run-simulation.ts';
import type { SimulationSummary } from '../shared/sim/timeline.ts';
import { readTraceFile } from '../shared/sim/trace/trace.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: string) =>
  args.includes(name) ? (args[args.indexOf(name) + 1] as string) : fallback;
const from = Date.parse(option('--from', '1995-08-25T04:00:00Z'));
const to = Date.parse(option('--to', '1995-09-01T04:00:00Z'));
const slo = Number(option('--slo', '0.5'));
const trace = readTraceFile(join(ROOT, 'traces', 'nasa_http_1995_1min.csv'), { scale: 25 });
const run = { capacityPerInstance: 1000, instanceStartupSeconds: 300, from, to };

interface Predictive {
  forecastTarget: number;
  buffer: number;
}

function config(trackingTarget: number, predictive?: Predictive) {
  const floor = predictive
    ? `    predictivePolicies:
      - policyName: daily
        targetValue: ${predictive.forecastTarget}
        predefinedLoadMetricSpecification: { predefinedMetricType: SageMakerVariantInvocations }
        mode: ForecastAndScale
        schedulingBufferTime: ${predictive.buffer}
`
    : '';
  return parseConfigText(
    `targets:
  - endpointName: nasa
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 20
    targetTrackingPolicies:
      - policyName: invocations
        targetValue: ${trackingTarget}
        predefinedMetricSpecification: { predefinedMetricType: SageMakerVariantInvocationsPerInstance }
${floor}`,
    'comparison.yml',
  );
}

async function summary(trackingTarget: number, predictive?: Predictive): Promise<SimulationSummary> {
  const result = await runSimulation(config(trackingTarget, predictive), trace, run);
  return (result.targets[0] as { summary: SimulationSummary }).summary;
}

interface Tried {
  label: string;
  summary: SimulationSummary;
}

function cheapestWithin(tried: readonly Tried[]): Tried | undefined {
  return tried
    .filter((t) => t.summary.underProvisionedPercent <= slo)
    .sort((a, b) => a.summary.instanceHours - b.summary.instanceHours)[0];
}

function line(t: Tried | undefined): string {
  if (t === undefined) return 'none within the SLO';
  const s = t.summary;
  return `${t.label}: ${s.instanceHours.toFixed(1)} instance-hours (${s.costRatio.toFixed(2)}x the oracle), ${s.underProvisionedPercent.toFixed(2)} % minutes under-provisioned, ${s.unservedPercent.toFixed(3)} % requests unserved`;
}

const started = performance.now();
const tracking: Tried[] = [];
for (let target = 300; target <= 800; target += 10)
  tracking.push({ label: `target tracking @ ${target}`, summary: await summary(target) });
const withFloor: Tried[] = [];
for (const trackingTarget of [500, 600, 700, 800])
  for (const forecastTarget of [400, 425, 450, 475, 500, 550])
    for (const buffer of [300, 600]) {
      withFloor.push({
        label: `target tracking @ ${trackingTarget} + ForecastAndScale @ ${forecastTarget}, buffer ${buffer} s`,
        summary: await summary(trackingTarget, { forecastTarget, buffer }),
      });
    }
const best = cheapestWithin(tracking);
const bestFloor = cheapestWithin(withFloor);
const week = `${new Date(from).toISOString().slice(0, 10)} .. ${new Date(to).toISOString().slice(0, 10)}`;
console.log(
  `NASA x25, ${week}, SLO ${slo} % minutes under-provisioned (${tracking.length + withFloor.length} runs in ${((performance.now() - started) / 1000).toFixed(0)} s)`,
);
console.log(`best single target tracking value: ${line(best)}`);
console.log(`best target tracking + predictive: ${line(bestFloor)}`);
if (best && bestFloor) {
  const saving = 1 - bestFloor.summary.instanceHours / best.summary.instanceHours;
  console.log(`predictive saves ${(saving * 100).toFixed(1)} % of the instance-hours at the same SLO`);
}
