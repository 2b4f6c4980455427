/**
 * What `scaler tune` says: the verdict in a sentence, the held-out table, the comments written into
 * the tuned scaling.yml, and the `--json` document. Pure: the command prints and writes them.
 */
import { renderTable } from '../cli/table.ts';
import type { SimulationSummary } from '../sim/timeline.ts';
import { type Family, families } from './families.ts';
import type { HeldOut, TriedCandidate, TuneOutcome } from './run-tune.ts';
import type { TunedProvenance } from './tuned-yaml.ts';

const day = (time: number) => new Date(time).toISOString().slice(0, 16).replace('T', ' ');
const fixed = (value: number, digits: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function summaryOf(run: HeldOut | undefined): SimulationSummary | undefined {
  return run && 'summary' in run ? run.summary : undefined;
}

/** `1.38x the oracle, 0.36 % of minutes under-provisioned`. */
function figures(summary: SimulationSummary): string {
  return `${fixed(summary.costRatio, 2)}x the oracle, ${fixed(summary.underProvisionedPercent, 2)} % of minutes under-provisioned`;
}

/** The configuration the tune recommends writing: the choice, or the held-out fallback. */
export function recommended(outcome: TuneOutcome): TriedCandidate | undefined {
  if (outcome.verdict.kind === 'recommended') return outcome.chosen;
  if (outcome.verdict.kind === 'missed') return outcome.verdict.fallback?.candidate;
  return undefined;
}

/** The verdict in plain words. */
export function verdictText(outcome: TuneOutcome): string {
  const slo = outcome.slo.maxUnderProvisionedPercent;
  const reference = summaryOf(outcome.heldOut.reference);
  const targetValue = outcome.reference?.parameters.targetValue;
  const referenceText = reference
    ? `target tracking at its best training target (${targetValue}) ${reference.underProvisionedPercent <= slo ? 'meets it' : 'misses it'} at ${figures(reference)}`
    : 'target tracking at its best training target could not be simulated';
  const chosen = outcome.chosen;
  switch (outcome.verdict.kind) {
    case 'none-feasible':
      return `Nothing met the SLO (at most ${slo} % of minutes under-provisioned) even on the training days${chosen ? `: the closest was ${chosen.family} at ${fixed(chosen.figures.underProvisionedPercent, 2)} %` : ''}. Nothing is recommended: loosen the SLO, raise maxCapacity, or tune on days that show the load to come.`;
    case 'recommended': {
      const held = summaryOf(outcome.heldOut.chosen) as SimulationSummary;
      const saving = reference ? ` (${comparedWith(held.instanceHours, reference.instanceHours)})` : '';
      return `Recommended: the tuned ${chosen?.family} policies meet the SLO on the held-out days at ${figures(held)}${saving}; ${referenceText}.`;
    }
    case 'missed': {
      const held = summaryOf(outcome.heldOut.chosen);
      const missed = held
        ? `${fixed(held.underProvisionedPercent, 2)} % of minutes under-provisioned, more than ${slo} %`
        : 'it could not be simulated there';
      const fallback = outcome.verdict.fallback;
      const instead = fallback
        ? ` The cheapest other candidate that meets it there is ${fallback.candidate.family} at ${figures(fallback.summary)}; it was picked with the held-out days, so those figures are not an independent check.`
        : ' No other candidate of the training frontier met it there either.';
      return `Not recommended: the tuned ${chosen?.family} policies miss the SLO on the held-out days (${missed}).${instead} For comparison, ${referenceText}.`;
    }
  }
}

/** The held-out days, side by side: tuned, current, the target tracking reference, the oracle. */
export function heldOutTable(outcome: TuneOutcome, columns: readonly string[]): string {
  const runs = [outcome.heldOut.chosen, outcome.heldOut.current, outcome.heldOut.reference].map(summaryOf);
  const oracle = runs.find((run) => run !== undefined)?.oracleInstanceHours;
  const row = (label: string, value: (s: SimulationSummary) => string, limit: string) => [
    label,
    ...runs.map((run) => (run ? value(run) : '-')),
    limit,
  ];
  const whole = (v: number) => Math.round(v).toLocaleString('en-US');
  return renderTable(
    ['', ...columns, 'oracle'],
    [
      row('instance-hours', (s) => fixed(s.instanceHours, 1), oracle === undefined ? '-' : fixed(oracle, 1)),
      row('cost ratio (vs oracle)', (s) => fixed(s.costRatio, 2), '1.00'),
      row(
        'minutes under-provisioned',
        (s) => `${whole(s.underProvisionedMinutes)} (${fixed(s.underProvisionedPercent, 2)} %)`,
        '0',
      ),
      row('requests unserved', (s) => `${whole(s.unservedRequests)} (${fixed(s.unservedPercent, 2)} %)`, '0'),
      row('scaling actions', (s) => whole(s.scalingActions), '-'),
    ],
  );
}

function searchedText(family: Family, parameter: string): string {
  const dimension = family.dimensions.find((d) => d.name === parameter);
  if (dimension === undefined) return 'tuned';
  const range =
    dimension.kind === 'range' ? `${dimension.min}..${dimension.max}` : dimension.values.join(', ');
  const unit =
    parameter === 'inRatio'
      ? ' x the scale-out threshold'
      : parameter === 'burstRatio'
        ? ' x the target'
        : '';
  return `tuned: searched ${range}${unit}`;
}

/** "12.5 % fewer instance-hours than that reference", or more, or the same. */
export function comparedWith(instanceHours: number, referenceHours: number): string {
  const change = (instanceHours / referenceHours - 1) * 100;
  const rounded = fixed(Math.abs(change), 1);
  if (rounded === fixed(0, 1)) return 'the same instance-hours as that reference';
  return `${rounded} % ${change < 0 ? 'fewer' : 'more'} instance-hours than that reference`;
}

/** How many candidates the families simulated (the search may stop short of its budget). */
export function simulatedCandidates(outcome: TuneOutcome): number {
  return outcome.families.reduce((sum, family) => sum + family.tried.length, 0);
}

/** The comments of the tuned scaling.yml. */
export function provenance(
  outcome: TuneOutcome,
  candidate: TriedCandidate,
  meta: { source: string; capacityPerInstance: number; madeAt: number; budget: number },
): TunedProvenance {
  const family = families(meta.capacityPerInstance).find((f) => f.name === candidate.family) as Family;
  const held =
    candidate === outcome.chosen
      ? summaryOf(outcome.heldOut.chosen)
      : outcome.verdict.kind === 'missed'
        ? outcome.verdict.fallback?.summary
        : undefined;
  const { training, holdout } = outcome.windows;
  const reference = summaryOf(outcome.heldOut.reference);
  const current = summaryOf(outcome.heldOut.current);
  const lines = [
    `Tuned by \`scaler tune\` on ${day(meta.madeAt)} UTC from ${meta.source}, ${meta.capacityPerInstance} requests/min per instance:`,
    `trained on ${day(training.from)} .. ${day(training.to)}, held out ${day(holdout.from)} .. ${day(holdout.to)};`,
    `SLO: at most ${outcome.slo.maxUnderProvisionedPercent} % of minutes under-provisioned${outcome.slo.maxUnservedPercent === undefined ? '' : `, ${outcome.slo.maxUnservedPercent} % of requests unserved`}.`,
    `Family ${candidate.family}, best of ${simulatedCandidates(outcome)} candidates simulated on the training days (budget ${meta.budget}).`,
    ...(held ? [`Held out: ${figures(held)}.`] : []),
    ...(reference
      ? [
          `Target tracking at its best training target (${outcome.reference?.parameters.targetValue}): ${figures(reference)}.`,
        ]
      : []),
    ...(current ? [`The policies this replaces: ${figures(current)}.`] : []),
    ...(candidate === outcome.chosen
      ? []
      : [
          'Picked with the held-out days (the training choice missed the SLO there): not an independent check.',
        ]),
  ];
  return {
    lines,
    notes: family.places.map((place) => ({ path: place.path, text: searchedText(family, place.parameter) })),
  };
}

/** The `--json` document: the held-out summaries (as `simulate --json`) and the choice. */
export function tuneJson(outcome: TuneOutcome) {
  const held = (run: HeldOut | undefined) =>
    run === undefined ? null : 'summary' in run ? run.summary : { problem: run.problem };
  const pick = recommended(outcome);
  return {
    windows: outcome.windows,
    slo: outcome.slo,
    verdict: outcome.verdict.kind,
    chosen: outcome.chosen
      ? {
          family: outcome.chosen.family,
          parameters: outcome.chosen.parameters,
          training: outcome.chosen.figures,
        }
      : null,
    recommended: pick ? { family: pick.family, parameters: pick.parameters } : null,
    heldOut: {
      chosen: held(outcome.heldOut.chosen),
      current: held(outcome.heldOut.current),
      reference: outcome.reference
        ? { targetValue: outcome.reference.parameters.targetValue, summary: held(outcome.heldOut.reference) }
        : null,
      ...(outcome.verdict.kind === 'missed' && outcome.verdict.fallback
        ? { fallback: outcome.verdict.fallback.summary }
        : {}),
    },
    families: outcome.families.map((family) => ({
      family: family.family,
      candidates: family.tried.length,
      best: family.best
        ? {
            parameters: family.best.parameters,
            training: family.best.figures,
            meetsSlo: family.best.feasible,
          }
        : null,
    })),
  };
}
