// simple_start: the N × N grid computed in parallel by a function that is
// aware of the parallel environment: it gets a channel and sends its own
// result back. An Exchange subclass starts the processes and stores each
// `[i, j, result]` as it arrives. Sequential twin: simple2.
// Twin of the original's examples/simple_start.py.
import { setTimeout as sleep } from 'node:timers/promises';
import * as pprocess from '../src/pprocess/index.js';
import { printRows, printTimeTaken } from './support/output.js';
import { gridSettings } from './support/settings.js';

const { N, limit, delay } = gridSettings(import.meta.url);

/** A supposedly time-consuming calculation on `i` and `j`, sent to the creator over `ch`. */
export async function calculate(ch: pprocess.Channel, i: number, j: number): Promise<void> {
  await sleep(delay * 1000);
  await ch.send([i, j, i * N + j]);
}

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
    for (let j = 0; j < N; j++) await exchange.start(pprocess.task(import.meta.url, calculate), i, j);
  }

  console.log('Finishing...');
  await exchange.finish();

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
