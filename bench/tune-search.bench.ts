/**
 * The tuner's search against a plain grid of the same budget (`node bin/run-ts.mjs
 * bench/tune-search.bench.ts [--candidates 240] [--slo 0.5]`): on the training days of the NASA
 * tune (1995-08-04 .. 08-25, the 21 days before the held-out week; requests x25, 1,000 a minute per
 * instance, 300 s start-up), each family gets the share of the budget `scaler tune` gives it, spent
 * once as the tuner spends it (an even Halton sample, then a pattern search around the best points:
 * `shared/tune/pattern-search.ts`) and once as a grid (as many levels per dimension as the budget
 * allows, `support/grid-search.ts`). Both judge every candidate the same way (the production
 * decision path on worker threads, `poolEvaluator`) and pick the best the same way (the cheapest
 * meeting the SLO, else the one missing it by least), so the table compares only where each spends
 * its budget: the best training instance-hours at the SLO each found, per family and overall.
 */
import { join } from 'node:path';
import { compiledCli, DIST } from '../bin/compiled-cli.mjs';
import { buildCli } from '../scripts/build-cli.mjs';
import { renderTable } from '../shared/cli/table.ts';
import { loadConfigFile } from '../shared/config/index.ts';
import type { TargetConfig } from '../shared/domain/model.ts';
import { readTraceFile } from '../shared/sim/trace/trace.ts';
import { poolEvaluator } from '../shared/tune/evaluator.ts';
import { families } from '../shared/tune/families.ts';
import { betterUnder, type CandidateFigures, meetsSlo } from '../shared/tune/objective.ts';
import { patternSearch } from '../shared/tune/pattern-search.ts';
import { FAMILY_SHARES, REFERENCE_BUDGET, splitWindow } from '../shared/tune/run-tune.ts';
import type { Parameters } from '../shared/tune/space.ts';
import { flag, ROOT } from './support/baseline-tree.ts';
import { gridCandidates, gridLevels } from './support/grid-search.ts';

const candidates = Number(flag('candidates', '240'));
const slo = { maxUnderProvisionedPercent: Number(flag('slo', '0.5')) };
const capacity = 1000;
const simulation = { capacityPerInstance: capacity, instanceStartupSeconds: 300 };
if (!compiledCli().entry) await buildCli({ quiet: true });

const history = readTraceFile(join(ROOT, 'traces/nasa_http_1995_1min.csv'), { scale: 25 });
const { training } = splitWindow(
  { from: Date.parse('1995-08-04T00:00:00Z'), to: Date.parse('1995-09-01T00:00:00Z') },
  7,
);
const target = loadConfigFile(join(ROOT, 'scaling.yml')).targets[0] as TargetConfig;
const evaluator = poolEvaluator(history, training, simulation, {
  worker: join(DIST, 'simulation-worker.mjs'),
});
const better = betterUnder(slo);

console.log(
  `search vs grid: NASA x25, training days ${new Date(training.from).toISOString().slice(0, 10)} .. ${new Date(training.to).toISOString().slice(0, 10)}, SLO ${slo.maxUnderProvisionedPercent} % under-provisioned minutes, the budget of a ${candidates}-candidate tune`,
);

interface Best {
  figures: CandidateFigures;
  parameters: Parameters;
  tried: number;
}

function bestOf(scored: readonly { figures: CandidateFigures; parameters: Parameters }[]): Best | undefined {
  let best: (typeof scored)[number] | undefined;
  for (const candidate of scored) if (!best || better(candidate.figures, best.figures)) best = candidate;
  return best && { ...best, tried: scored.length };
}

const remaining = candidates - REFERENCE_BUDGET;
const rows: string[][] = [];
const overall: { search?: Best; grid?: Best } = {};
try {
  for (const family of families(capacity)) {
    const budget = Math.floor(remaining * FAMILY_SHARES[family.name]);
    const policiesOf = (parameters: Parameters) => ({
      ...target,
      ...family.policies(parameters, target),
      mode: 'active' as const,
    });
    const searched: { figures: CandidateFigures; parameters: Parameters }[] = [];
    await patternSearch({
      dimensions: family.dimensions,
      budget,
      initial: Math.min(budget, 4 * family.dimensions.length),
      better,
      evaluate: async (batch) => {
        const figures = await evaluator.evaluate(batch.map(policiesOf));
        for (const [i, parameters] of batch.entries())
          searched.push({ parameters, figures: figures[i] as CandidateFigures });
        return figures;
      },
    });
    const grid = gridCandidates(family.dimensions, budget);
    const gridFigures = await evaluator.evaluate(grid.map(policiesOf));
    const gridded = grid.map((parameters, i) => ({
      parameters,
      figures: gridFigures[i] as CandidateFigures,
    }));
    const search = bestOf(searched);
    const plain = bestOf(gridded);
    for (const [key, best] of [
      ['search', search],
      ['grid', plain],
    ] as const) {
      const known = overall[key];
      if (best && (!known || better(best.figures, known.figures))) overall[key] = best;
    }
    rows.push([
      family.name,
      `${family.dimensions.length}`,
      `${searched.length} / ${grid.length} (${gridLevels(family.dimensions.length, budget).join('x')})`,
      shown(search),
      shown(plain),
      gain(search, plain),
    ]);
  }
} finally {
  await evaluator.close();
}
rows.push([
  'all families',
  '',
  '',
  shown(overall.search),
  shown(overall.grid),
  gain(overall.search, overall.grid),
]);

/** Instance-hours of the best, and whether it meets the SLO (its under-provisioned % otherwise). */
function shown(best: Best | undefined): string {
  if (!best) return '-';
  const hours = best.figures.instanceHours.toFixed(1);
  return meetsSlo(best.figures, slo)
    ? `${hours} h`
    : `${hours} h, misses (${best.figures.underProvisionedPercent.toFixed(2)} %)`;
}

/** How much cheaper the search's best is than the grid's, when both meet the SLO. */
function gain(search: Best | undefined, grid: Best | undefined): string {
  if (!search || !grid) return '-';
  const meets = [meetsSlo(search.figures, slo), meetsSlo(grid.figures, slo)];
  if (meets[0] && !meets[1]) return 'grid misses the SLO';
  if (!meets[0] && meets[1]) return 'search misses the SLO';
  if (!meets[0]) return 'both miss';
  const change = (search.figures.instanceHours / grid.figures.instanceHours - 1) * 100;
  return `${change > 0 ? '+' : ''}${change.toFixed(1)} %`;
}

console.log(
  renderTable(
    [
      'family',
      'dims',
      'candidates search / grid (levels)',
      'best by search',
      'best by grid',
      'search vs grid',
    ],
    rows,
  ),
);
console.log(
  'best = the cheapest training configuration meeting the SLO (instance-hours over the 21 days); a negative "search vs grid" is the share of instance-hours the search saves',
);
