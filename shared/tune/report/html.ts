/**
 * The tune report page (`report.html`): the frontier of each family on the training days, the
 * chosen point, and the held-out days' figures of the chosen configuration beside the user's
 * current one and target tracking at its best training target. Self-contained: inline CSS and
 * SVG, and a policy that forbids loading anything, so it opens offline.
 */
import { escapeXml as esc } from '../../sim/report/draw.ts';
import { int, num, ratio, utc } from '../../sim/report/format.ts';
import { REPORT_CSS } from '../../sim/report/style.ts';
import type { HeldOut, TuneOutcome } from '../run-tune.ts';
import { FAMILY_COLOURS, frontierChart } from './chart.ts';
import { parameterLabel } from './frontier.ts';

const CHART_CSS = `
#frontier-chart { display: block; font-size: 11px; }
#frontier-chart .hgrid { stroke: #e2e8f0; }
#frontier-chart .tick, #frontier-chart .axis-title { fill: var(--muted); }
#frontier-chart .frontier { fill: none; stroke-width: 1.5; }
#frontier-chart .point-label { font-size: 10px; }
#frontier-chart .slo { stroke: #dc2626; stroke-dasharray: 5 4; }
#frontier-chart .slo-label { fill: #dc2626; font-weight: 600; }
#frontier-chart .mark { fill: none; stroke: #0f172a; stroke-width: 2; }
#frontier-chart .mark-label { font-weight: 600; }
.legend span { display: inline-block; margin-right: 18px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 6px; }
.verdict { font-weight: 600; }
`;

function cell(
  run: HeldOut | undefined,
  value: (s: Extract<HeldOut, { summary: unknown }>['summary']) => string,
): string {
  if (run === undefined) return '—';
  return 'summary' in run ? value(run.summary) : 'cannot be simulated';
}

function heldOutTable(outcome: TuneOutcome, headers: readonly string[]): string {
  const runs = [outcome.heldOut.chosen, outcome.heldOut.current, outcome.heldOut.reference];
  const oracle = runs.find((run) => run && 'summary' in run) as
    | { summary: { oracleInstanceHours: number } }
    | undefined;
  const rows: [string, string, (s: Extract<HeldOut, { summary: unknown }>['summary']) => string][] = [
    ['instance-hours', 'Instance-hours', (s) => num(s.instanceHours, 1)],
    ['cost-ratio', 'Cost ratio (÷ oracle)', (s) => ratio(s.costRatio)],
    [
      'under-provisioned',
      'Minutes under-provisioned',
      (s) => `${int(s.underProvisionedMinutes)} (${num(s.underProvisionedPercent, 2)} %)`,
    ],
    ['unserved', 'Requests unserved', (s) => `${int(s.unservedRequests)} (${num(s.unservedPercent, 2)} %)`],
    ['scaling-actions', 'Scaling actions', (s) => int(s.scalingActions)],
  ];
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows
    .map(([key, label, value]) => {
      const cells = runs.map((run) => `<td>${esc(cell(run, value))}</td>`).join('');
      const limit =
        key === 'instance-hours' && oracle
          ? num(oracle.summary.oracleInstanceHours, 1)
          : key === 'cost-ratio'
            ? '1.00×'
            : '—';
      return `<tr data-metric="${key}"><th scope="row">${esc(label)}</th>${cells}<td>${esc(limit)}</td></tr>`;
    })
    .join('');
  return `<table id="held-out"><thead><tr><th></th>${head}<th>Oracle</th></tr></thead><tbody>${body}</tbody></table>`;
}

function familiesTable(outcome: TuneOutcome): string {
  const rows = outcome.families
    .map((family) => {
      const best = family.best;
      const figures = best
        ? `${num(best.figures.instanceHours, 1)} instance-hours, ${num(best.figures.underProvisionedPercent, 2)} % under-provisioned${best.feasible ? '' : ' (misses the SLO)'}`
        : '—';
      return `<tr data-family="${family.family}"><th scope="row"><i style="background:${FAMILY_COLOURS[family.family]}"></i> ${esc(family.family)}</th><td>${esc(family.description)}</td><td>${int(family.tried.length)}</td><td>${esc(figures)}</td><td>${esc(best ? parameterLabel(best) : '—')}</td></tr>`;
    })
    .join('');
  return `<table id="families"><thead><tr><th>Family</th><th>What was searched</th><th>Candidates</th><th>Best on the training days</th><th>Its parameters</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The page; `verdict` is the sentence the CLI prints too, `title` names the target. */
export function tuneReportHtml(
  outcome: TuneOutcome,
  meta: { title: string; source: string; verdict: string; columns: readonly string[] },
): string {
  const { training, holdout } = outcome.windows;
  const legend = outcome.families
    .map((f) => `<span><i style="background:${FAMILY_COLOURS[f.family]}"></i>${esc(f.family)}</span>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>scaler tune: ${esc(meta.title)}</title>
<style>${REPORT_CSS}${CHART_CSS}</style></head>
<body><main>
<header><p class="eyebrow">scaler tune</p><h1>${esc(meta.title)}</h1>
<p class="period">${esc(meta.source)}: trained on ${esc(utc(training.from))} → ${esc(utc(training.to))}, held out ${esc(utc(holdout.from))} → ${esc(utc(holdout.to))}; SLO: at most ${esc(String(outcome.slo.maxUnderProvisionedPercent))} % of minutes under-provisioned${outcome.slo.maxUnservedPercent === undefined ? '' : ` and ${esc(String(outcome.slo.maxUnservedPercent))} % of requests unserved`}</p></header>
<section><h2>Verdict</h2><p class="verdict" id="verdict">${esc(meta.verdict)}</p></section>
<section><h2>Held-out days</h2>${heldOutTable(outcome, meta.columns)}</section>
<section><h2>Every candidate on the training days</h2><p class="legend">${legend}</p>${frontierChart(outcome)}
<p class="note">Each point is one configuration simulated through the scaler's own decision path on the training days; the lines join each family's frontier (no cheaper candidate of it is better served). Points above three times the SLO sit on the top edge.</p></section>
<section><h2>Families</h2>${familiesTable(outcome)}</section>
</main></body></html>
`;
}
