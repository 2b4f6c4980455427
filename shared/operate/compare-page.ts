/**
 * `scaler compare --out DIR`'s compare.html: the comparison as one self-contained page (inline CSS
 * and SVG, no script, a Content Security Policy that forbids loading anything), so it opens
 * offline. It shares the reports' page stylesheet and escaping, and draws with a small module of
 * its own.
 */
import { escapeXml as esc } from '../sim/report/draw.ts';
import { PAGE_CSS } from '../sim/report/style.ts';
import { isoSeconds } from '../usecases/operate/clock-text.ts';
import type { Comparison, CountPoint } from '../usecases/operate/compare.ts';
import type { CapacityChange, ComparisonKind } from '../usecases/operate/compare-pairing.ts';
import { difference, summaryLine } from './render-compare.ts';

const OURS_COLOUR = '#2563eb';
const NATIVE_COLOUR = '#ea580c';
const KIND_LABELS: Record<ComparisonKind, string> = {
  agree: 'agree',
  'ours-earlier': 'ours earlier',
  'ours-later': 'ours later',
  'different-size': 'different size',
  'only-ours': 'only ours',
  'only-native': 'only native',
};

/** {@link PAGE_CSS} and the page's own rules (six summary cards, a left-aligned table, the chart). */
const CSS = `${PAGE_CSS}
.period, .note { margin: 0; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; background: none; border: 0; padding: 0; }
.legend { display: flex; gap: 18px; list-style: none; margin: 0 0 10px; padding: 0; font-size: 12px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.table-scroll, .chart-scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
#compare-chart { display: block; font-size: 11px; }
#compare-chart .grid { stroke: #e2e8f0; }
#compare-chart .tick { fill: var(--muted); }
`;

/** The page for a comparison. */
export function comparePageHtml(comparison: Comparison): string {
  const { summary } = comparison;
  const cards = (Object.keys(KIND_LABELS) as ComparisonKind[])
    .map(
      (kind) =>
        `<div class="card"><div class="card-label">${KIND_LABELS[kind]}</div><div class="card-value">${summary.counts[kind]}</div></div>`,
    )
    .join('');
  const notes = comparison.notes.map((note) => `<p class="note">${esc(note)}</p>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Compare: ${esc(comparison.target)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<p class="eyebrow">sagemaker-scaler · ours beside native Application Auto Scaling</p>
<h1>${esc(comparison.target)}</h1>
<p class="period">${esc(`${isoSeconds(comparison.from)} → ${isoSeconds(comparison.to)} · ${comparison.mode} mode · pairs within ${comparison.toleranceMinutes} min`)}</p>
</header>
<section class="cards">${cards}</section>
<section>
<h2>Desired instance count</h2>
<ul class="legend"><li>${swatch(OURS_COLOUR, '6 3')} ours (${comparison.mode === 'shadow' ? 'decided, not applied' : 'applied'})</li><li>${swatch(NATIVE_COLOUR, '')} native AAS</li></ul>
<div class="chart-scroll">${timelineSvg(comparison)}</div>
</section>
<section>
<h2>Changes side by side</h2>
<p class="note">${esc(summaryLine(summary))}</p>
<div class="table-scroll">${rowsTable(comparison)}</div>
${notes}
</section>
</main>
</body>
</html>
`;
}

function swatch(colour: string, dash: string): string {
  return `<svg width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5" stroke="${colour}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/></svg>`;
}

function rowsTable(comparison: Comparison): string {
  if (comparison.rows.length === 0)
    return '<p class="note">Neither side changed the desired count in the window.</p>';
  const cells = (change: CapacityChange | undefined) =>
    change === undefined
      ? '<td>-</td><td>-</td><td>-</td>'
      : `<td class="num">${isoSeconds(change.at)}</td><td class="num">${change.fromCount ?? '?'} → ${change.toCount}</td><td>${esc(change.cause)}</td>`;
  const body = comparison.rows
    .map(
      (row) =>
        `<tr class="${row.kind}"><td>${KIND_LABELS[row.kind]}</td>${cells(row.ours)}${cells(row.native)}<td>${esc(difference(row))}</td></tr>`,
    )
    .join('\n');
  return `<table id="compare-rows"><thead><tr><th>kind</th><th>ours at</th><th>ours</th><th>our cause</th><th>native at</th><th>native</th><th>native cause</th><th>difference</th></tr></thead>
<tbody>
${body}
</tbody></table>`;
}

const WIDTH = 1100;
const HEIGHT = 260;
const LEFT = 44;
const RIGHT = 16;
const TOP = 12;
const BOTTOM = 28;

/** Both step lines on one time axis, with the window's hours (or days) as ticks. */
function timelineSvg(comparison: Comparison): string {
  const { from, to, series } = comparison;
  const counts = [...series.ours, ...series.native].map((p) => p.count);
  const top = Math.max(1, ...counts) + 1;
  const span = Math.max(1, to - from);
  const x = (at: number) => LEFT + ((at - from) / span) * (WIDTH - LEFT - RIGHT);
  const y = (count: number) => TOP + (1 - count / top) * (HEIGHT - TOP - BOTTOM);
  const line = (points: readonly CountPoint[], colour: string, dash: string) => {
    if (points.length === 0) return '';
    let path = '';
    for (const [i, point] of points.entries()) {
      path +=
        i === 0
          ? `M${x(point.at).toFixed(1)},${y(point.count).toFixed(1)}`
          : `H${x(point.at).toFixed(1)}V${y(point.count).toFixed(1)}`;
    }
    path += `H${x(to).toFixed(1)}`;
    return `<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
  };
  const yTicks = Array.from({ length: top + 1 }, (_, count) => count).filter(
    (count) => top <= 12 || count % Math.ceil(top / 12) === 0,
  );
  const grid = yTicks
    .map(
      (count) =>
        `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(count).toFixed(1)}" y2="${y(count).toFixed(1)}"/><text class="tick" x="${LEFT - 6}" y="${(y(count) + 4).toFixed(1)}" text-anchor="end">${count}</text>`,
    )
    .join('');
  const xTicks = timeTicks(from, to)
    .map(
      (at) =>
        `<text class="tick" x="${x(at).toFixed(1)}" y="${HEIGHT - 8}" text-anchor="middle">${esc(tickLabel(at, to - from))}</text>`,
    )
    .join('');
  return `<svg id="compare-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="desired instance count, ours and native">${grid}${xTicks}${line(series.native, NATIVE_COLOUR, '')}${line(series.ours, OURS_COLOUR, '6 3')}</svg>`;
}

const HOUR_MS = 3_600_000;

/** Six to twelve round instants across the window: every 1, 2, 3, 6 or 12 hours, or whole days. */
function timeTicks(from: number, to: number): number[] {
  const steps = [HOUR_MS / 4, HOUR_MS / 2, HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS];
  const step =
    steps.find((s) => (to - from) / s <= 12) ?? Math.ceil((to - from) / (12 * 24 * HOUR_MS)) * 24 * HOUR_MS;
  const ticks: number[] = [];
  for (let at = Math.ceil(from / step) * step; at <= to; at += step) ticks.push(at);
  return ticks;
}

function tickLabel(at: number, span: number): string {
  const iso = isoSeconds(at);
  return span > 24 * HOUR_MS ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}
