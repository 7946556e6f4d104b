// simple1: the N × N grid computed sequentially by a function that returns
// each result, appended to a list. The sequential version of
// simple_managed_map and simple_managed_map_reusable.
// Twin of the original's examples/simple1.py.
import { setTimeout as sleep } from 'node:timers/promises';
import { isMain } from '../src/pprocess/index.js';
import { printRows, printTimeTaken } from './support/output.js';
import { gridSettings } from './support/settings.js';

const { N, delay } = gridSettings(import.meta.url);

/** A supposedly time-consuming calculation on `i` and `j`. */
export async function calculate(i: number, j: number): Promise<number> {
  await sleep(delay * 1000);
  return i * N + j;
}

if (isMain(import.meta.url)) {
  const started = performance.now();
  const results: number[] = [];

  console.log('Calculating...');
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) results.push(await calculate(i, j));
  }

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
