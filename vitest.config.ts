import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const ROOT = fileURLToPath(new URL('./', import.meta.url));
const BENCH = `${ROOT}bench/`;
const BENCH_BUILD = `${ROOT}bench-build/`;
// The built benchmarks and the built package they use, loaded by Node itself
// (the tests that end dist/'s pool share its instance with them).
const BUILT = new RegExp(`^${ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(bench-build|dist)/`);

// The benchmarks' tests import them from bench/ (typed by the sources) and
// run the compiled bench-build/ (`npm run bench:build`, run by `pretest`):
// what they create starts as a user's would, without a TypeScript loader.
const compiledBench: Plugin = {
  name: 'compiled-bench',
  enforce: 'pre',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    const target = resolve(dirname(importer), source);
    return target.startsWith(BENCH) ? resolve(BENCH_BUILD, relative(BENCH, target)) : null;
  },
};

export default defineConfig({
  plugins: [compiledBench],
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
    server: { deps: { external: [BUILT] } },
  },
});
