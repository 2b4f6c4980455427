/**
 * `scaler tune`'s core: walk-forward tuning of one target's policies. The window is split into
 * training (all but the last `holdoutDays`) and the held-out days. Each family is searched on the
 * training days only (`pattern-search.ts`), every candidate simulated through the production
 * decision path; the cheapest configuration meeting the SLO is chosen. Then, on the held-out days
 * alone, the chosen configuration, the user's current one and target tracking at its best
 * training-window target are simulated side by side. A choice that misses the SLO on the held-out
 * days is not recommended.
 */
import type { TargetConfig } from '../domain/model.ts';
import { runSimulation } from '../sim/run-simulation.ts';
import type { SimulationSummary } from '../sim/timeline.ts';
import type { SimulatedTrace } from '../sim/trace/trace.ts';
import type { CandidateSimulation, Evaluator, Window } from './evaluator.ts';
import { type CandidatePolicies, type FamilyName, families, TUNED } from './families.ts';
import { betterUnder, type CandidateFigures, meetsSlo, type Slo } from './objective.ts';
import { patternSearch } from './pattern-search.ts';
import type { Parameters } from './space.ts';
import { bestTargetValue } from './target-value-search.ts';

const DAY_MS = 86_400_000;

/** What to tune, on what, for which SLO. */
export interface TuneRequest {
  target: TargetConfig;
  /**
   * The whole trace, scaled: the window is played out of it, and a predictive policy's forecasts
   * learn from what lies before each hour they are made in (never after).
   */
  history: SimulatedTrace;
  /** The window tuned on: training and held-out days. */
  window: Window;
  simulation: CandidateSimulation;
  slo: Slo;
  /** Days at the end of the window kept out of the search. */
  holdoutDays: number;
  /** Candidates to simulate at most, all families together. */
  budget: number;
  /** An evaluator over the training days of the trace (in process, or on worker threads). */
  evaluatorFor(history: SimulatedTrace, training: Window): Evaluator;
  /** Told after each batch: candidates simulated so far, and the budget. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** One candidate simulated on the training days. */
export interface TriedCandidate {
  family: FamilyName;
  parameters: Parameters;
  policies: CandidatePolicies;
  figures: CandidateFigures;
  feasible: boolean;
}

export interface FamilyResult {
  family: FamilyName;
  description: string;
  tried: TriedCandidate[];
  /** The cheapest candidate meeting the SLO on the training days (or the one missing it by least). */
  best: TriedCandidate | undefined;
}

/** The held-out days' figures of a configuration, or why it could not be simulated. */
export type HeldOut = { summary: SimulationSummary } | { problem: string };

export interface TuneOutcome {
  windows: { training: Window; holdout: Window };
  slo: Slo;
  families: FamilyResult[];
  /** Target tracking with AAS's default cooldowns at its best target value on the training days. */
  reference: TriedCandidate | undefined;
  /** The cheapest configuration meeting the SLO on the training days, all families together. */
  chosen: TriedCandidate | undefined;
  heldOut: { chosen?: HeldOut | undefined; current: HeldOut; reference?: HeldOut | undefined };
  /**
   * `recommended`: the choice met the SLO on the held-out days. `missed`: it did not; `fallback`
   * is the cheapest other training-feasible candidate that did (chosen with the held-out days).
   * `none-feasible`: nothing met the SLO even on the training days.
   */
  verdict:
    | { kind: 'recommended' }
    | { kind: 'missed'; fallback?: { candidate: TriedCandidate; summary: SimulationSummary } | undefined }
    | { kind: 'none-feasible' };
}

/** Shares of the budget: the reference's bisection first, then each family. */
export const REFERENCE_BUDGET = 10;
export const FAMILY_SHARES: Record<FamilyName, number> = {
  'target-tracking': 0.15,
  step: 0.25,
  'target-tracking+step': 0.2,
  predictive: 0.15,
  'target-tracking+predictive': 0.25,
};
/** Other candidates tried on the held-out days when the choice misses there. */
const FALLBACK_TRIES = 8;

function withPolicies(target: TargetConfig, policies: CandidatePolicies): TargetConfig {
  return { ...target, ...policies, mode: 'active' };
}

/** Splits the window into training and held-out days. */
export function splitWindow(window: Window, holdoutDays: number): { training: Window; holdout: Window } {
  const holdoutFrom = window.to - holdoutDays * DAY_MS;
  if (holdoutDays <= 0 || holdoutFrom - window.from < DAY_MS) {
    throw new RangeError(
      `the window (${new Date(window.from).toISOString()} .. ${new Date(window.to).toISOString()}) must hold at least a day of training before the ${holdoutDays} held-out days`,
    );
  }
  return { training: { from: window.from, to: holdoutFrom }, holdout: { from: holdoutFrom, to: window.to } };
}

/** A configuration's figures on the held-out days, as `scaler simulate --json` gives them. */
async function heldOutRun(target: TargetConfig, request: TuneRequest, holdout: Window): Promise<HeldOut> {
  try {
    const options = { ...request.simulation, ...holdout };
    const result = await runSimulation({ targets: [target] }, request.history, options);
    return { summary: (result.targets[0] as { summary: SimulationSummary }).summary };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs the whole tune. */
export async function runTune(request: TuneRequest): Promise<TuneOutcome> {
  const { target, slo, simulation } = request;
  const windows = splitWindow(request.window, request.holdoutDays);
  const { holdout } = windows;
  const evaluator = request.evaluatorFor(request.history, windows.training);
  const better = betterUnder(slo);
  let done = 0;
  const evaluate = async (
    family: FamilyName,
    batch: readonly { parameters: Parameters; policies: CandidatePolicies }[],
  ) => {
    const figures = await evaluator.evaluate(batch.map((c) => withPolicies(target, c.policies)));
    done += batch.length;
    request.onProgress?.(done, request.budget);
    return batch.map(
      (candidate, i): TriedCandidate => ({
        family,
        ...candidate,
        figures: figures[i] as CandidateFigures,
        feasible: meetsSlo(figures[i] as CandidateFigures, slo),
      }),
    );
  };
  try {
    const capacity = simulation.capacityPerInstance;
    const [tracking] = families(capacity);
    const reference = await bestTargetValue({
      capacity,
      slo,
      budget: Math.min(REFERENCE_BUDGET, request.budget),
      evaluate: async (targetValue) => {
        const parameters = { targetValue, scaleOutCooldown: 300, scaleInCooldown: 300 };
        const policies = (tracking as NonNullable<typeof tracking>).policies(parameters, target);
        const [tried] = await evaluate('target-tracking', [{ parameters, policies }]);
        return tried as TriedCandidate;
      },
    });
    const remaining = Math.max(0, request.budget - done);
    // The families search side by side: each one's search depends only on its own candidates, so
    // the outcome is the same as one after the other, while the workers stay busy when one
    // family's round is down to its last candidates.
    const searches = families(capacity).map(async (family): Promise<FamilyResult> => {
      const tried: TriedCandidate[] = [];
      const budget = Math.floor(remaining * FAMILY_SHARES[family.name]);
      await patternSearch({
        dimensions: family.dimensions,
        budget,
        initial: Math.min(budget, 4 * family.dimensions.length),
        better,
        evaluate: async (batch) => {
          const scored = await evaluate(
            family.name,
            batch.map((parameters) => ({ parameters, policies: family.policies(parameters, target) })),
          );
          tried.push(...scored);
          return scored.map((candidate) => candidate.figures);
        },
      });
      return { family: family.name, description: family.description, tried, best: bestOf(tried, better) };
    });
    // The reference is a target tracking candidate the search simulated too: it competes (and is
    // plotted) with the family's own, so a cheaper reference that meets the SLO is never passed over.
    const results = (await Promise.all(searches)).map((result) =>
      reference && result.family === 'target-tracking'
        ? {
            ...result,
            tried: [reference, ...result.tried],
            best: bestOf([reference, ...result.tried], better),
          }
        : result,
    );
    const all = results.flatMap((result) => result.tried);
    const chosen = bestOf(all, better);
    const current = await heldOutRun({ ...target, mode: 'active' }, request, holdout);
    const referenceHeldOut =
      reference && (await heldOutRun(withPolicies(target, reference.policies), request, holdout));
    if (chosen === undefined || !chosen.feasible) {
      return {
        windows,
        slo,
        families: results,
        reference,
        chosen,
        heldOut: { current, reference: referenceHeldOut },
        verdict: { kind: 'none-feasible' },
      };
    }
    const chosenHeldOut = await heldOutRun(withPolicies(target, chosen.policies), request, holdout);
    const heldOut = { chosen: chosenHeldOut, current, reference: referenceHeldOut };
    if ('summary' in chosenHeldOut && meetsSlo(chosenHeldOut.summary, slo)) {
      return {
        windows,
        slo,
        families: results,
        reference,
        chosen,
        heldOut,
        verdict: { kind: 'recommended' },
      };
    }
    return {
      windows,
      slo,
      families: results,
      reference,
      chosen,
      heldOut,
      verdict: { kind: 'missed', fallback: await fallback(all, chosen, target, holdout, request) },
    };
  } finally {
    await evaluator.close();
  }
}

function bestOf(
  candidates: readonly TriedCandidate[],
  better: (a: CandidateFigures, b: CandidateFigures) => boolean,
): TriedCandidate | undefined {
  return candidates.reduce<TriedCandidate | undefined>(
    (best, candidate) => (best === undefined || better(candidate.figures, best.figures) ? candidate : best),
    undefined,
  );
}

/** The cheapest other training-feasible candidates, tried on the held-out days in order of training cost. */
async function fallback(
  all: readonly TriedCandidate[],
  chosen: TriedCandidate,
  target: TargetConfig,
  holdout: Window,
  request: TuneRequest,
) {
  const others = all
    .filter((candidate) => candidate !== chosen && candidate.feasible)
    .sort((a, b) => a.figures.instanceHours - b.figures.instanceHours)
    .slice(0, FALLBACK_TRIES);
  for (const candidate of others) {
    const run = await heldOutRun(withPolicies(target, candidate.policies), request, holdout);
    if ('summary' in run && meetsSlo(run.summary, request.slo)) return { candidate, summary: run.summary };
  }
  return undefined;
}

export { TUNED };
