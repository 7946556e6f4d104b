// simple_continuous_queue: the N × N grid computed by N processes, one per
// row, each sending N results over its channel as it computes them: a
// continuous Queue (`{ continuous: true }`) takes many values from each
// process. Sequential twin: simple2.
// Twin of the original's examples/simple_continuous_queue.py.
import { setTimeout as sleep } from 'node:timers/promises';
import * as pprocess from '../src/pprocess/index.js';
import { printRows, printTimeTaken } from './support/output.js';
import { gridSettings } from './support/settings.js';

const { N, limit, delay } = gridSettings(import.meta.url);

/** Supposedly time-consuming calculations for row `i`, each result sent over `ch` when ready. */
export async function calculate(ch: pprocess.Channel, i: number): Promise<void> {
  for (let j = 0; j < N; j++) {
    await sleep(delay * 1000);
    await ch.send([i, j, i * N + j]);
  }
}

if (pprocess.isMain(import.meta.url)) {
  const started = performance.now();
  const queue = new pprocess.Queue<[number, number, number]>({ limit, continuous: true });
  const results: number[] = new Array<number>(N * N).fill(0);
  const calc = queue.manage(pprocess.task(import.meta.url, calculate));

  console.log('Calculating...');
  for (let i = 0; i < N; i++) await calc(i);

  // Store the results as they arrive.
  console.log('Finishing...');
  for await (const [i, j, result] of queue) results[i * N + j] = result;

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
