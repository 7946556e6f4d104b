import { defineConfig } from 'vitest/config';

// The slow suite: timing checks, run apart from `npm test` (`npm run test:slow`).
export default defineConfig({
  test: {
    include: ['test/slow/**/*.slow.ts'],
    pool: 'forks',
    // One file at a time: timings suffer from company.
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
