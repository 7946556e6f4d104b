// simple_start_queue: the N × N grid computed in parallel by a plain function
// made parallel and started directly on a Queue (no managed callable); the
// results are consumed in whatever order they arrive.
// Sequential twin: simple2. Twin of the original's examples/simple_start_queue.py.
import { setTimeout as sleep } from 'node:timers/promises';
import * as pprocess from '../src/pprocess/index.js';
import { printRows, printTimeTaken } from './support/output.js';
import { gridSettings } from './support/settings.js';

const { N, limit, delay } = gridSettings(import.meta.url);

/** A supposedly time-consuming calculation on `i` and `j`, returned with them. */
export async function calculate(i: number, j: number): Promise<[number, number, number]> {
  await sleep(delay * 1000);
  return [i, j, i * N + j];
}

if (pprocess.isMain(import.meta.url)) {
  const started = performance.now();
  const queue = new pprocess.Queue<[number, number, number]>({ limit });
  const results: number[] = new Array<number>(N * N).fill(0);
  const calc = pprocess.makeParallel(import.meta.url, calculate);

  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) await queue.start(calc, i, j);
  }

  // Store the results as they arrive.
  console.log('Finishing...');
  for await (const [i, j, result] of queue) results[i * N + j] = result;

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
