import { describe, expect, it } from 'vitest';
import type { TargetConfig } from '../../../shared/domain/model.ts';
import type { SimulatedTrace } from '../../../shared/sim/trace/trace.ts';
import { inProcessEvaluator } from '../../../shared/tune/evaluator.ts';
import { runTune, splitWindow } from '../../../shared/tune/run-tune.ts';
import { comparedWith, recommended, tuneJson, verdictText } from '../../../shared/tune/tune-text.ts';
import { target } from '../../support/builders.ts';

const MINUTE = 60_000;
const DAY = 1440;
const START = Date.UTC(2026, 10, 2);

/** `days` of a daily pattern (a quiet night, a busy afternoon) at one-minute steps; `heldOut` rewrites the last day. */
function dailyTrace(days: number, heldOut?: (minute: number) => number): SimulatedTrace {
  const length = days * DAY;
  const requests = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const hour = Math.floor((i % DAY) / 60);
    const busy = hour >= 12 && hour < 20 ? 4200 : 1200;
    requests[i] = busy + ((i * 7919) % 600);
    if (heldOut && i >= (days - 1) * DAY) requests[i] = heldOut(i);
  }
  const time = new Float64Array(length).map((_, i) => START + i * MINUTE);
  return { start: START, length, stepSeconds: 60, time, requests, gap: new Uint8Array(length) };
}

const fleet: TargetConfig = target({ minCapacity: 1, maxCapacity: 20, stepPolicies: [] });
const simulation = { capacityPerInstance: 1000, instanceStartupSeconds: 300 };

function tune(trace: SimulatedTrace) {
  return runTune({
    target: fleet,
    history: trace,
    window: { from: trace.start, to: trace.start + trace.length * MINUTE },
    simulation,
    slo: { maxUnderProvisionedPercent: 2 },
    holdoutDays: 1,
    budget: 24,
    evaluatorFor: (history, training) => inProcessEvaluator(history, training, simulation),
  });
}

describe('scaler tune (walk-forward)', () => {
  it('never sees the held-out days while tuning: replacing them changes nothing that was chosen', {
    timeout: 180_000,
  }, async () => {
    const plain = await tune(dailyTrace(3));
    const changed = await tune(dailyTrace(3, () => 9000));
    const training = (outcome: typeof plain) =>
      outcome.families.flatMap((family) => family.tried.map((c) => [c.family, c.parameters, c.figures]));
    expect(training(changed)).toEqual(training(plain));
    expect(changed.chosen?.parameters).toEqual(plain.chosen?.parameters);
    expect(changed.reference?.parameters).toEqual(plain.reference?.parameters);
    // The held-out days did change, and so did what was measured on them.
    const heldOut = (outcome: typeof plain) =>
      outcome.heldOut.chosen && 'summary' in outcome.heldOut.chosen
        ? outcome.heldOut.chosen.summary
        : undefined;
    expect(heldOut(changed)?.unservedRequests).toBeGreaterThan(heldOut(plain)?.unservedRequests ?? 0);
  });

  it('simulates the choice, the current policies and the target tracking reference on the held-out days', async () => {
    const outcome = await tune(dailyTrace(3));
    expect(outcome.windows).toEqual({
      training: { from: START, to: START + 2 * DAY * MINUTE },
      holdout: { from: START + 2 * DAY * MINUTE, to: START + 3 * DAY * MINUTE },
    });
    expect(outcome.families.map((f) => f.family)).toEqual([
      'target-tracking',
      'step',
      'target-tracking+step',
      'predictive',
      'target-tracking+predictive',
    ]);
    expect(outcome.families.every((f) => f.tried.length > 0)).toBe(true);
    expect(outcome.chosen?.feasible).toBe(true);
    // The reference competes with the families' candidates: never passed over when cheaper.
    expect(outcome.families[0]?.tried).toContain(outcome.reference);
    if (outcome.reference?.feasible)
      expect(outcome.chosen?.figures.instanceHours).toBeLessThanOrEqual(
        outcome.reference.figures.instanceHours,
      );
    for (const run of [outcome.heldOut.chosen, outcome.heldOut.reference]) {
      expect(run && 'summary' in run && run.summary.minutes).toBe(DAY);
    }
    // The current target has no policy at all: it simulates, and stays at min.
    expect(outcome.heldOut.current).toMatchObject({ summary: { scalingActions: 0 } });
    expect(outcome.verdict.kind).toBe('recommended');
    expect(recommended(outcome)).toBe(outcome.chosen);
    expect(verdictText(outcome)).toMatch(
      /^Recommended: the tuned .+ policies meet the SLO on the held-out days at /,
    );
    const json = tuneJson(outcome);
    expect(json).toMatchObject({ verdict: 'recommended', recommended: { family: outcome.chosen?.family } });
    expect(json.heldOut.chosen).toHaveProperty('costRatio');
    expect(json.heldOut.chosen).toHaveProperty('baseline');
  });

  it('refuses to recommend what misses the SLO on the held-out days, and says so', async () => {
    // The held-out day brings a surge the training days never showed.
    const outcome = await tune(dailyTrace(3, (i) => (i % 90 < 15 ? 15000 : 1200)));
    expect(outcome.verdict.kind).not.toBe('recommended');
    expect(verdictText(outcome)).toMatch(
      /^Not recommended: the tuned .+ policies miss the SLO on the held-out days/,
    );
  });

  it('needs a day of training before the held-out days', () => {
    expect(() => splitWindow({ from: START, to: START + DAY * MINUTE }, 1)).toThrow(
      /must hold at least a day of training/,
    );
  });
});

describe('the verdict against the target tracking reference', () => {
  it('says fewer, more or the same with the right sign', () => {
    expect(comparedWith(90, 100)).toBe('10.0 % fewer instance-hours than that reference');
    expect(comparedWith(106.3, 100)).toBe('6.3 % more instance-hours than that reference');
    expect(comparedWith(100.01, 100)).toBe('the same instance-hours as that reference');
  });
});
