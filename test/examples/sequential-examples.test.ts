// The sequential programs, the reference the parallel ones are compared
// with: they must print the right grid, and really spend the delay on each
// calculation (otherwise a parallel program being faster would prove nothing).
import { expect, test } from 'vitest';
import { expectedRows, gridArgs, runGridExample } from './helpers/grid-output.js';
import { isCreatedProcess } from './helpers/process-tree.js';
import { runExample } from './helpers/run-example.js';

const N = 3;
const delay = 0.05;

test.each([
  { program: 'simple', progress: ['Calculating...'] },
  { program: 'simple1', progress: ['Calculating...'] },
  { program: 'simple2', progress: ['Calculating...'] },
  { program: 'simple_map', progress: [] },
])('$program prints the N × N grid, one calculation after another', async ({ program, progress }) => {
  const { output, descendants } = await runGridExample(program, N, 1, delay);
  expect(output.rows).toEqual(expectedRows(N));
  expect(output.progress).toEqual(progress);
  expect(output.timeTaken).toBeGreaterThanOrEqual(N * N * delay * 0.99);
  expect([...descendants.values()].filter(isCreatedProcess)).toEqual([]);
});

test('a bad option is reported with the usage, and nothing is run', async () => {
  const result = await runExample('examples/simple.ts', gridArgs(0, 1, 0));
  expect(result.exitCode).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/--n must be a positive integer, got 0[\s\S]*--limit L/);
});
