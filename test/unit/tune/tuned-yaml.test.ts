import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../shared/config/index.ts';
import { families } from '../../../shared/tune/families.ts';
import { tunedYaml } from '../../../shared/tune/tuned-yaml.ts';

const TWO_TARGETS = `# my fleet
targets:
  # the one to tune
  - endpointName: ranker
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 20
    stepPolicies: # old ones
      - policyName: old-out
        alarmName: ranker-high
        adjustmentType: ChangeInCapacity
        stepAdjustments:
          - { metricIntervalLowerBound: 0, scalingAdjustment: 1 }
    scheduledActions:
      # keep me
      - scheduledActionName: nightly
        schedule: cron(0 2 * * ? *)
        scalableTargetAction: { maxCapacity: 4 }
  # another, untouched
  - endpointName: search
    variantName: AllTraffic
    minCapacity: 2
    maxCapacity: 4
    stepPolicies:
      - policyName: search-out
        alarmName: search-high
        adjustmentType: ChangeInCapacity
        stepAdjustments:
          - { metricIntervalLowerBound: 0, scalingAdjustment: 1 }
`;

describe('the tuned scaling.yml', () => {
  const config = parseConfigText(TWO_TARGETS, 'mine.yml');
  const ranker = config.targets[0] as (typeof config.targets)[0];
  const [tracking, step, combined, predictive, trackingAndPredictive] = families(1000);

  it("replaces only the tuned target's policies, keeping every comment, the schedule and the other target", () => {
    const family = combined as NonNullable<typeof combined>;
    const parameters = {
      targetValue: 620,
      scaleInCooldown: 600,
      burstRatio: 1.45,
      burstPeriods: 2,
      burstStep: 4,
    };
    const text = tunedYaml(TWO_TARGETS, ranker, family.policies(parameters, ranker), {
      lines: ['Tuned by `scaler tune` on 2026-12-06.', 'Held out: 1.38x the oracle.'],
      notes: family.places.map((place) => ({ path: place.path, text: `tuned ${place.parameter}` })),
    });
    expect(text).toContain('# my fleet');
    expect(text).toContain('# the one to tune');
    expect(text).toContain('# keep me');
    expect(text).toContain('# another, untouched');
    expect(text).not.toContain('old-out');
    expect(text).toContain(
      '    # Tuned by `scaler tune` on 2026-12-06.\n    # Held out: 1.38x the oracle.\n    stepPolicies:',
    );
    expect(text).toContain('targetValue: 620 # tuned targetValue');
    expect(text).toContain('threshold: 899 # tuned burstRatio');
    expect(text).toMatch(
      /- \{ metricIntervalLowerBound: 0, metricIntervalUpperBound: 620, scalingAdjustment: 4 \} # tuned burstStep/,
    );
    const tuned = parseConfigText(text, 'tuned.yml');
    expect(tuned.targets[0]?.targetTrackingPolicies).toMatchObject([
      { policyName: 'tuned-target-tracking', targetValue: 620, scaleInCooldown: 600 },
    ]);
    expect(tuned.targets[0]?.scheduledActions).toEqual(ranker.scheduledActions);
    expect(tuned.targets[1]).toEqual(config.targets[1]);
  });

  it('writes each family as scaling.yml accepts it', () => {
    const at = (family: typeof tracking, parameters: Record<string, number>) =>
      parseConfigText(
        tunedYaml(TWO_TARGETS, ranker, (family as NonNullable<typeof family>).policies(parameters, ranker), {
          lines: [],
          notes: [],
        }),
        'tuned.yml',
      ).targets[0];
    expect(
      at(tracking, { targetValue: 700, scaleOutCooldown: 60, scaleInCooldown: 900 })?.stepPolicies,
    ).toEqual([]);
    const steps = at(step, {
      outThreshold: 910,
      outPeriods: 2,
      outSmall: 1,
      outBig: 3,
      outBigFrom: 400,
      outCooldown: 120,
      inRatio: 0.5,
      inPeriods: 10,
      inStep: -1,
      inCooldown: 300,
    })?.stepPolicies;
    expect(steps?.map((p) => [p.policyName, p.alarm?.threshold, p.alarm?.evaluationPeriods])).toEqual([
      ['tuned-scale-out', 910, 2],
      ['tuned-scale-in', 455, 10],
    ]);
    const alone = at(predictive, {
      forecastTarget: 640,
      schedulingBufferTime: 600,
      inThreshold: 300,
      inPeriods: 15,
      inCooldown: 300,
    });
    expect(alone?.predictivePolicies).toMatchObject([
      {
        policyName: 'tuned-predictive',
        mode: 'ForecastAndScale',
        targetValue: 640,
        schedulingBufferTime: 600,
      },
    ]);
    expect(alone?.stepPolicies.map((p) => [p.policyName, p.alarm?.threshold])).toEqual([
      ['tuned-scale-in', 300],
    ]);
    const both = at(trackingAndPredictive, {
      targetValue: 700,
      scaleInCooldown: 300,
      forecastTarget: 450,
      schedulingBufferTime: 300,
    });
    expect(both?.targetTrackingPolicies.map((p) => p.targetValue)).toEqual([700]);
    expect(both?.predictivePolicies.map((p) => [p.targetValue, p.schedulingBufferTime])).toEqual([
      [450, 300],
    ]);
  });

  it('says when the target is not in the file', () => {
    expect(() =>
      tunedYaml(
        TWO_TARGETS,
        { endpointName: 'x', variantName: 'y' },
        { stepPolicies: [], targetTrackingPolicies: [], predictivePolicies: [] },
        { lines: [], notes: [] },
      ),
    ).toThrow('scaling.yml has no target x/y');
  });
});
