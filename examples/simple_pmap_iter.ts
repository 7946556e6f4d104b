// simple_pmap_iter: like simple_pmap, but iterating over the map of results,
// which yields each result (in input order) as soon as it and all before it
// are ready, so rows appear while later ones are still being computed.
// Sequential twin: simple_map. Twin of the original's examples/simple_pmap_iter.py.
import { setTimeout as sleep } from 'node:timers/promises';
import * as pprocess from '../src/pprocess/index.js';
import { printTimeTaken } from './support/output.js';
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

  const results = pprocess.pmap(pprocess.makeParallel(import.meta.url, calculate), sequence, { limit });

  // Each result printed as it becomes available, a line break after every N.
  let index = 0;
  for await (const result of results) {
    process.stdout.write(`${result}${index % N === N - 1 ? '\n' : ' '}`);
    index++;
  }

  printTimeTaken(started);
}
