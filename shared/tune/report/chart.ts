/**
 * The tune report's chart: every candidate of every family on the training days, instance-hours
 * against the share of minutes under-provisioned, each family's frontier joined and labelled, the
 * SLO as a line, the chosen configuration and the target tracking reference marked. Inline SVG.
 */
import { escapeXml as esc, niceTicks, px, tickLabel } from '../../sim/report/draw.ts';
import type { FamilyName } from '../families.ts';
import type { TriedCandidate, TuneOutcome } from '../run-tune.ts';
import { frontierOf, parameterLabel } from './frontier.ts';

const WIDTH = 1100;
const HEIGHT = 460;
const LEFT = 70;
const RIGHT = WIDTH - 30;
const TOP = 20;
const BOTTOM = HEIGHT - 50;

/** One colour per family; the legend reads them from here. */
export const FAMILY_COLOURS: Record<FamilyName, string> = {
  'target-tracking': '#2563eb',
  step: '#ea580c',
  'target-tracking+step': '#16a34a',
  predictive: '#9333ea',
  'target-tracking+predictive': '#0891b2',
};

export function frontierChart(outcome: TuneOutcome): string {
  const all = outcome.families.flatMap((family) => family.tried);
  if (all.length === 0) return '<svg id="frontier-chart" viewBox="0 0 1100 60"></svg>';
  const costs = all.map((c) => c.figures.instanceHours);
  const lowCost = Math.min(...costs);
  const highCost = Math.max(...costs);
  const span = Math.max(1, highCost - lowCost);
  const xMin = lowCost - span * 0.03;
  const xMax = highCost + span * 0.03;
  // The under-provisioned axis is cut at 3 × the SLO (the interesting part); points above sit on the edge.
  const slo = outcome.slo.maxUnderProvisionedPercent;
  const yTicks = niceTicks(Math.max(3 * slo, 0.01));
  const yTop = yTicks.at(-1) ?? 1;
  const x = (cost: number) => LEFT + ((cost - xMin) / (xMax - xMin)) * (RIGHT - LEFT);
  const y = (percent: number) => BOTTOM - (Math.min(percent, yTop) / yTop) * (BOTTOM - TOP);
  const parts: string[] = [];
  for (const tick of yTicks) {
    parts.push(`<line class="hgrid" x1="${LEFT}" x2="${RIGHT}" y1="${px(y(tick))}" y2="${px(y(tick))}"/>`);
    parts.push(
      `<text class="tick" x="${LEFT - 6}" y="${px(y(tick) + 4)}" text-anchor="end">${tickLabel(tick)} %</text>`,
    );
  }
  for (const tick of niceTicks(xMax - xMin, 8).map((t) => t + Math.floor(xMin))) {
    if (tick < xMin || tick > xMax) continue;
    parts.push(
      `<text class="tick" x="${px(x(tick))}" y="${BOTTOM + 16}" text-anchor="middle">${tickLabel(tick)}</text>`,
    );
  }
  parts.push(
    `<line class="slo" x1="${LEFT}" x2="${RIGHT}" y1="${px(y(slo))}" y2="${px(y(slo))}"/>`,
    `<text class="slo-label" x="${RIGHT - 4}" y="${px(y(slo) - 5)}" text-anchor="end">SLO ${slo} %</text>`,
  );
  for (const family of outcome.families) {
    const colour = FAMILY_COLOURS[family.family];
    for (const c of family.tried) {
      parts.push(
        `<circle class="point" data-family="${family.family}" cx="${px(x(c.figures.instanceHours))}" cy="${px(y(c.figures.underProvisionedPercent))}" r="3" fill="${colour}" fill-opacity="0.35"/>`,
      );
    }
    const frontier = frontierOf(family.tried);
    const path = frontier
      .map(
        (c, i) =>
          `${i === 0 ? 'M' : 'L'}${px(x(c.figures.instanceHours))},${px(y(c.figures.underProvisionedPercent))}`,
      )
      .join('');
    parts.push(`<path class="frontier" data-family="${family.family}" d="${path}" stroke="${colour}"/>`);
    for (const c of frontier) {
      parts.push(
        `<text class="point-label" x="${px(x(c.figures.instanceHours) + 5)}" y="${px(y(c.figures.underProvisionedPercent) - 5)}" fill="${colour}">${esc(parameterLabel(c))}</text>`,
      );
    }
  }
  const mark = (candidate: TriedCandidate | undefined, id: string, label: string) => {
    if (!candidate) return;
    const cx = px(x(candidate.figures.instanceHours));
    const cy = px(y(candidate.figures.underProvisionedPercent));
    parts.push(
      `<circle id="${id}" class="mark" cx="${cx}" cy="${cy}" r="8"/>`,
      `<text class="mark-label" x="${cx}" y="${px(Number(cy) + 22)}" text-anchor="middle">${esc(label)}</text>`,
    );
  };
  mark(outcome.reference, 'reference-point', 'target tracking reference');
  mark(outcome.chosen, 'chosen-point', 'chosen');
  parts.push(
    `<text class="axis-title" x="${(LEFT + RIGHT) / 2}" y="${HEIGHT - 10}" text-anchor="middle">instance-hours on the training days</text>`,
    `<text class="axis-title" transform="translate(16 ${(TOP + BOTTOM) / 2}) rotate(-90)" text-anchor="middle">minutes under-provisioned</text>`,
  );
  return `<svg id="frontier-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="cost against under-provisioning of every candidate">${parts.join('')}</svg>`;
}
