import { defineConfig } from 'vitest/config';

// biome-ignore lint/style/noDefaultExport: vitest loads the default export
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One PostgreSQL cluster and one DynamoDB Local for the whole run.
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files run in parallel, but the machines have 2 cores, and the two
    // servers started by the global setup need some of them.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
