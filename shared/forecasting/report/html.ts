/**
 * The forecast report page: the forecast against what happened, as a chart and a table, in the
 * simulator report's style (its stylesheet, number formats and drawing primitives), with inline
 * CSS and SVG and a policy that forbids loading anything, so it opens offline.
 */
import { escapeXml as esc } from '../../sim/report/draw.ts';
import { int, num, utc } from '../../sim/report/format.ts';
import { REPORT_CSS } from '../../sim/report/style.ts';
import { accuracy, type ForecastComparison } from '../forecast-view.ts';
import { FORECAST_COLOURS, forecastChart } from './chart.ts';

/** What the page shows: the comparison, and the history hours drawn before the forecast. */
export interface ForecastReport extends ForecastComparison {
  /** Hourly totals before the origin, oldest first, ending at the origin. */
  before: (number | undefined)[];
}

const CHART_CSS = `
#forecast-chart { display: block; font-size: 11px; }
#forecast-chart .series { fill: none; stroke-width: 2; stroke-linejoin: round; }
#forecast-chart .frame { fill: none; stroke: #cbd5e1; }
#forecast-chart .hgrid, #forecast-chart .vgrid { stroke: #e2e8f0; stroke-width: 1; }
#forecast-chart .tick { fill: var(--muted); }
#forecast-chart .axis-title { fill: var(--muted); font-size: 11px; }
#forecast-chart .marker line { stroke-width: 1.2; stroke-dasharray: 4 3; }
#forecast-chart .marker-label { fill: #0f766e; font-size: 11px; font-weight: 600; }
`;

function card(label: string, value: string, detail: string): string {
  return `<div class="card"><div class="card-label">${esc(label)}</div><div class="card-value">${esc(value)}</div><div class="card-detail">${esc(detail)}</div></div>`;
}

/** The self-contained page. */
export function forecastReportHtml(report: ForecastReport): string {
  const { forecast, actual, source, before } = report;
  const { history } = forecast;
  const score = accuracy(report);
  const end = forecast.origin + forecast.intervals.length * forecast.intervalMs;
  const chart = forecastChart({
    start: forecast.origin - before.length * forecast.intervalMs,
    actual: [...before, ...actual],
    originIndex: before.length,
    forecast: forecast.intervals.map((interval) => interval.requests),
  });
  const total = forecast.intervals.reduce((sum, interval) => sum + interval.requests, 0);
  const peak = Math.max(...forecast.intervals.map((interval) => interval.requestsPerMinute));
  const cards = [
    card(
      'history used',
      `${history.hours} h`,
      `${utc(history.from)} → ${utc(history.to)}, ${history.hoursWithData} h with data`,
    ),
    card('forecast requests', int(total), `over ${forecast.intervals.length} h, peak ${num(peak, 1)} / min`),
    score
      ? card('WAPE vs what happened', `${num(score.wape, 1)} %`, `over the ${score.hours} h the source shows`)
      : card('WAPE vs what happened', '—', 'the source ends before the forecast'),
    score
      ? card('under-forecast hours', `${num(score.under, 0)} %`, 'hours whose forecast fell short')
      : card('under-forecast hours', '—', 'nothing to compare with'),
  ];
  const rows = forecast.intervals
    .map((interval, i) => {
      const happened = actual[i];
      return `<tr><th>${esc(utc(interval.start))}</th><td>${int(interval.requests)}</td><td>${num(interval.requestsPerMinute, 1)}</td><td>${happened === undefined ? '—' : int(happened)}</td></tr>`;
    })
    .join('');
  const swatch = (colour: string, label: string) =>
    `<li><span class="swatch" style="background:${colour}"></span>${esc(label)}</li>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Forecast: ${esc(source)}</title>
<style>${REPORT_CSS}${CHART_CSS}</style>
</head>
<body>
<main>
<header>
<p class="eyebrow">sagemaker-scaler · forecast report</p>
<h1>${esc(source)}</h1>
<p class="period">${esc(`forecast made ${utc(forecast.origin)} UTC for ${forecast.intervals.length} hours, to ${utc(end)} UTC`)}</p>
</header>
<section class="cards">${cards.join('')}</section>
<section class="chart">
<h2>Forecast against what happened</h2>
<ul class="legend">${swatch(FORECAST_COLOURS.actual, 'what happened (requests / hour)')}${swatch(FORECAST_COLOURS.forecast, 'forecast (requests / hour)')}${swatch(FORECAST_COLOURS.gap, 'no data')}${swatch(FORECAST_COLOURS.origin, 'forecast made')}</ul>
<div class="chart-scroll">${chart}</div>
<p class="note">The forecast learned only from the hours before the dashed line. Hourly totals: a burst inside an hour shows as that hour's total.</p>
</section>
<section>
<h2>Hourly forecast</h2>
<div class="table-scroll"><table><thead><tr><th>hour (UTC)</th><th>forecast requests</th><th>per minute</th><th>what happened</th></tr></thead><tbody>${rows}</tbody></table></div>
</section>
<section class="notes"><h2>How to read this</h2><dl>
<dt>Forecast</dt><dd>Each hour's requests as the scaler's forecast sees them: a robust seasonal model (same time of day over the last 14 days, weekdays weighted by how busy they run, a level that follows the last day or so). Forecast capacity per hour = ceil(requests per minute ÷ targetValue). docs/predictive.md has the method and its evaluation.</dd>
<dt>WAPE</dt><dd>Sum of |forecast − what happened| over the sum of what happened, over the hours the source shows after the forecast was made.</dd>
</dl></section>
</main>
</body>
</html>
`;
}
