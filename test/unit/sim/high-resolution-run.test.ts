import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText } from '../../../shared/config/index.ts';
import type { SimulatedMetricStore } from '../../../shared/sim/cloudwatch/simulated-metrics.ts';
import { inProcessDelivery } from '../../../shared/sim/delivery.ts';
import {
  runSimulation,
  SimulationOptionError,
  type TargetSimulationResult,
} from '../../../shared/sim/run-simulation.ts';
import { readTraceFile } from '../../../shared/sim/trace/trace.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CONV_1S = `${ROOT}traces/azure_llm_2023_conv_1s.csv`;
const NASA_SLICE = `${ROOT}test/fixtures/traces/nasa_http_1995_0712-0713_1min.csv`;
const HIGH_RESOLUTION = loadConfigFile(`${ROOT}test/fixtures/config/high-resolution.yml`);
const HIGH_ALARM = 'ScalerTargetTracking-endpoint/chat-llm/variant/AllTraffic-concurrency-AlarmHigh';
const TEN = { resolutionSeconds: 10 };
// Concurrency 4 at 2 s a request is 2 requests a second: 120 invocations per instance a minute.
const RUN = { capacityPerInstance: 180, serviceTime: { latencyMs: 2000 }, baselineTarget: 120 };

/** The same chat endpoint tracking InvocationsPerInstance at the equivalent target. */
const INVOCATIONS_TRACKING = parseConfigText(
  `
targets:
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
  'invocations.yml',
);

function only(targets: TargetSimulationResult[]): TargetSimulationResult {
  const [run] = targets;
  if (!run) throw new Error('expected one target');
  return run;
}

/** When the run first asked SageMaker for more instances. */
function firstScaleOut(run: TargetSimulationResult): number {
  const out = run.outcomes.find((o) => o.action === 'scale-out' && o.status === 'InProgress');
  if (!out) throw new Error('expected a scale-out');
  return out.time;
}

describe('a high-resolution run', () => {
  it('plays the conversation trace in 10-s steps and scales out within a minute of the traffic, where InvocationsPerInstance tracking takes over three', async () => {
    const fine = await runSimulation(HIGH_RESOLUTION, readTraceFile(CONV_1S, TEN), RUN);
    const coarse = await runSimulation(INVOCATIONS_TRACKING, readTraceFile(CONV_1S), RUN);
    expect(fine.resolution).toEqual({
      stepSeconds: 10,
      steps: 360,
      reason: `high-resolution alarm ${HIGH_ALARM} (period 10 s)`,
      traceStepSeconds: 1,
    });
    expect(coarse.resolution).toBeUndefined();
    const hr = only(fine.targets);
    const ipi = only(coarse.targets);
    expect(fine.minutes).toBe(60);
    expect(hr.policy).toHaveLength(360);
    expect(hr.summary.minutes).toBe(60);
    expect(hr.summary.resolution).toEqual(fine.resolution);
    // One instance against about 4 requests a second, twice its target, from 18:15:46Z.
    const traffic = hr.policy.find((step) => !step.gap)?.time ?? Number.NaN;
    expect(new Date(traffic).toISOString()).toBe('2023-11-16T18:15:40.000Z');
    const fast = firstScaleOut(hr);
    const slow = firstScaleOut(ipi);
    expect(fast - traffic).toBeLessThanOrEqual(60_000);
    expect(fast % 60_000).not.toBe(0); // decided on a 10-s alarm event, between two ticks
    expect(slow - traffic).toBeGreaterThanOrEqual(180_000);
    // Reacting minutes earlier leaves fewer requests unserved while the new instances start.
    expect(hr.summary.unservedRequests).toBeLessThan(ipi.summary.unservedRequests);
    expect(hr.summary.underProvisionedMinutes).toBeLessThan(ipi.summary.underProvisionedMinutes);
    // Under-provisioned time counts in minutes: each 10-s step a sixth.
    const short = hr.policy.filter((step) => step.unservedRequests > 0).length;
    expect(hr.summary.underProvisionedMinutes).toBeCloseTo(short / 6, 12);
  });

  it('runs the tick and the baseline once a minute, and 10-s alarm events between', async () => {
    const run = only((await runSimulation(HIGH_RESOLUTION, readTraceFile(CONV_1S, TEN), RUN)).targets);
    const ticks = run.outcomes.filter((o) => o.eventKey.startsWith('tick@'));
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.every((o) => o.time % 60_000 === 0)).toBe(true);
    expect(run.outcomes.some((o) => o.eventId.startsWith('00000000-') && o.time % 60_000 !== 0)).toBe(true);
    const baselineMoves = run.baseline.filter(
      (step, i) => i > 0 && step.desiredInstances !== run.baseline[i - 1]?.desiredInstances,
    );
    expect(baselineMoves.length).toBeGreaterThan(0);
    expect(baselineMoves.every((step) => step.time % 60_000 === 0)).toBe(true);
  });

  it('publishes ConcurrentRequestsPerModel as (context + generated tokens) × ms per token over the step and the serving instances', async () => {
    const trace = readTraceFile(CONV_1S, TEN);
    let metrics: SimulatedMetricStore | undefined;
    const run = only(
      (
        await runSimulation(HIGH_RESOLUTION, trace, {
          ...RUN,
          serviceTime: { msPerToken: 1.5 },
          delivery: (world) => {
            metrics = world.metrics;
            return inProcessDelivery(world.ports);
          },
        })
      ).targets,
    );
    const series = metrics?.existingSeries({
      namespace: 'AWS/SageMaker',
      metricName: 'ConcurrentRequestsPerModel',
      dimensions: { EndpointName: 'chat-llm', VariantName: 'AllTraffic' },
    });
    if (!series) throw new Error('expected the concurrency series');
    let checked = 0;
    for (const [i, step] of run.policy.entries()) {
      if (step.gap) {
        expect(series[i]).toBeNaN();
        continue;
      }
      const tokens = (trace.contextTokens?.[i] ?? 0) + (trace.generatedTokens?.[i] ?? 0);
      expect(series[i]).toBeCloseTo((tokens * 1.5) / 1000 / 10 / step.servingInstances, 9);
      checked++;
    }
    expect(checked).toBeGreaterThan(340);
    expect(run.outcomes.some((o) => o.action === 'scale-out')).toBe(true);
  });

  it('simulates a step policy with a 10-s alarm, deciding on its 10-s datapoints', async () => {
    const config = parseConfigText(
      `
targets:
  - endpointName: chat-llm
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 12
    stepPolicies:
      - policyName: burst
        alarmName: chat-llm-concurrency-burst
        alarm:
          metricName: ConcurrentRequestsPerModel
          namespace: AWS/SageMaker
          statistic: Average
          period: 10
          evaluationPeriods: 2
          datapointsToAlarm: 2
          threshold: 6
          comparisonOperator: GreaterThanThreshold
        adjustmentType: ChangeInCapacity
        cooldown: 120
        stepAdjustments:
          - { metricIntervalLowerBound: 0, scalingAdjustment: 2 }
`,
      'burst.yml',
    );
    const trace = readTraceFile(CONV_1S, TEN);
    const result = await runSimulation(config, trace, RUN);
    expect(result.resolution?.reason).toBe('high-resolution alarm chat-llm-concurrency-burst (period 10 s)');
    const run = only(result.targets);
    const [first] = run.outcomes.filter((o) => o.action === 'scale-out' && o.status === 'InProgress');
    expect(first).toMatchObject({ policyName: 'burst', fromCapacity: 1, toCapacity: 3 });
    expect(first?.alarm?.alarmName).toBe('chat-llm-concurrency-burst');
    // 18:16:20Z and 18:16:30Z are the first two 10-s steps above 6 on one instance (requests × 2 s
    // / 10 s); CloudWatch sees both at 18:16:40Z, a minute after the traffic starts, not two.
    const at = (time: string) => trace.requests[(Date.parse(time) - trace.start) / 10_000] ?? Number.NaN;
    const concurrency = (time: string) => (at(time) * 2) / 10;
    expect(concurrency('2023-11-16T18:16:10Z')).toBeLessThanOrEqual(6);
    expect(first?.time).toBe(Date.parse('2023-11-16T18:16:40Z'));
    expect(first?.alarm?.metricValue).toBeCloseTo(
      (concurrency('2023-11-16T18:16:20Z') + concurrency('2023-11-16T18:16:30Z')) / 2,
      9,
    );
  });

  it('spreads a one-minute trace over six 10-s steps and says so', async () => {
    const to = Date.parse('1995-07-12T06:00:00Z');
    const minutes = readTraceFile(NASA_SLICE, { scale: 5, to });
    const result = await runSimulation(HIGH_RESOLUTION, readTraceFile(NASA_SLICE, { ...TEN, scale: 5 }), {
      ...RUN,
      to,
    });
    expect(result.resolution).toMatchObject({ stepSeconds: 10, steps: 720, traceStepSeconds: 60 });
    const steps = only(result.targets).policy.map((step) => step.demand);
    for (const [m, total] of minutes.requests.entries()) {
      const six = steps.slice(m * 6, m * 6 + 6);
      expect(six.reduce((sum, value) => sum + value, 0)).toBe(total);
      // Whole counts split evenly, the remainder one each to the first steps (then × 5).
      expect(Math.max(...six) - Math.min(...six)).toBeLessThanOrEqual(5);
    }
  });

  it('refuses ConcurrentRequestsPerModel without a service time, naming the options', async () => {
    const run = runSimulation(HIGH_RESOLUTION, readTraceFile(CONV_1S, TEN), { capacityPerInstance: 180 });
    await expect(run).rejects.toThrow(SimulationOptionError);
    await expect(run).rejects.toThrow(
      `alarm ${HIGH_ALARM} watches ConcurrentRequestsPerModel, which the simulator derives from arrivals and a service time (Little's law): give --latency-ms N (a fixed time per request) or --ms-per-token N (per context + generated token of the trace)`,
    );
  });

  it('refuses --ms-per-token on a trace without token columns, naming them', async () => {
    const run = runSimulation(HIGH_RESOLUTION, readTraceFile(NASA_SLICE, TEN), {
      capacityPerInstance: 180,
      serviceTime: { msPerToken: 1 },
    });
    await expect(run).rejects.toThrow(
      "--ms-per-token times the trace's context_tokens + generated_tokens per request, but the trace has no context_tokens or generated_tokens column; give --latency-ms N (a fixed time per request) instead",
    );
  });

  it('refuses a trace read at another resolution than its alarms need', async () => {
    await expect(runSimulation(HIGH_RESOLUTION, readTraceFile(CONV_1S), RUN)).rejects.toThrow(
      /the run steps every 10 s \(high-resolution alarm .*AlarmHigh \(period 10 s\)\), but the trace was read in 60-s steps/,
    );
  });
});
