import { ConfigValidationError } from '../config/issues.ts';
import { validateConfig } from '../config/validate.ts';
import type { ScalingConfig } from '../domain/model.ts';

/** Thrown at cold start when the environment lacks what the functions need. */
export class RuntimeConfigurationError extends Error {
  override readonly name = 'RuntimeConfigurationError';
}

/**
 * The configuration of a deployed function: `serverless package` validates scaling.yml and
 * inlines the document as `process.env.SCALER_CONFIG_DOCUMENT` (JSON) in each bundle. It is
 * validated again here at cold start, and a bad one stops the cold start with the validator's
 * message. This module reads JSON only: the YAML parser stays out of the bundles (in-process
 * callers with a file pass the config to `createRuntime` instead, see `config-file.ts`).
 */
export function configFromEnvironment(env: NodeJS.ProcessEnv): ScalingConfig {
  const document = env.SCALER_CONFIG_DOCUMENT;
  if (!document) {
    throw new RuntimeConfigurationError(
      'SCALER_CONFIG_DOCUMENT is not set: `serverless package` inlines the validated scaling.yml there; in process, pass the config to createRuntime',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch (error) {
    throw new ConfigValidationError(
      [{ path: '', message: `the bundled configuration is not JSON: ${(error as Error).message}` }],
      {
        source: 'bundled scaling.yml',
        cause: error,
      },
    );
  }
  const result = validateConfig(parsed);
  if (!result.ok) throw new ConfigValidationError(result.issues, { source: 'bundled scaling.yml' });
  return result.config;
}
