/**
 * The cost vs under-provisioning frontier of each family on the training days: of a family's
 * candidates, those no other candidate of it beats on both counts (cheaper and no more
 * under-provisioned), from the cheapest to the best served.
 */
import type { TriedCandidate } from '../run-tune.ts';

/** The family's Pareto frontier, cheapest first. */
export function frontierOf(tried: readonly TriedCandidate[]): TriedCandidate[] {
  const byCost = [...tried].sort(
    (a, b) =>
      a.figures.instanceHours - b.figures.instanceHours ||
      a.figures.underProvisionedPercent - b.figures.underProvisionedPercent,
  );
  const frontier: TriedCandidate[] = [];
  let lowest = Number.POSITIVE_INFINITY;
  // Walking from the dearest down would keep the best served; from the cheapest up, a candidate
  // joins when it is better served than every cheaper one.
  for (const candidate of byCost) {
    if (candidate.figures.underProvisionedPercent < lowest) {
      frontier.push(candidate);
      lowest = candidate.figures.underProvisionedPercent;
    }
  }
  return frontier;
}

/** A short label of a candidate's parameters, for a point on the chart. */
export function parameterLabel(candidate: TriedCandidate): string {
  const p = candidate.parameters;
  switch (candidate.family) {
    case 'target-tracking':
      return `t ${p.targetValue}, out ${p.scaleOutCooldown}s, in ${p.scaleInCooldown}s`;
    case 'step':
      return `out ≥${p.outThreshold}×${p.outPeriods}, in ≤${Math.round((p.inRatio ?? 0) * (p.outThreshold ?? 0))}×${p.inPeriods}`;
    case 'target-tracking+step':
      return `t ${p.targetValue}, burst ×${p.burstRatio} +${p.burstStep}`;
    case 'predictive':
      return `floor at ${p.forecastTarget} ${p.schedulingBufferTime}s ahead, in ≤${p.inThreshold}×${p.inPeriods}`;
    case 'target-tracking+predictive':
      return `t ${p.targetValue}, floor at ${p.forecastTarget} ${p.schedulingBufferTime}s ahead`;
  }
}
