import type { AlarmStateValue } from '../../domain/model.ts';

/** Series colours; the page's legend reads them from here so the two never disagree. */
export const COLOURS = {
  demand: '#cbd5e1',
  serving: '#2563eb',
  desired: '#1e3a8a',
  billed: '#93c5fd',
  baselineServing: '#ea580c',
  baselineDesired: '#9a3412',
  baselineBilled: '#fdba74',
  oracle: '#7c3aed',
  gap: '#f1f5f9',
  unserved: '#dc2626',
  marker: '#0f766e',
  forecastFloor: '#16a34a',
} satisfies Record<string, string>;

/** Alarm band colours: the CloudWatch console's red, green and grey. */
export const ALARM_COLOURS: Record<AlarmStateValue, string> = {
  ALARM: '#dc2626',
  OK: '#22c55e',
  INSUFFICIENT_DATA: '#94a3b8',
};

/**
 * What every page the scaler writes shares (the simulation, tune and forecast reports, compare.html):
 * colours, system fonts (the pages open offline and their CSP forbids fetching anything), the
 * header, panels and summary cards. Each page adds its own rules after it.
 */
export const PAGE_CSS = `
:root { color-scheme: light; --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --panel: #ffffff; --bg: #f8fafc; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 28px 24px 48px; }
.eyebrow { margin: 0; color: var(--muted); font-size: 12px; letter-spacing: .06em; text-transform: uppercase; }
h1 { margin: 4px 0 2px; font-size: 24px; font-weight: 650; word-break: break-all; }
h2 { margin: 0 0 12px; font-size: 16px; font-weight: 650; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 16px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.card-label { color: var(--muted); font-size: 12px; }
.card-value { font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
`;

/** The report page's stylesheet, inlined into report.html: {@link PAGE_CSS} and the report's own rules. */
export const REPORT_CSS = `${PAGE_CSS}
header { margin-bottom: 18px; }
.period { margin: 0; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; background: none; border: 0; padding: 0; }
.card-detail { color: var(--muted); font-size: 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; list-style: none; margin: 0 0 10px; padding: 0; font-size: 12px; color: #334155; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; border: 1px solid rgba(15, 23, 42, .15); }
.chart-scroll, .table-scroll { overflow-x: auto; }
.table-scroll { max-height: 420px; overflow-y: auto; }
#timeline-chart { display: block; font-size: 11px; }
#timeline-chart .series { fill: none; stroke-width: 1.6; stroke-linejoin: round; }
#timeline-chart .envelope { fill-opacity: .18; stroke: none; }
#timeline-chart .frame { fill: none; stroke: #cbd5e1; }
#timeline-chart .hgrid, #timeline-chart .vgrid { stroke: #e2e8f0; stroke-width: 1; }
#timeline-chart .tick, #timeline-chart .lane-label { fill: var(--muted); }
#timeline-chart .panel-title { font-size: 13px; font-weight: 650; fill: #334155; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
#timeline-chart .band-name { font-size: 10px; font-weight: 600; fill: #0f172a; }
#timeline-chart .band-plate { fill: #fff; fill-opacity: .85; }
#timeline-chart .axis-title { fill: var(--muted); font-size: 11px; }
#timeline-chart .marker line { stroke-width: 1.2; stroke-dasharray: 4 3; }
#timeline-chart .marker.dense line { stroke-width: 1; stroke-dasharray: none; stroke-opacity: .3; }
#timeline-chart .marker-label { fill: #0f766e; font-size: 11px; font-weight: 600; }
.note { color: var(--muted); font-size: 12px; margin: 8px 0 0; }
#timeline-zoom .u-title { font-size: 13px; font-weight: 650; color: #334155; text-align: left; padding-left: 60px; margin-top: 10px; }
#timeline-zoom .u-legend { font-size: 12px; }
#timeline-zoom .u-legend th { font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 7px 12px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { font-size: 12px; color: var(--muted); font-weight: 600; vertical-align: bottom; }
thead th .sub { display: block; font-weight: 400; font-size: 11px; }
tbody th { font-weight: 500; }
#summary td:nth-child(2) { font-weight: 650; }
.activities td { text-align: left; font-size: 12px; }
.activities thead th { text-align: left; position: sticky; top: 0; background: var(--panel); }
.action-scale-out td:nth-child(2) { color: #1d4ed8; }
.action-scale-in td:nth-child(2) { color: #0f766e; }
.action-deferred td:nth-child(2), .action-failed td:nth-child(2) { color: #b91c1c; }
.notes dl { margin: 0; display: grid; grid-template-columns: 200px 1fr; gap: 8px 16px; }
.notes dt { font-weight: 600; }
.notes dd { margin: 0; color: #334155; }
@media (max-width: 800px) { .cards { grid-template-columns: repeat(2, 1fr); } .notes dl { grid-template-columns: 1fr; } }
`;
