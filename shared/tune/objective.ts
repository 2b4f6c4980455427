/**
 * What the tuner optimises: the cheapest configuration (instance-hours) that meets the user's SLO
 * (a share of under-provisioned minutes, and optionally of unserved requests). A configuration
 * that meets it always beats one that does not; among those that miss it, the one missing by
 * less is better, so the search is drawn towards the feasible region.
 */

/** The service-level objective, in percent. */
export interface Slo {
  maxUnderProvisionedPercent: number;
  maxUnservedPercent?: number | undefined;
}

/** The figures a candidate is judged on (a simulation summary has them). */
export interface CandidateFigures {
  instanceHours: number;
  underProvisionedPercent: number;
  unservedPercent: number;
}

/** By how much (percentage points) the figures miss the SLO; 0 when they meet it. */
export function sloViolation(figures: CandidateFigures, slo: Slo): number {
  const under = Math.max(0, figures.underProvisionedPercent - slo.maxUnderProvisionedPercent);
  const unserved =
    slo.maxUnservedPercent === undefined ? 0 : Math.max(0, figures.unservedPercent - slo.maxUnservedPercent);
  return under + unserved;
}

/** Whether the figures meet the SLO. */
export function meetsSlo(figures: CandidateFigures, slo: Slo): boolean {
  return sloViolation(figures, slo) === 0;
}

/** Whether `a` is strictly better than `b` under `slo`. */
export function betterUnder(slo: Slo): (a: CandidateFigures, b: CandidateFigures) => boolean {
  return (a, b) => {
    const va = sloViolation(a, slo);
    const vb = sloViolation(b, slo);
    if (va === 0 && vb === 0) return a.instanceHours < b.instanceHours;
    if (va === 0 || vb === 0) return va === 0;
    return va < vb || (va === vb && a.instanceHours < b.instanceHours);
  };
}
