// simple_managed_map_reusable: simple_managed_map with reusable processes:
// makeReusable and `{ reuse: true }` keep at most `limit` processes alive,
// each sent the next call's arguments when it has sent a result, instead of
// one process per call. Sequential twin: simple1.
// Twin of the original's examples/simple_managed_map_reusable.py.
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
  const results = new pprocess.Map<number>({ limit, reuse: true });
  const calc = results.manage(pprocess.makeReusable(import.meta.url, calculate));

  console.log('Calculating...');
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) await calc(i, j);
  }

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
