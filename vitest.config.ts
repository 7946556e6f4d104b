import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The benchmarks' tests import them as `…/bench/<path>.js` (typed by the
// sources) and run the compiled bench-build/<path>.js (`npm run bench:build`,
// run by `pretest`), loaded by Node itself: what they create starts as a
// user's would, without a TypeScript loader.
const BENCH_BUILD = fileURLToPath(new URL('./bench-build/', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [{ find: /^(?:\.\.\/)+bench\/(.*)$/, replacement: `${BENCH_BUILD}$1` }],
  },
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
    server: { deps: { external: [/\/bench-build\//] } },
  },
});
