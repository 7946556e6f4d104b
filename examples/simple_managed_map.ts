// simple_managed_map: the N × N grid computed in parallel by a plain function
// made parallel and managed by a Map, which keeps the results in the order
// the calls were made; reading a row waits for that row's results.
// Sequential twin: simple1. Twin of the original's examples/simple_managed_map.py.
import { setTimeout as sleep } from 'node:timers/promises';
import * as pprocess from '../src/pprocess/index.js';
import { printRows, printTimeTaken } from './support/output.js';
import { gridSettings } from './support/settings.js';

const { N, limit, delay } = gridSettings(import.meta.url);

/** A supposedly time-consuming calculation on `i` and `j`. */
export async function calculate(i: number, j: number): Promise<number> {
  await sleep(delay * 1000);
  return i * N + j;
}

if (pprocess.isMain(import.meta.url)) {
  const started = performance.now();
  const results = new pprocess.Map<number>({ limit });
  const calc = results.manage(pprocess.makeParallel(import.meta.url, calculate));

  console.log('Calculating...');
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) await calc(i, j);
  }

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
