import { loadConfigFile } from '../config/index.ts';
import type { ScalingConfig } from '../domain/model.ts';

/**
 * The configuration for handlers run in process (the local stack, tests): the file named by
 * `SCALER_CONFIG_FILE` (default scaling.yml), validated as `scaler validate` does.
 */
export function configFromFile(env: NodeJS.ProcessEnv): ScalingConfig {
  return loadConfigFile(env.SCALER_CONFIG_FILE ?? 'scaling.yml');
}
