// simple_managed: the N × N grid computed in parallel by a plain function
// made parallel (makeParallel) and managed by an Exchange subclass, which
// stores each `[i, j, result]` in the array as it arrives (storeData).
// Sequential twin: simple2. Twin of the original's examples/simple_managed.py.
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

  // Calling `calc` starts a process (or queues the work while `limit` are running).
  const calc = exchange.manage(pprocess.makeParallel(import.meta.url, calculate));

  console.log('Calculating...');
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) await calc(i, j);
  }

  console.log('Finishing...');
  await exchange.finish();

  await printRows(N, (start, end) => results.slice(start, end));
  printTimeTaken(started);
}
