/**
 * The zoomable timeline: uPlot (https://github.com/leeoniya/uPlot, MIT) and the page's own
 * script inlined into report.html with the run's data, so the page still opens offline. uPlot is
 * read from node_modules when a report is written (never at start-up: `scaler simulate --help`
 * does not read it), the same way from the TypeScript and from the compiled CLI in dist/cli.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ChartInput } from './svg.ts';
import { zoomData } from './zoom-data.ts';
import { ZOOM_SCRIPT } from './zoom-script.ts';

/** The parts of the page the zoomable chart adds. */
export interface ZoomableTimeline {
  /** `<style>` for uPlot's own classes. */
  style: string;
  /** The chart's container, its data and its scripts, for the chart section. */
  body: string;
  /** CSP sources for the two inline scripts: their SHA-256, so no other script may run. */
  scriptSources: string[];
}

interface UplotFiles {
  js: string;
  css: string;
  /** Its MIT licence, which asks to travel with every copy: inlined as a comment. */
  licence: string;
}

let uplotFiles: UplotFiles | undefined;

/** uPlot's minified browser build and stylesheet, read once per process. */
function uplot(): UplotFiles {
  if (uplotFiles === undefined) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`uplot/${file}`), 'utf8');
    uplotFiles = {
      js: read('dist/uPlot.iife.min.js'),
      css: read('dist/uPlot.min.css'),
      licence: read('LICENSE'),
    };
  }
  return uplotFiles;
}

/**
 * JSON that can sit inside a `<script>` element: `<` is written as `\u003c` so no alarm or
 * action name can close the element, and the JSON reads back the same.
 */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The zoomable chart of `input` under `noteHtml` (how to use it), ready to inline; throws a plain
 * error when uPlot is missing.
 */
export function zoomableTimeline(input: ChartInput, noteHtml: string): ZoomableTimeline {
  let files: UplotFiles;
  try {
    files = uplot();
  } catch (error) {
    throw new Error(
      `report.html: cannot read uPlot from node_modules (run npm ci): ${(error as Error).message}`,
    );
  }
  const library = `\n/*\n${files.licence.replaceAll('*/', '* /').trim()}\n*/\n${files.js}\n`;
  return {
    style: `<style>${files.css}</style>`,
    body: [
      `<div id="timeline-zoom" hidden>${noteHtml}</div>`,
      `<script type="application/json" id="zoom-data">${scriptJson(zoomData(input))}</script>`,
      `<script>${library}</script>`,
      `<script>${ZOOM_SCRIPT}</script>`,
    ].join('\n'),
    scriptSources: [sha256(library), sha256(ZOOM_SCRIPT)],
  };
}
