import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText } from '../../../shared/config/index.ts';
import { runPolicyFigures, runSimulation } from '../../../shared/sim/run-simulation.ts';
import type { PolicyFigures } from '../../../shared/sim/timeline.ts';
import { readTraceFile } from '../../../shared/sim/trace/trace.ts';

const trace = readTraceFile('test/fixtures/traces/nasa_http_1995_0712-0713_1min.csv', { scale: 18 });
const HOUR = 3_600_000;

/** Target tracking above a ForecastAndScale floor, with a step policy for bursts: every kind of decision. */
const everyKind = parseConfigText(
  `
targets:
  - endpointName: shop
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 40
    targetTrackingPolicies:
      - policyName: invocations
        targetValue: 700
        predefinedMetricSpecification: { predefinedMetricType: SageMakerVariantInvocationsPerInstance }
    stepPolicies:
      - policyName: burst
        alarmName: shop-burst
        adjustmentType: ChangeInCapacity
        cooldown: 120
        alarm:
          metricName: InvocationsPerInstance
          namespace: AWS/SageMaker
          statistic: Sum
          period: 60
          evaluationPeriods: 1
          threshold: 950
          comparisonOperator: GreaterThanThreshold
        stepAdjustments:
          - { metricIntervalLowerBound: 0, scalingAdjustment: 2 }
    predictivePolicies:
      - policyName: daily
        targetValue: 800
        predefinedLoadMetricSpecification: { predefinedMetricType: SageMakerVariantInvocations }
        mode: ForecastAndScale
        schedulingBufferTime: 300
`,
  'every-kind.yml',
);

/** The policy's own figures out of a full run's summary (which adds the baseline and the oracle). */
function policyPart(summary: PolicyFigures): PolicyFigures {
  return {
    minutes: summary.minutes,
    instanceHours: summary.instanceHours,
    underProvisionedMinutes: summary.underProvisionedMinutes,
    underProvisionedPercent: summary.underProvisionedPercent,
    unservedRequests: summary.unservedRequests,
    unservedPercent: summary.unservedPercent,
    scalingActions: summary.scalingActions,
    deferredActions: summary.deferredActions,
  };
}

describe('runPolicyFigures (a run without references, for tune candidates)', () => {
  it.each([
    ['scaling.yml', loadConfigFile('scaling.yml')],
    ['target tracking, a step policy and a predictive floor', everyKind],
  ])('gives exactly the policy figures of the full run: %s', async (_, config) => {
    // A window after the first day, so the forecast has history before it.
    const options = { capacityPerInstance: 1000, from: trace.start + 20 * HOUR, to: trace.start + 44 * HOUR };
    const full = await runSimulation(config, trace, options);
    const lean = await runPolicyFigures(config, trace, options);
    expect(lean).toEqual(
      full.targets.map((target) => ({ targetKey: target.targetKey, figures: policyPart(target.summary) })),
    );
    // The run did decide: the figures are not those of an idle fleet.
    expect(lean.some(({ figures }) => figures.scalingActions > 0)).toBe(true);
  });
});
