/**
 * scaling.yml at package time: validated by the very code `scaler validate` runs
 * (shared/config), and turned into the JSON document the bundles inline, so a cold start parses
 * no YAML and the deployed functions run exactly the configuration that was validated here.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import {
  type ConfigIssue,
  ConfigValidationError,
  checkConfigFile,
  formatIssue,
  parseConfigDocument,
  parseConfigText,
} from '../shared/config/index.ts';
import type { ScalingConfig } from '../shared/domain/model.ts';

/** The name the runtime gives the inlined document in its messages. */
export const BUNDLED_SOURCE = 'bundled scaling.yml';

/** A validated configuration, ready to deploy. */
export interface DeployConfig {
  /** The file it came from. */
  path: string;
  config: ScalingConfig;
  /** The document as JSON: what `process.env.SCALER_CONFIG_DOCUMENT` holds in the bundles. */
  document: string;
  /** Validation warnings (the deploy goes on). */
  warnings: ConfigIssue[];
}

/** A scaling.yml that cannot be deployed; its message lists every problem as `path: message`. */
export class DeployConfigError extends Error {
  override readonly name = 'DeployConfigError';
  readonly issues: ConfigIssue[];

  constructor(path: string, issues: ConfigIssue[], options?: { cause?: unknown }) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(
      `${path} is not a valid scaling configuration (${count}); nothing was packaged:\n` +
        issues.map((issue) => `  ${formatIssue(issue)}`).join('\n'),
      options,
    );
    this.issues = issues;
  }
}

/**
 * Reads, validates and serializes the configuration file.
 *
 * @throws {DeployConfigError} naming every problem the validator found.
 */
export function loadDeployConfig(path: string): DeployConfig {
  let config: ScalingConfig;
  let warnings: ConfigIssue[];
  try {
    // The clock at package time: a scheduled action that will not fire again is only a warning.
    ({ config, warnings } = checkConfigFile(path, Date.now()));
  } catch (error) {
    if (error instanceof ConfigValidationError)
      throw new DeployConfigError(path, error.issues, { cause: error });
    throw error;
  }
  const raw = parseConfigDocument(readFileSync(path, 'utf8'), path);
  // The raw document (not the validated object: its instants are epoch ms, which the schema does
  // not take as input) is what the cold start validates again. Prove now that it passes there
  // and means the same configuration.
  const document = JSON.stringify(raw);
  const bundled = parseConfigText(document, BUNDLED_SOURCE);
  if (!isDeepStrictEqual(bundled, config)) {
    throw new DeployConfigError(path, [
      { path: '(root)', message: 'the configuration does not survive serialization to JSON unchanged' },
    ]);
  }
  return { path, config, document, warnings };
}
