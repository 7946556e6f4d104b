import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests spawn real processes; each file runs in its own child process.
    pool: 'forks',
    // Two files at a time even on two cores: most tests wait on processes
    // (delays, start-up, exits) rather than compute, and the parallel-ratio
    // checks leave room for a loaded machine.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
