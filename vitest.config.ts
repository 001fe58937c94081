import { defineConfig } from 'vitest/config';

// Two projects: pure unit tests beside the code, and e2e tests that run against a real API server
// (the local control plane started by test/cluster/global-setup.ts, or HULL_TEST_KUBECONFIG).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/cluster/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // The cluster is one shared resource on a 2-core machine: a couple of files at a time.
          maxWorkers: 2,
          fileParallelism: true,
          // Pure tests first: a broken renderer fails in seconds, before any cluster time is spent.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
