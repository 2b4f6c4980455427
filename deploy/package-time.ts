/**
 * What serverless.yml asks of deploy/ at package time, behind deploy/resolver.cjs: the stack's
 * extra resources, the forecast function when the configuration has predictive policies, and the
 * esbuild banner that inlines the validated configuration.
 */
import { buildDeployment, type Deployment, type NestedStackSpec } from './build-resources.ts';
import type { Json, TemplateFragment } from './cfn.ts';
import { deploymentProblems, MAX_NESTED_STACKS } from './limits/check-deployment.ts';
import { DeploymentLimitError, type TemplateDocument } from './limits/check-template.ts';
import { type DeployConfig, loadDeployConfig } from './load-config.ts';
import { forecastFunctionDefinition } from './resources/forecast.ts';
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
  /** `--param="nestedStacks=N"`: 0 (the default) keeps everything in one stack. */
  nestedStacks?: string | number | null;
  /** `--param="tickShards=N"`: 1 (the default) ticks the whole fleet from one rule. */
  tickShards?: string | number | null;
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

/** The most tick shards: each is a rule, and the tick's reserved concurrency is their number. */
export const MAX_TICK_SHARDS = 16;

/** A `--param` that must be a whole number in [min, max]. */
function wholeParam(
  name: string,
  value: string | number | null | undefined,
  fallback: number,
  min: number,
  max: number,
  meaning: string,
): number {
  const raw = String(value ?? fallback).trim() || String(fallback);
  const number = Number(raw);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new DeploymentLimitError([
      {
        where: `--param ${name}`,
        message: `expected a whole number from ${min} ${meaning} to ${max}, found ${JSON.stringify(raw)}`,
      },
    ]);
  }
  return number;
}

/** `nestedStacks`, checked: a whole number from 0 to {@link MAX_NESTED_STACKS}. */
function nestedStacksOf(custom: ScalerCustom): number {
  return wholeParam('nestedStacks', custom.nestedStacks, 0, 0, MAX_NESTED_STACKS, '(one stack)');
}

/** The settings the builders need, from `custom.scaler`. */
export function stackSettings(custom: ScalerCustom): StackSettings {
  return {
    service: custom.service,
    stage: custom.stage,
    tableName: custom.tableName,
    alertEmail: (custom.alertEmail ?? '').trim(),
    metricsNamespace: custom.metricsNamespace,
    nestedStacks: nestedStacksOf(custom),
    tickShards: wholeParam('tickShards', custom.tickShards, 1, 1, MAX_TICK_SHARDS, '(no sharding)'),
  };
}

const deployments = new Map<string, Deployment>();

/** The deployment's templates, built once per CLI run (the resolver and the plugin both ask). */
export function deploymentFor(custom: ScalerCustom): Deployment {
  const settings = stackSettings(custom);
  const key = JSON.stringify([custom.config, settings]);
  let deployment = deployments.get(key);
  if (deployment === undefined) {
    deployment = buildDeployment(deployConfig(custom.config).config, settings);
    deployments.set(key, deployment);
  }
  return deployment;
}

/** `resources:` of serverless.yml. */
export function resourcesFor(custom: ScalerCustom): TemplateFragment {
  return deploymentFor(custom).root;
}

/**
 * serverless.yml `functions.forecast`: the forecast function's definition when some target has a
 * predictive policy, else null (osls then leaves the function out).
 */
export function forecastFunctionFor(custom: ScalerCustom): Record<string, Json> | null {
  return forecastFunctionDefinition(deployConfig(custom.config).config);
}

/** The nested stacks' templates, for the packaging plugin to write beside the root template. */
export function nestedStacksFor(custom: ScalerCustom): NestedStackSpec[] {
  return deploymentFor(custom).nested;
}

/**
 * Checks the packaged root template (functions included, as osls compiled it) and every nested
 * template against the AWS limits; throws {@link DeploymentLimitError} naming each one broken.
 */
export function checkPackagedLimits(custom: ScalerCustom, root: TemplateDocument): void {
  const problems = deploymentProblems(root, nestedStacksFor(custom), nestedStacksOf(custom));
  if (problems.length > 0) throw new DeploymentLimitError(problems);
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
