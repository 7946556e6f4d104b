// simple2: the N × N grid computed sequentially by a function that returns
// each result with its position, `[i, j, result]`. The sequential version of
// simple_managed, simple_managed_queue, simple_start, simple_start_queue and
// simple_continuous_queue, whose results arrive in any order.
// Twin of the original's examples/simple2.py.
import { setTimeout as sleep } from 'node:timers/promises';
import { isMain } from '../src/pprocess/index.js';
import { printRows, printTimeTaken } from './support/output.js';
import { gridSettings } from './support/settings.js';

const { N, delay } = gridSettings(import.meta.url);

/** A supposedly time-consuming calculation on `i` and `j`, returned with them. */
export async function calculate(i: number, j: number): Promise<[number, number, number]> {
  await sleep(delay * 1000);
  return [i, j, i * N + j];
}

if (isMain(import.meta.url)) {
  const started = performance.now();
  const results: number[] = new Array<number>(N * N).fill(0);

  console.log('Calculating...');
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const [i2, j2, result] = await calculate(i, j);
      results[i2 * N + j2] = result;
    }
  }

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
