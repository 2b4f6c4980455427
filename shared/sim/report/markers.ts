import type { XOf } from './draw.ts';
import { clip, escapeXml, px } from './draw.ts';
import { COLOURS } from './style.ts';

/** Average width of a label character at 11 px, to lay labels out without measuring text. */
const CHAR = 6.2;
/** Past this many firings, marker lines fade and names are written once. */
const DENSE_MARKERS = 16;

/**
 * Scheduled firings: a vertical line each, named on the first label row with room. When
 * they are many (a daily schedule over weeks), lines fade and each name is written once.
 */
export function markers(
  firings: { time: number; scheduledActionName: string }[],
  span: { from: number; to: number; top: number; bottom: number; width: number },
  xOf: XOf,
  labels: { rows: number; height: number },
): string {
  const { top, bottom } = span;
  const rowEnds: number[] = Array.from({ length: labels.rows }, () => Number.NEGATIVE_INFINITY);
  const out: string[] = [];
  const shown = [...firings]
    .filter(({ time }) => time >= span.from && time <= span.to)
    .sort((a, b) => a.time - b.time);
  const dense = shown.length > DENSE_MARKERS;
  const named = new Set<string>();
  for (const { time, scheduledActionName: name } of shown) {
    const x = xOf(time);
    const iso = new Date(time).toISOString().slice(0, 16).replace('T', ' ');
    const title = escapeXml(`${name} fired ${iso} UTC`);
    out.push(
      `<g class="marker${dense ? ' dense' : ''}" data-name="${escapeXml(name)}"><title>${title}</title>`,
    );
    out.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${top - 4}" y2="${bottom}" stroke="${COLOURS.marker}"/>`);
    const label = clip(name, 24);
    // Near the right edge a label ends at the edge rather than running off it.
    const start = Math.min(x + 3, span.width - 4 - label.length * CHAR);
    const row = rowEnds.findIndex((end) => end < start);
    if (row >= 0 && !(dense && named.has(name))) {
      named.add(name);
      rowEnds[row] = start + 6 + label.length * CHAR;
      const y = top - 8 - (labels.rows - 1 - row) * labels.height;
      out.push(`<text class="marker-label" x="${px(start)}" y="${y}">${escapeXml(label)}</text>`);
    }
    out.push('</g>');
  }
  return out.join('');
}
