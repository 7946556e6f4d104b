// simple_create_map: the N × N grid computed in parallel, fork-style: the
// loop body asks a Map to create a process (create()), and the created
// process does the calculation inline and sends its result back. The Map
// keeps the results in the order the processes were created; reading a row
// waits for that row's results. Sequential twin: simple.
// Twin of the original's examples/simple_create_map.py.
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
  const results = new pprocess.Map<number>({ limit });

  console.log('Calculating...');
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      // A channel in the created process; null here, where the Map watches it.
      const ch = await results.create();
      if (ch) {
        try {
          await sleep(delay * 1000);
          await ch.send(i * N + j);
        } finally {
          // The created branch ends here: it must not run the rest of the program.
          await pprocess.exit(ch);
        }
      }
    }
  }

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
