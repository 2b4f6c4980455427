/**
 * The report page's figures: the headline cards and the summary table, the policy beside the
 * AAS target-tracking baseline and the oracle.
 */

import type { PolicyFigures } from '../timeline.ts';
import { escapeXml as esc } from './draw.ts';
import { instanceHours, int, num, ratio } from './format.ts';
import type { SimulationRun } from './outputs.ts';

/** Minutes of under-provisioned time: whole at one-minute steps, tenths at 10-s steps (1/6 minute each). */
function underMinutes(summary: SimulationRun['summary']): (value: number) => string {
  return summary.resolution ? (value) => num(value, 1) : int;
}

/** The four headline figures of the policy, each with the baseline's (and oracle's) beneath. */
export function summaryCards(summary: SimulationRun['summary']): string {
  const minutes = underMinutes(summary);
  const card = (label: string, value: string, detail: string) =>
    `<div class="card"><div class="card-label">${esc(label)}</div><div class="card-value">${esc(value)}</div><div class="card-detail">${esc(detail)}</div></div>`;
  return `<section class="cards">${[
    card('Cost vs oracle', ratio(summary.costRatio), `baseline ${ratio(summary.baseline.costRatio)}`),
    card(
      'Instance-hours',
      instanceHours(summary.instanceHours),
      `baseline ${instanceHours(summary.baseline.instanceHours)} · oracle ${instanceHours(summary.oracleInstanceHours)}`,
    ),
    card(
      'Unserved requests',
      `${num(summary.unservedPercent, 2)} %`,
      `baseline ${num(summary.baseline.unservedPercent, 2)} %`,
    ),
    card(
      'Under-provisioned minutes',
      minutes(summary.underProvisionedMinutes),
      `baseline ${minutes(summary.baseline.underProvisionedMinutes)}`,
    ),
  ].join('')}</section>`;
}

/** Every figure of the run, one row each, in columns policy, baseline and oracle. */
export function summaryTable(run: SimulationRun): string {
  const { summary } = run;
  const minutes = underMinutes(summary);
  type Column = { figures: PolicyFigures; costRatio: number } | undefined;
  const columns: Column[] = [
    { figures: summary, costRatio: summary.costRatio },
    { figures: summary.baseline, costRatio: summary.baseline.costRatio },
    undefined,
  ];
  const oracleHours = summary.oracleInstanceHours;
  const rows: [string, string, (c: NonNullable<Column>) => string, string][] = [
    [
      'instance-hours',
      'Instance-hours',
      (c) => instanceHours(c.figures.instanceHours),
      instanceHours(oracleHours),
    ],
    ['cost-ratio', 'Cost ratio (÷ oracle)', (c) => ratio(c.costRatio), '1.00×'],
    [
      'under-provisioned-minutes',
      'Under-provisioned minutes',
      (c) => minutes(c.figures.underProvisionedMinutes),
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
