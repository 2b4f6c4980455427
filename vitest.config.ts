import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    coverage: {
      provider: 'v8',
      include: ['shared/domain/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      // The engine must be fully tested: every line and every branch.
      thresholds: { lines: 100, branches: 100, functions: 100, statements: 100 },
    },
  },
});
