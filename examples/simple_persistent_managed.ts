// simple_persistent_managed: the work of simple_managed (the N × N grid,
// computed by processes managed by an Exchange subclass) done by a background
// process that a PersistentExchange started with manage(address, callable);
// another PersistentExchange reconnects to it and stores the whole grid when
// it arrives, in the same run or a later one.
//   --start      start the work in the background and exit
//   --reconnect  collect the results of the work started earlier
//   (neither)    both, in one run
// Sequential twin: simple2. Twin of the original's examples/simple_persistent_managed.py.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as pprocess from '../src/pprocess/index.js';
import { backgroundFlags } from './support/background-flags.js';
import { printRows, printTimeTaken } from './support/output.js';
import { gridSettings } from './support/settings.js';

const flags = backgroundFlags(import.meta.url);
const { N, limit, delay } = gridSettings(import.meta.url, flags.rest);

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

/** A persistent exchange that takes the whole grid into `D` when it arrives. */
class MyPersistentExchange extends pprocess.PersistentExchange {
  constructor(readonly D: number[], options: pprocess.PersistentExchangeOptions) {
    super(options);
  }

  override async storeData(ch: pprocess.Channel): Promise<void> {
    this.D.splice(0, this.D.length, ...(await ch.receive<number[]>()));
  }
}

/** The whole computation, run in the background: the grid, by a managed Exchange. */
export async function task(): Promise<number[]> {
  const results: number[] = new Array<number>(N * N).fill(0);
  const exchange = new MyExchange(results, { limit });
  const calc = exchange.manage(pprocess.makeParallel(import.meta.url, calculate));

  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) await calc(i, j);
  }

  await exchange.finish();
  return results;
}

if (pprocess.isMain(import.meta.url)) {
  const started = performance.now();
  const address = join(flags.dir, 'task.socket');
  const results: number[] = new Array<number>(N * N).fill(0);

  if (flags.start) {
    // A persistent exchange with a single process: the main computation.
    const exchange = new MyPersistentExchange(results, { limit: 1, log: flags.log });
    const ptask = exchange.manage(address, pprocess.makeParallel(import.meta.url, task));
    await ptask();

    // Disconnects only: the background process goes on.
    await exchange.close();
    console.log('Closed original exchange.');
  }

  if (flags.reconnect) {
    console.log('Opening new exchange.');
    const exchange = new MyPersistentExchange(results, { limit: 1 });
    await exchange.connect(address);

    console.log('Waiting for persistent results');
    await exchange.finish();

    await printRows(N, (start, end) => results.slice(start, end));
    printTimeTaken(started);
  }
}
