/**
 * What serverless.yml asks of deploy/ at package time, behind deploy/resolver.cjs: the stack's
 * extra resources, and the esbuild banner that inlines the validated configuration.
 */
import { buildResources } from './build-resources.ts';
import type { TemplateFragment } from './cfn.ts';
import { type DeployConfig, loadDeployConfig } from './load-config.ts';
import type { StackSettings } from './stack.ts';

/** serverless.yml `custom.scaler`, as the CLI resolved it. */
export interface ScalerCustom {
  /** Path of scaling.yml (`--param="config=..."`, env SCALER_CONFIG, default scaling.yml). */
  config: string;
  service: string;
  stage: string;
  tableName: string;
  alertEmail?: string | null;
  metricsNamespace: string;
}

const loaded = new Map<string, DeployConfig>();

/** The configuration, validated once per CLI run however many variables ask for it. */
export function deployConfig(path: string): DeployConfig {
  let config = loaded.get(path);
  if (config === undefined) {
    config = loadDeployConfig(path);
    for (const warning of config.warnings)
      process.stderr.write(`scaling.yml warning: ${warning.path}: ${warning.message}\n`);
    loaded.set(path, config);
  }
  return config;
}

/** The settings the builders need, from `custom.scaler`. */
export function stackSettings(custom: ScalerCustom): StackSettings {
  return {
    service: custom.service,
    stage: custom.stage,
    tableName: custom.tableName,
    alertEmail: (custom.alertEmail ?? '').trim(),
    metricsNamespace: custom.metricsNamespace,
  };
}

/** `resources:` of serverless.yml. */
export function resourcesFor(custom: ScalerCustom): TemplateFragment {
  return buildResources(deployConfig(custom.config).config, stackSettings(custom));
}

/**
 * The esbuild banner: it runs before any bundled module, so the configuration is in
 * `process.env.SCALER_CONFIG_DOCUMENT` when shared/wiring/config-source.ts looks (it reads that
 * variable first, from the `env` object it is handed, which is `process.env`). An esbuild
 * `define` would not reach it: define rewrites the literal expression `process.env.X` only.
 * ESM bundles also get a `require` for the CommonJS modules the SDK still pulls in.
 */
export function bundleBanner(custom: ScalerCustom, format: string | null | undefined): string {
  const document = deployConfig(custom.config).document;
  const assignment = `process.env.SCALER_CONFIG_DOCUMENT=${JSON.stringify(document)};`;
  if (format !== 'esm') return assignment;
  return `import{createRequire as __scalerCreateRequire}from'node:module';const require=__scalerCreateRequire(import.meta.url);${assignment}`;
}
