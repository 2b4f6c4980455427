import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests spawn bin/scaler.mjs: it must run the compiled CLI, built from the current sources.
    globalSetup: ['test/support/build-cli.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // No test reaches AWS: clients get a region and dummy credentials; handlers log nothing.
    env: {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      // The SDK's notice that its 2027 releases need Node 22 (Lambda runs 24; these machines 20).
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    coverage: {
      provider: 'v8',
      include: ['shared/domain/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      // The engine must be fully tested: every line and every branch.
      thresholds: { lines: 100, branches: 100, functions: 100, statements: 100 },
    },
  },
});
