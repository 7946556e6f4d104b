// simple_pmap: the N × N grid computed in parallel with pmap, the parallel
// counterpart of the built-in map; results are read a row at a time, each
// row waiting for its own results. Sequential twin: simple_map.
// Twin of the original's examples/simple_pmap.py.
import { setTimeout as sleep } from 'node:timers/promises';
import * as pprocess from '../src/pprocess/index.js';
import { printRows, printTimeTaken } from './support/output.js';
import { gridSettings } from './support/settings.js';

const { N, limit, delay } = gridSettings(import.meta.url);

/** A supposedly time-consuming calculation on the pair `[i, j]`. */
export async function calculate([i, j]: [number, number]): Promise<number> {
  await sleep(delay * 1000);
  return i * N + j;
}

if (pprocess.isMain(import.meta.url)) {
  const started = performance.now();
  const sequence: Array<[number, number]> = [];
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) sequence.push([i, j]);
  }

  // Each element in a process of its own, at most `limit` at a time.
  const results = pprocess.pmap(pprocess.makeParallel(import.meta.url, calculate), sequence, { limit });

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
