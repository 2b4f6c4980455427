/**
 * The report page itself: header, chart legend and reading notes around the sections other
 * modules draw (the summary figures, the timeline chart, the scaling activities).
 */

import { resolutionLine } from '../resolution.ts';
import { scalingActivities } from './activities.ts';
import { escapeXml as esc } from './draw.ts';
import { int, num, utc } from './format.ts';
import type { SimulationRun } from './outputs.ts';
import { ALARM_COLOURS, COLOURS, REPORT_CSS } from './style.ts';
import { summaryCards, summaryTable } from './summary.ts';
import { hasForecastFloor, timelineChart } from './svg.ts';
import { type ZoomableTimeline, zoomableTimeline } from './zoom.ts';

/**
 * The self-contained report page: inline CSS and SVG, and a Content Security Policy that
 * forbids loading anything, so it opens offline and behaves the same everywhere. When the run
 * has more steps than the chart has pixel columns, the page also inlines a zoomable chart
 * (uPlot) with every step; the static SVG stays as the page without JavaScript. A shorter run's
 * page has no script at all.
 */
export function reportHtml(run: SimulationRun): string {
  const { summary, policy } = run;
  const chart = timelineChart(run);
  const zoom = chart.minutesPerColumn > 1 ? zoomOrWhyNot(run) : undefined;
  const zoomable = typeof zoom === 'object' ? zoom : undefined;
  const scriptPolicy = zoomable ? ` script-src ${zoomable.scriptSources.join(' ')};` : '';
  const first = policy[0]?.time ?? 0;
  const step = stepWords(run);
  const end = first + policy.length * step.ms;
  const gaps = policy.filter((m) => m.gap).length;
  const count = run.resolution
    ? `${int((policy.length * step.ms) / 60_000)} minutes in ${int(policy.length)} ${step.plural}`
    : `${int(policy.length)} minutes`;
  const period = `${utc(first)} → ${utc(end)} UTC · ${count}${gaps ? ` (${int(gaps)} without data)` : ''}`;
  const thinned =
    chart.minutesPerColumn > 1
      ? `Each drawn column stands for about ${num(chart.minutesPerColumn, 1)} ${step.plural}: lines show their mean, shaded bands the lowest to highest serving count, demand its peak, alarm bands their worst state. timeline.csv has every ${step.one}.`
      : `Every ${step.one} is drawn.`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none';${scriptPolicy} style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulation: ${esc(run.target)}</title>
<style>${REPORT_CSS}</style>
${zoomable ? `${zoomable.style}\n` : ''}</head>
<body>
<main>
<header>
<p class="eyebrow">sagemaker-scaler · simulation report</p>
<h1>${esc(run.target)}</h1>
<p class="period">${esc(period)}</p>
${run.resolution ? `<p class="period" id="resolution">${esc(resolutionLine(run.resolution))}</p>\n` : ''}</header>
${summaryCards(summary)}
<section class="chart">
<h2>Timeline</h2>
${legend(run)}
<div id="timeline-static">
<div class="chart-scroll">${chart.svg}</div>
<p class="note">${esc(thinned)}${typeof zoom === 'string' ? ` ${esc(zoom)}` : ''}</p>
</div>
${zoomable ? `${zoomable.body}\n` : ''}</section>
<section>
<h2>Summary</h2>
${summaryTable(run)}
</section>
<section>
<h2>Scaling activities</h2>
${scalingActivities(run.outcomes)}
</section>
${notes(summary.baseline, step.one)}
</main>
</body>
</html>
`;
}

/** Read above the zoomable chart, and hidden with it when the page runs no script. */
const ZOOM_NOTE =
  'Every step is drawn. Drag across either panel to zoom into a time range (both follow); double-click to see the whole run again. Click a legend entry to hide or show its series; the legend reads the values under the cursor.';

/** The zoomable chart, or why the page has none (its library could not be read). */
function zoomOrWhyNot(run: SimulationRun): ZoomableTimeline | string {
  try {
    return zoomableTimeline(run, `<p class="note">${esc(ZOOM_NOTE)}</p>`);
  } catch (error) {
    return `No zoomable chart: ${(error as Error).message}.`;
  }
}

/** The chart's key: a swatch or line for every series, band and marker it can draw. */
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
    ...(hasForecastFloor(run.policy)
      ? [[line(COLOURS.forecastFloor, '1 3'), 'predictive floor'] as [string, string]]
      : []),
    [box(COLOURS.unserved), 'unserved requests'],
    [box(COLOURS.gap), 'no data in trace'],
    [line(COLOURS.marker), 'scheduled action fired'],
    [box(ALARM_COLOURS.ALARM), 'ALARM'],
    [box(ALARM_COLOURS.OK), 'OK'],
    [box(ALARM_COLOURS.INSUFFICIENT_DATA), 'INSUFFICIENT_DATA'],
  ];
  return `<ul class="legend">${items.map(([icon, label]) => `<li>${icon}${esc(label)}</li>`).join('')}</ul>`;
}

/** How the report names its step: a minute, or (high resolution) a 10-s step. */
function stepWords(run: SimulationRun): { ms: number; one: string; plural: string } {
  const seconds = run.resolution?.stepSeconds;
  if (seconds === undefined) return { ms: 60_000, one: 'minute', plural: 'minutes' };
  return { ms: seconds * 1000, one: `${seconds}-s step`, plural: `${seconds}-s steps` };
}

/** What each series means and how the oracle and baseline are computed. */
function notes(
  baseline: { targetValue: number; targetValueSource: 'option' | 'default' },
  step: string,
): string {
  const source =
    baseline.targetValueSource === 'option'
      ? 'set with --baseline-target'
      : 'by default half the capacity per instance, the safety factor AWS suggests starting from, so it never follows the policy under test';
  return `<section class="notes"><h2>How to read this</h2><dl>
<dt>Serving, desired, billed</dt><dd>Serving instances answer requests. Desired is the variant's count as the scaler last set it. Billed adds instances starting up or draining: it is what the run costs.</dd>
<dt>Oracle</dt><dd>The physical limit: the fewest instance-hours that serve every ${esc(step)} in full, knowing the future and the startup time, never below the minimum capacity, billed like the fleet (from the request, startup included). Computed exactly per instance level: each level keeps its instance across a gap shorter than the startup, otherwise removes it and asks again one startup ahead. Cost ratio = instance-hours ÷ the oracle's.</dd>
<dt>Baseline</dt><dd>Application Auto Scaling target tracking on InvocationsPerInstance (target value ${esc(num(baseline.targetValue, 2))}, ${esc(source)}) on the same fleet model and trace: what the endpoint would do without this scaler.</dd>
<dt>Bands and markers</dt><dd>Alarm bands, each with the alarm's full name in it, show each managed alarm's state at the end of each ${esc(step)} (ALARM red, OK green, INSUFFICIENT_DATA grey). Vertical lines mark scheduled actions firing; hover one for its name and time. Red ticks under a panel mark ${esc(step === 'minute' ? 'minutes' : `${step}s`)} with unserved requests.</dd>
<dt>Files</dt><dd><a href="timeline.csv">timeline.csv</a> has every ${esc(step)}; <a href="activities.jsonl">activities.jsonl</a> every outcome.</dd>
</dl></section>`;
}
