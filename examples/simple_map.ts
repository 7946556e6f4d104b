// simple_map: the N × N grid computed sequentially in map style: one
// function applied to a sequence of `[i, j]` pairs. The sequential version
// of simple_pmap and simple_pmap_iter.
// Twin of the original's examples/simple_map.py.
import { setTimeout as sleep } from 'node:timers/promises';
import { isMain } from '../src/pprocess/index.js';
import { printRows, printTimeTaken } from './support/output.js';
import { gridSettings } from './support/settings.js';

const { N, delay } = gridSettings(import.meta.url);

/** A supposedly time-consuming calculation on the pair `[i, j]`. */
export async function calculate([i, j]: [number, number]): Promise<number> {
  await sleep(delay * 1000);
  return i * N + j;
}

if (isMain(import.meta.url)) {
  const started = performance.now();
  const sequence: Array<[number, number]> = [];
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) sequence.push([i, j]);
  }

  // The built-in map, one element after another (each call is awaited).
  const results: number[] = [];
  for (const pair of sequence) results.push(await calculate(pair));

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
