import type { EventOutcome } from '../usecases/outcome.ts';
import type { SimulationRun } from './report.ts';
import { escapeXml as esc } from './report-draw.ts';
import { ALARM_COLOURS, COLOURS, REPORT_CSS } from './report-style.ts';
import { timelineChart } from './report-svg.ts';
import type { PolicyFigures } from './timeline.ts';

/** Scaling activities listed in the page; the rest are in activities.jsonl. */
const LISTED_ACTIVITIES = 200;

/**
 * The self-contained report page: inline CSS and SVG, no script, and a Content Security
 * Policy that forbids loading anything, so it opens offline and behaves the same everywhere.
 */
export function reportHtml(run: SimulationRun): string {
  const { summary, policy } = run;
  const chart = timelineChart(run);
  const first = policy[0]?.time ?? 0;
  const end = first + policy.length * 60_000;
  const gaps = policy.filter((m) => m.gap).length;
  const period = `${utc(first)} → ${utc(end)} UTC · ${int(policy.length)} minutes${gaps ? ` (${int(gaps)} without data)` : ''}`;
  const thinned =
    chart.minutesPerColumn > 1
      ? `Each drawn column stands for about ${num(chart.minutesPerColumn, 1)} minutes: lines show their mean, shaded bands the lowest to highest serving count, demand its peak, alarm bands their worst state. timeline.csv has every minute.`
      : 'Every minute is drawn.';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulation: ${esc(run.target)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<p class="eyebrow">sagemaker-scaler · simulation report</p>
<h1>${esc(run.target)}</h1>
<p class="period">${esc(period)}</p>
</header>
${cards(summary)}
<section class="chart">
<h2>Timeline</h2>
${legend(run)}
<div class="chart-scroll">${chart.svg}</div>
<p class="note">${esc(thinned)}</p>
</section>
<section>
<h2>Summary</h2>
${summaryTable(run)}
</section>
<section>
<h2>Scaling activities</h2>
${activities(run.outcomes)}
</section>
${notes(summary.baseline.targetValue)}
</main>
</body>
</html>
`;
}

function cards(summary: SimulationRun['summary']): string {
  const card = (label: string, value: string, detail: string) =>
    `<div class="card"><div class="card-label">${esc(label)}</div><div class="card-value">${esc(value)}</div><div class="card-detail">${esc(detail)}</div></div>`;
  return `<section class="cards">${[
    card('Cost vs oracle', ratio(summary.costRatio), `baseline ${ratio(summary.baseline.costRatio)}`),
    card(
      'Instance-hours',
      num(summary.instanceHours, 1),
      `baseline ${num(summary.baseline.instanceHours, 1)} · oracle ${num(summary.oracleInstanceHours, 1)}`,
    ),
    card(
      'Unserved requests',
      `${num(summary.unservedPercent, 2)} %`,
      `baseline ${num(summary.baseline.unservedPercent, 2)} %`,
    ),
    card(
      'Under-provisioned minutes',
      int(summary.underProvisionedMinutes),
      `baseline ${int(summary.baseline.underProvisionedMinutes)}`,
    ),
  ].join('')}</section>`;
}

function legend(run: SimulationRun): string {
  const line = (colour: string, dash = '') =>
    `<svg width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5" stroke="${colour}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/></svg>`;
  const box = (colour: string) => `<span class="swatch" style="background:${colour}"></span>`;
  const demand = run.capacityPerInstance
    ? 'demand (required instances)'
    : 'demand (requests / min, right axis)';
  const items: [string, string][] = [
    [box(COLOURS.demand), demand],
    [line(COLOURS.serving), 'policy serving'],
    [line(COLOURS.desired, '6 3'), 'policy desired'],
    [line(COLOURS.billed), 'policy billed'],
    [line(COLOURS.baselineServing), 'baseline serving'],
    [line(COLOURS.baselineDesired, '6 3'), 'baseline desired'],
    [line(COLOURS.baselineBilled), 'baseline billed'],
    ...(run.oracleBilled ? [[line(COLOURS.oracle, '2 3'), 'oracle billed'] as [string, string]] : []),
    [box(COLOURS.unserved), 'unserved requests'],
    [box(COLOURS.gap), 'no data in trace'],
    [line(COLOURS.marker), 'scheduled action fired'],
    [box(ALARM_COLOURS.ALARM), 'ALARM'],
    [box(ALARM_COLOURS.OK), 'OK'],
    [box(ALARM_COLOURS.INSUFFICIENT_DATA), 'INSUFFICIENT_DATA'],
  ];
  return `<ul class="legend">${items.map(([icon, label]) => `<li>${icon}${esc(label)}</li>`).join('')}</ul>`;
}

function summaryTable(run: SimulationRun): string {
  const { summary } = run;
  type Column = { figures: PolicyFigures; costRatio: number } | undefined;
  const columns: Column[] = [
    { figures: summary, costRatio: summary.costRatio },
    { figures: summary.baseline, costRatio: summary.baseline.costRatio },
    undefined,
  ];
  const oracleHours = summary.oracleInstanceHours;
  const rows: [string, string, (c: NonNullable<Column>) => string, string][] = [
    ['instance-hours', 'Instance-hours', (c) => num(c.figures.instanceHours, 1), num(oracleHours, 1)],
    ['cost-ratio', 'Cost ratio (÷ oracle)', (c) => ratio(c.costRatio), '1.00×'],
    [
      'under-provisioned-minutes',
      'Under-provisioned minutes',
      (c) => int(c.figures.underProvisionedMinutes),
      '0',
    ],
    [
      'under-provisioned-percent',
      'Under-provisioned minutes, %',
      (c) => `${num(c.figures.underProvisionedPercent, 2)} %`,
      '0.00 %',
    ],
    ['unserved-requests', 'Unserved requests', (c) => int(c.figures.unservedRequests), '0'],
    ['unserved-percent', 'Unserved requests, %', (c) => `${num(c.figures.unservedPercent, 2)} %`, '0.00 %'],
    ['scaling-actions', 'Scaling actions', (c) => int(c.figures.scalingActions), '—'],
    ['deferred-actions', 'Deferred actions', (c) => int(c.figures.deferredActions), '—'],
  ];
  const body = rows
    .map(([key, label, cell, oracle]) => {
      const cells = columns.map((c) => `<td>${esc(c ? cell(c) : oracle)}</td>`).join('');
      return `<tr data-metric="${key}"><th scope="row">${esc(label)}</th>${cells}</tr>`;
    })
    .join('');
  const baselineHead = `Baseline<span class="sub">target tracking, target ${esc(num(summary.baseline.targetValue, 2))}</span>`;
  return `<table id="summary"><thead><tr><th></th><th>Policy</th><th>${baselineHead}</th><th>Oracle<span class="sub">physical limit</span></th></tr></thead><tbody>${body}</tbody></table>`;
}

function activities(outcomes: EventOutcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.action, (counts.get(o.action) ?? 0) + 1);
  const tally = `${[...counts].map(([action, n]) => `${int(n)} ${action}`).join(' · ') || 'No events'}.`;
  const listed = outcomes.filter((o) => o.action !== 'none').slice(0, LISTED_ACTIVITIES);
  const rows = listed
    .map((o) => {
      const cells = [
        utc(o.time),
        o.action,
        `${o.fromCapacity} → ${o.toCapacity}`,
        o.scheduledActionName ?? o.policyName ?? '',
        o.reason,
      ];
      return `<tr class="action-${esc(o.action)}">${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
    })
    .join('');
  const more = outcomes.length > 0 ? ` All ${int(outcomes.length)} outcomes are in activities.jsonl.` : '';
  const head =
    '<tr><th>Time (UTC)</th><th>Action</th><th>Capacity</th><th>Policy or schedule</th><th>Reason</th></tr>';
  const table =
    listed.length > 0
      ? `<div class="table-scroll"><table class="activities"><thead>${head}</thead><tbody>${rows}</tbody></table></div>`
      : '';
  const shown =
    listed.length === LISTED_ACTIVITIES
      ? ` The first ${LISTED_ACTIVITIES} that were not a no-op are listed.`
      : '';
  return `<p class="note">${esc(`${tally}${shown}${more}`)}</p>${table}`;
}

function notes(targetValue: number): string {
  return `<section class="notes"><h2>How to read this</h2><dl>
<dt>Serving, desired, billed</dt><dd>Serving instances answer requests. Desired is the variant's count as the scaler last set it. Billed adds instances starting up or draining: it is what the run costs.</dd>
<dt>Oracle</dt><dd>The physical limit: the fewest instance-hours that serve every minute in full, knowing the future and the startup time, never below the minimum capacity, billed like the fleet (from the request, startup included). Computed exactly per instance level: each level keeps its instance across a gap shorter than the startup, otherwise removes it and asks again one startup ahead. Cost ratio = instance-hours ÷ the oracle's.</dd>
<dt>Baseline</dt><dd>Application Auto Scaling target tracking (target value ${esc(num(targetValue, 2))}) on the same fleet model and trace: what the endpoint would do without this scaler.</dd>
<dt>Bands and markers</dt><dd>Alarm bands show each managed alarm's state at the end of each minute (ALARM red, OK green, INSUFFICIENT_DATA grey). Vertical lines mark scheduled actions firing; hover one for its name and time. Red ticks under a panel mark minutes with unserved requests.</dd>
<dt>Files</dt><dd><a href="timeline.csv">timeline.csv</a> has every minute; <a href="activities.jsonl">activities.jsonl</a> every outcome.</dd>
</dl></section>`;
}

/** Fixed decimals and thin grouping: the same text on every machine, whatever its locale. */
function num(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '—';
  const [whole = '', fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(value.toFixed(decimals)) !== 0 ? '-' : '';
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A cost ratio; none when the oracle costs nothing (no demand, no minimum). */
function ratio(value: number): string {
  return Number.isFinite(value) ? `${num(value, 2)}×` : '—';
}

function int(value: number): string {
  return num(Math.round(value), 0);
}

function utc(time: number): string {
  return new Date(time).toISOString().slice(0, 16).replace('T', ' ');
}
