// simple: the N × N grid computed sequentially, the work done inline in the
// loop. The sequential version of the fork-style programs.
// Twin of the original's examples/simple.py.
import { setTimeout as sleep } from 'node:timers/promises';
import { isMain } from '../src/pprocess/index.js';
import { printRows, printTimeTaken } from './support/output.js';
import { gridSettings } from './support/settings.js';

const { N, delay } = gridSettings(import.meta.url);

if (isMain(import.meta.url)) {
  const started = performance.now();
  const results: number[] = new Array<number>(N * N).fill(0);

  console.log('Calculating...');
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      await sleep(delay * 1000);
      results[i * N + j] = i * N + j;
    }
  }

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
