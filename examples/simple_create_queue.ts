// simple_create_queue: the N × N grid computed in parallel, fork-style: the
// loop body asks a Queue to create a process (create()), and the created
// process does the calculation inline and sends `[i, j, result]` back; the
// results are consumed in whatever order they arrive.
// Sequential twin: simple. Twin of the original's examples/simple_create_queue.py.
//
// A created process replays this program up to its own create() call, then
// runs the loop body's created branch (see "Fork-style create" in README.md).
import { setTimeout as sleep } from 'node:timers/promises';
import * as pprocess from '../src/pprocess/index.js';
import { printRows, printTimeTaken } from './support/output.js';
import { gridSettings } from './support/settings.js';

const { N, limit, delay } = gridSettings(import.meta.url);

if (pprocess.isMain(import.meta.url)) {
  const started = performance.now();
  const queue = new pprocess.Queue<[number, number, number]>({ limit });
  const results: number[] = new Array<number>(N * N).fill(0);

  console.log('Calculating...');
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      // A channel in the created process; null here, where the queue watches it.
      const ch = await queue.create();
      if (ch) {
        try {
          await sleep(delay * 1000);
          await ch.send([i, j, i * N + j]);
        } finally {
          // The created branch ends here: it must not run the rest of the program.
          await pprocess.exit(ch);
        }
      }
    }
  }

  // Store the results as they arrive.
  console.log('Finishing...');
  for await (const [i, j, result] of queue) results[i * N + j] = result;

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
