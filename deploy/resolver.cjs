'use strict';
/**
 * serverless.yml's `${file(./deploy/resolver.cjs):<name>}` variables: a thin shell over
 * deploy/package-time.ts.
 *
 * Why CommonJS: osls resolves `${file()}` for `.js` and `.cjs` with `require()` (any other
 * extension, `.mjs` included, is read as plain text), and this package is `"type": "module"`.
 * Why tsx: the configuration must be checked by the validator `scaler validate` runs
 * (shared/config/index.ts), not a copy; tsx's `tsImport` loads that TypeScript as it is, in a
 * loader scoped to this import (nothing else in the CLI process is affected).
 */
let packageTime;
/**
 * deploy/package-time.ts, imported once per CLI run. tsx's API is imported as ESM: its CommonJS
 * build of `tsx/esm/api` points `module.register` at a loader path that does not exist.
 */
function load() {
  packageTime ??= import('tsx/esm/api').then(({ tsImport }) => tsImport('./package-time.ts', __filename));
  return packageTime;
}

/**
 * osls prints a resolver's failure with its stack; a bad scaling.yml is the user's to fix, not a
 * crash: show just the validator's `path: message` lines.
 */
function withoutStack(error, options = {}) {
  if (error && (error.name === 'DeployConfigError' || error.name === 'DeploymentLimitError')) {
    const message = options.firstLineOnly
      ? `${error.message.split('\n')[0]} (the problems are listed under "resources")`
      : error.message;
    const clean = new Error(message);
    clean.stack = message;
    throw clean;
  }
  throw error;
}

/** `custom.scaler` of serverless.yml: config path, stage, table name, alert e-mail... */
function custom(resolveConfigurationProperty) {
  return resolveConfigurationProperty(['custom', 'scaler']);
}

module.exports = {
  /** For deploy/nested-stacks-plugin.cjs: the nested templates (the same build as `resources`). */
  nestedStacks: async (custom) => {
    const module = await load();
    try {
      return module.nestedStacksFor(custom);
    } catch (error) {
      return withoutStack(error);
    }
  },

  /** For deploy/nested-stacks-plugin.cjs: the AWS limits over the compiled root and the nested templates. */
  checkLimits: async (custom, rootTemplate) => {
    const module = await load();
    try {
      module.checkPackagedLimits(custom, rootTemplate);
    } catch (error) {
      withoutStack(error);
    }
  },

  /** `resources:`: `{ Resources, Outputs, Conditions }` built from scaling.yml. */
  resources: async ({ resolveConfigurationProperty }) => {
    const [module, settings] = await Promise.all([load(), custom(resolveConfigurationProperty)]);
    try {
      return module.resourcesFor(settings);
    } catch (error) {
      return withoutStack(error);
    }
  },

  /**
   * `functions.forecast`: its definition when some target has a predictive policy, else null, which
   * serverless.yml's `, null` fallback keeps (osls drops a function defined as null). A bad
   * scaling.yml is reported in full under `resources` already: one line here.
   */
  forecastFunction: async ({ resolveConfigurationProperty }) => {
    const [module, settings] = await Promise.all([load(), custom(resolveConfigurationProperty)]);
    try {
      return module.forecastFunctionFor(settings);
    } catch (error) {
      return withoutStack(error, { firstLineOnly: true });
    }
  },

  /** `custom.esbuild.banner.js`: inlines the validated scaling.yml into every bundle. */
  bundleBanner: async ({ resolveConfigurationProperty }) => {
    const [module, settings, format] = await Promise.all([
      load(),
      custom(resolveConfigurationProperty),
      resolveConfigurationProperty(['custom', 'esbuild', 'format']),
    ]);
    try {
      return module.bundleBanner(settings, format);
    } catch (error) {
      return withoutStack(error, { firstLineOnly: true });
    }
  },
};
