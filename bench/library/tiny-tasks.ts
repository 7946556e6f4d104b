// Tiny-task throughput: many trivial tasks through pprocess (pmap, and a
// Map kept as a pool, with and without chunks), piscina, workerpool, and
// one child on Node's IPC channel, pipelined: the ceiling for processes.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { makeReusable, Map as ParallelMap, pmap, prestart } from 'pprocess';
// Not public API, so from dist/ by path: the `bench` command's interleaving, peer loading, module
// paths and peer pools.
import { interleave, type Trial } from '../../dist/render-bench/interleave.js';
import { loadPeer, type LoadedPeer } from '../../dist/render-bench/peers/load-peer.js';
import { childExecArgv, sibling, threadEntry } from '../../dist/render-bench/peers/module-files.js';
import type { PiscinaModule, WorkerpoolModule } from '../../dist/render-bench/peers/peer-contenders.js';
import { exited, forkIpcPeer } from './raw-peers.js';
import { rateOf, type RateResult } from './rates.js';
import { double } from './tasks.js';

/** How many tasks, over how many workers, how many rounds. */
export interface TinyTaskOptions {
  readonly tasks: number;
  readonly workers: number;
  readonly repeat: number;
  readonly log?: (line: string) => void;
}

/** Tasks per second of each alternative. */
export interface TinyTaskReport {
  readonly tasks: number;
  readonly workers: number;
  readonly results: RateResult[];
  readonly notInstalled: string[];
}

const TASKS = sibling(import.meta.url, './tasks').href;
const doubleTask = makeReusable(TASKS, double);

/** Runs the tiny-task benchmark. */
export async function runTinyTasks({ tasks, workers, repeat, log }: TinyTaskOptions): Promise<TinyTaskReport> {
  const items = Array.from({ length: tasks }, (_, i) => i);
  const expected = items.reduce((sum, n) => sum + double(n), 0);
  const checked = (name: string, results: () => number[]) => async () => {
    const sum = results().reduce((a, b) => a + b, 0);
    if (results().length !== tasks || sum !== expected) throw new Error(`${name} returned wrong results`);
  };
  const piscina = await loadPeer<PiscinaModule>('piscina');
  const workerpool = await loadPeer<WorkerpoolModule>('workerpool');
  const trials: Array<Trial & { includes: string }> = [];
  const add = (name: string, includes: string, run: () => Promise<number[]>, extra: Partial<Trial> = {}) => {
    let last: number[] = [];
    trials.push({ name, includes, run: async () => void (last = await run()), check: checked(name, () => last), ...extra });
  };

  add('pprocess pmap, chunkSize auto', 'pmap(..., { reuse: true, chunkSize: "auto" }) on processes prestarted before timing: handing over, loading the task module, every chunk, ending', () =>
    pmap<number, number>(doubleTask, items, { limit: workers, reuse: true, chunkSize: 'auto' }).toArray(), {
    prepare: () => prestart(workers),
    close: () => prestart(0),
  });
  for (const [label, chunkSize] of [['chunkSize auto', 'auto'], ['no chunks', 1]] as const) {
    const pool = mapPool(workers, chunkSize);
    add(`pprocess Map pool, ${label}`, pool.includes, () => pool.run(items), { close: () => pool.close() });
  }
  if (piscina) {
    const pool = piscinaPool(piscina, workers);
    add(pool.name, pool.includes, () => pool.run(items), { close: () => pool.close() });
  }
  if (workerpool) {
    for (const type of ['process', 'thread'] as const) {
      const module = sibling(import.meta.url, './workerpool-tasks');
      const pool = workerpool.module.default.pool(type === 'thread' ? threadEntry(module) : fileURLToPath(module), {
        workerType: type, minWorkers: workers, maxWorkers: workers,
        forkOpts: { serialization: 'advanced', execArgv: childExecArgv(module) },
        workerThreadOpts: { workerData: { module: module.href } },
      });
      add(`workerpool ${workerpool.version} (${type === 'process' ? 'child processes' : 'threads'})`, 'a pool created and warmed before timing: every task queued at once',
        () => Promise.all(items.map((n) => pool.exec('double', [n]) as Promise<number>)), { close: async () => void (await pool.terminate()) });
    }
  }
  const child = forkIpcPeer();
  add('one child, Node IPC (advanced), pipelined', 'one forked child started before timing: every number sent at once, each answered with its double', () => pipelined(child, items), {
    close: () => exited(child, () => child.disconnect()),
  });

  const seconds = await interleave(trials, { repeat, log });
  return {
    tasks,
    workers,
    results: trials.map((trial, i) => rateOf(trial.name, trial.includes, tasks, seconds[i]!)),
    notInstalled: [...(piscina ? [] : ['piscina']), ...(workerpool ? [] : ['workerpool'])],
  };
}

/** A pool that doubles numbers, started before timing: `run` doubles every item given and resolves with the doubles in order. */
export interface DoublingPool {
  readonly name: string;
  /** What a timed `run` includes. */
  readonly includes: string;
  run(items: readonly number[]): Promise<number[]>;
  close(): Promise<void>;
}

/** A `Map` with `reuse` and `keepAlive` and `workers` processes, warmed by its first run, calling with `chunkSize`. */
export function mapPool(workers: number, chunkSize: 'auto' | number): DoublingPool {
  const pool = new ParallelMap<number>({ limit: workers, reuse: true, keepAlive: true });
  return {
    name: `pprocess Map pool, ${chunkSize === 1 ? 'no chunks' : `chunkSize ${chunkSize}`}`,
    includes: `a Map with reuse and keepAlive, warmed before timing: Map.call(..., { chunkSize: ${JSON.stringify(chunkSize)} }) and every result`,
    // Each call() starts the map's results anew, as in the original.
    run: (items) => pool.call(doubleTask, items, { chunkSize }).toArray(),
    close: () => pool.close(),
  };
}

/** A piscina pool of `workers` threads, created before timing and warmed by its first run: every item queued at once. */
export function piscinaPool(piscina: LoadedPeer<PiscinaModule>, workers: number): DoublingPool {
  const module = sibling(import.meta.url, './piscina-tasks');
  const pool = new piscina.module.Piscina<number, number>({
    filename: threadEntry(module), workerData: { module: module.href }, minThreads: workers, maxThreads: workers, idleTimeout: Number.MAX_SAFE_INTEGER,
  });
  return {
    name: `piscina ${piscina.version} (threads)`,
    includes: 'a pool created and warmed before timing: every task queued at once',
    run: (items) => Promise.all(items.map((n) => pool.run(n))),
    close: () => pool.destroy(),
  };
}

// Sends every item at once on the child's IPC channel and collects the answers.
function pipelined(child: ChildProcess, items: readonly number[]): Promise<number[]> {
  return new Promise((resolve) => {
    const answers: number[] = [];
    const onMessage = (answer: unknown) => {
      answers.push(answer as number);
      if (answers.length === items.length) {
        child.off('message', onMessage);
        resolve(answers);
      }
    };
    child.on('message', onMessage);
    for (const n of items) child.send(n);
  });
}
