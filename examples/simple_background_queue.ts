// simple_background_queue: the work of simple_managed_queue (the N × N grid,
// computed by a Queue of processes) done by a background process, which
// outlives the program that started it; the results are collected from it
// through a UNIX-domain socket, by the same run or a later one.
//   --start      start the work in the background and exit
//   --reconnect  collect the results of the work started earlier
//   (neither)    both, in one run
// Sequential twin: simple2. Twin of the original's examples/simple_background_queue.py.
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

/** The whole computation, run in the background: the grid, by a Queue of processes. */
export async function task(): Promise<number[]> {
  const queue = new pprocess.Queue<[number, number, number]>({ limit });
  const results: number[] = new Array<number>(N * N).fill(0);
  const calc = queue.manage(pprocess.makeParallel(import.meta.url, calculate));

  console.log('Calculating...');
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) await calc(i, j);
  }

  console.log('Finishing...');
  for await (const [i, j, result] of queue) results[i * N + j] = result;
  return results;
}

if (pprocess.isMain(import.meta.url)) {
  const started = performance.now();
  const address = join(flags.dir, 'task.socket');

  if (flags.start) {
    // Resolves once the background process listens at the address.
    const ptask = pprocess.backgroundCallable(address, pprocess.makeParallel(import.meta.url, task), { log: flags.log });
    await ptask();
    console.log('Discarded the callable.');
  }

  if (flags.reconnect) {
    console.log('Opening a queue.');
    const queue = await pprocess.backgroundQueue<number[]>(address);

    console.log('Waiting for persistent results');
    let results: number[] = [];
    for await (const value of queue) results = value; // only one: the whole grid

    await printRows(N, (start, end) => results.slice(start, end));
    printTimeTaken(started);
  }
}
