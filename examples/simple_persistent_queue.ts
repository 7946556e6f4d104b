// simple_persistent_queue: N background processes, one per row of the N × N
// grid, each computing its row with a Queue of processes; a PersistentQueue
// connected to all of them collects the rows in the order they arrive, in
// the same run or a later one. (The original lowers limit to 2, since each
// of the N background processes runs up to limit processes: try --limit 2.)
//   --start      start the work in the background and exit
//   --reconnect  collect the results of the work started earlier
//   (neither)    both, in one run
// Sequential twin: simple2. Twin of the original's examples/simple_persistent_queue.py.
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

/** Row `i` of the grid, run in the background by a Queue of processes; returned with `i`. */
export async function task(i: number): Promise<[number, number[]]> {
  const queue = new pprocess.Queue<[number, number, number]>({ limit });
  const results: number[] = new Array<number>(N).fill(0);
  const calc = queue.manage(pprocess.makeParallel(import.meta.url, calculate));

  console.log('Calculating...');
  for (let j = 0; j < N; j++) await calc(i, j);

  console.log('Finishing...');
  for await (const [, j, result] of queue) results[j] = result;
  return [i, results];
}

// Each row's background process listens at its own address.
const addressOf = (i: number) => join(flags.dir, `task-${i}.socket`);

if (pprocess.isMain(import.meta.url)) {
  const started = performance.now();

  if (flags.start) {
    const ptask = pprocess.makeParallel(import.meta.url, task);
    for (let i = 0; i < N; i++) {
      // A distinct callable for each part of the computation.
      const ptaskI = pprocess.backgroundCallable(addressOf(i), ptask, { log: flags.log });
      await ptaskI(i);
    }
    console.log('Discarded the callable.');
  }

  if (flags.reconnect) {
    console.log('Opening a queue.');
    const queue = new pprocess.PersistentQueue<[number, number[]]>();
    for (let i = 0; i < N; i++) await queue.connect(addressOf(i));
    const results: number[][] = new Array<number[]>(N).fill([]);

    console.log('Waiting for persistent results');
    for await (const [i, result] of queue) results[i] = result;

    await printRows(N, (start, end) => results.flat().slice(start, end));
    printTimeTaken(started);
  }
}
