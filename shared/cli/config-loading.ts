import { ConfigValidationError, loadConfigFile } from '../config/index.ts';
import type { ScalingConfig } from '../domain/model.ts';
import { CliError } from './errors.ts';

/** Loads and validates scaling.yml, turning validation errors into a CLI failure (exit 1). */
export function loadConfigOrFail(path: string): ScalingConfig {
  try {
    return loadConfigFile(path);
  } catch (error) {
    if (error instanceof ConfigValidationError) throw new CliError(error.message, 1, { cause: error });
    throw error;
  }
}
