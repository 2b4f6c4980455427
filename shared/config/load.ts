/**
 * Reading scaling.yml: text to document (YAML, or JSON with JSON's own error positions), then
 * validation. Every failure is a {@link ConfigValidationError} whose issues name where it is.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { ScalingConfig } from '../domain/model.ts';
import { type ConfigIssue, ConfigValidationError } from './issues.ts';
import { scheduleFiringIssues } from './schedule-firing.ts';
import { validateConfig } from './validate.ts';

function looksLikeJson(text: string, sourceName: string): boolean {
  return sourceName.toLowerCase().endsWith('.json') || /^\s*[{[]/.test(text);
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 };
}

/**
 * Keys given twice in one JSON object. JSON.parse keeps the last silently, so `minCapacity: 1`
 * followed by `minCapacity: 5` would deploy 5 without a word; YAML refuses the same file. The yaml
 * library (a JSON document is YAML too) finds them with their positions.
 */
function duplicateJsonKeys(text: string, sourceName: string): ConfigIssue[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  return document.errors
    .filter((error) => error.code === 'DUPLICATE_KEY')
    .map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      const key = /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(error.pos[0]))?.[1];
      const name = key === undefined ? 'a key' : `key "${key}"`;
      return {
        path: `${sourceName}:${line}:${col}`,
        message: `duplicate ${name} in one object: JSON would silently keep only the last value; give each key once`,
      };
    });
}

function parseJson(text: string, sourceName: string): unknown {
  try {
    const document: unknown = JSON.parse(text);
    const duplicates = duplicateJsonKeys(text, sourceName);
    if (duplicates.length > 0) throw new ConfigValidationError(duplicates, { source: sourceName });
    return document;
  } catch (error) {
    if (error instanceof ConfigValidationError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // V8 words it "... in JSON at position 42" (newer versions add "(line 3 column 5)").
    const position = /at position (\d+)/.exec(message)?.[1];
    const offset = position === undefined ? text.length : Number(position);
    const { line, col } = lineColumn(text, offset);
    const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
    throw new ConfigValidationError(
      [{ path: `${sourceName}:${line}:${col}`, message: `JSON syntax error: ${reason}` }],
      {
        source: sourceName,
        cause: error,
      },
    );
  }
}

function parseYaml(text: string, sourceName: string): unknown {
  const lineCounter = new LineCounter();
  // merge: lets a file share policy blocks with `<<: *anchor`. Duplicate keys stay errors.
  const document = parseDocument(text, { lineCounter, merge: true, prettyErrors: false });
  if (document.errors.length > 0) {
    const issues: ConfigIssue[] = document.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return { path: `${sourceName}:${line}:${col}`, message: `YAML syntax error: ${error.message}` };
    });
    throw new ConfigValidationError(issues, { source: sourceName, cause: document.errors[0] });
  }
  try {
    // toJS resolves aliases: an unknown one, or too many (a "billion laughs" file), throws here.
    return document.toJS();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigValidationError([{ path: sourceName, message: `YAML error: ${message}` }], {
      source: sourceName,
      cause: error,
    });
  }
}

/**
 * Turns the text of scaling.yml (YAML or JSON) into a plain document, without validating it.
 *
 * @throws {ConfigValidationError} on a syntax error, with `sourceName:line:column` as its path.
 */
export function parseConfigDocument(text: string, sourceName: string): unknown {
  const clean = text.replace(/^\uFEFF/, '');
  return looksLikeJson(clean, sourceName) ? parseJson(clean, sourceName) : parseYaml(clean, sourceName);
}

/**
 * A document validated, then its scheduled actions run through the calculator at `now`: every
 * error (one that can never fire), and the warnings (the validator's, and actions that will not
 * fire again).
 */
function checkDocument(
  document: unknown,
  sourceName: string,
  now: number,
): { config: ScalingConfig; warnings: ConfigIssue[] } {
  const result = validateConfig(document);
  if (!result.ok) throw new ConfigValidationError(result.issues, { source: sourceName });
  const firing = scheduleFiringIssues(result.config, now);
  if (firing.errors.length > 0) throw new ConfigValidationError(firing.errors, { source: sourceName });
  return { config: result.config, warnings: [...result.warnings, ...firing.warnings] };
}

/**
 * Parses and validates the text of a scaling configuration, scheduled actions that can never fire
 * (after `now`, the clock by default: this runs in tools, not in the engine) included. Warnings
 * are dropped here: {@link checkConfigFile} returns them.
 *
 * @throws {ConfigValidationError} listing every problem found.
 */
export function parseConfigText(text: string, sourceName: string, now = Date.now()): ScalingConfig {
  return checkDocument(parseConfigDocument(text, sourceName), sourceName, now).config;
}

/**
 * Reads and validates a configuration file with every warning: the validator's, and the
 * scheduled actions that fire no more after `now` (what `scaler validate` and `serverless
 * package` print).
 *
 * @throws {ConfigValidationError} when the file is missing or unreadable, or the config is bad.
 */
export function checkConfigFile(
  path: string,
  now: number,
): { config: ScalingConfig; warnings: ConfigIssue[] } {
  return checkDocument(parseConfigDocument(readText(path), path), path, now);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    let message = `cannot read the file (${error instanceof Error ? error.message : String(error)})`;
    if (code === 'ENOENT') message = `file not found (looked for ${resolve(path)})`;
    if (code === 'EISDIR') message = 'is a directory, expected a scaling.yml file';
    throw new ConfigValidationError([{ path, message }], { source: path, cause: error });
  }
}

/**
 * Reads and validates a scaling configuration file.
 *
 * @throws {ConfigValidationError} when the file is missing or unreadable, or the config is bad.
 */
export function loadConfigFile(path: string): ScalingConfig {
  return parseConfigText(readText(path), path);
}
