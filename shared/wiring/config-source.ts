import { readFileSync } from 'node:fs';
import { ConfigValidationError, parseConfigText } from '../config/index.ts';
import type { ScalingConfig } from '../domain/model.ts';

/**
 * The validated scaling configuration of a running function. At package time esbuild inlines
 * the validated scaling.yml as `process.env.SCALER_CONFIG_DOCUMENT` (a JSON string); locally
 * (`serverless invoke local`, tests) the file named by SCALER_CONFIG_FILE is read instead.
 * Either way it is validated again here, at cold start, and a bad one stops the cold start
 * with the validator's message (the build already refused it).
 */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv): ScalingConfig {
  const inlined = env.SCALER_CONFIG_DOCUMENT;
  if (inlined) return parseConfigText(inlined, 'bundled scaling.yml');
  const path = env.SCALER_CONFIG_FILE ?? 'scaling.yml';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigValidationError(
      [{ path: '', message: `cannot read ${path}: ${(error as Error).message}` }],
      {
        source: path,
        cause: error,
      },
    );
  }
  return parseConfigText(text, path);
}
