// What the benchmark's whole programs share: the count they are given
// (`--count N`) and the one line of JSON they print for the benchmark to check.
import { parseArgs } from 'node:util';
// Not public API, so from dist/ by path: the `bench` command's module paths.
import { sibling } from '../../../dist/render-bench/peers/module-files.js';

/** The module of the trivial tasks, for callables. */
export const TASKS = sibling(import.meta.url, '../tasks').href;

/** The program's `--count`: a whole number ≥ 1. */
export function countOption(): number {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '200' } } });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`--count must be a whole number ≥ 1, got ${values.count}`);
  return count;
}

/** Prints what the program computed, `{ count, sum }` of its results, as the last line of its output. */
export function printResults(results: readonly number[]): void {
  process.stdout.write(`${JSON.stringify({ count: results.length, sum: results.reduce((a, b) => a + b, 0) })}\n`);
}
