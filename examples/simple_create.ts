// simple_create: the N × N grid computed in parallel, fork-style: the loop
// body asks an Exchange subclass to create a process (create()), and the
// created process does the calculation inline and sends `[i, j, result]`
// back; the exchange stores each result as it arrives (storeData).
// Sequential twin: simple. Twin of the original's examples/simple_create.py.
//
// A created process replays this program up to its own create() call, then
// runs the loop body's created branch (see "Fork-style create" in README.md).
import { setTimeout as sleep } from 'node:timers/promises';
import * as pprocess from '../src/pprocess/index.js';
import { printRows, printTimeTaken } from './support/output.js';
import { gridSettings } from './support/settings.js';

const { N, limit, delay } = gridSettings(import.meta.url);

/** An exchange that puts each result where it belongs in `D` as it arrives. */
class MyExchange extends pprocess.Exchange {
  constructor(readonly D: number[], options: pprocess.ExchangeOptions) {
    super(options);
  }

  override async storeData(ch: pprocess.Channel): Promise<void> {
    const [i, j, result] = await ch.receive<[number, number, number]>();
    this.D[i * N + j] = result;
  }
}

if (pprocess.isMain(import.meta.url)) {
  const started = performance.now();
  const results: number[] = new Array<number>(N * N).fill(0);
  const exchange = new MyExchange(results, { limit });

  console.log('Calculating...');
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      // A channel in the created process; null here, where the exchange watches it.
      const ch = await exchange.create();
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

  console.log('Finishing...');
  await exchange.finish();

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
