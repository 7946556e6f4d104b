// pmap: a parallel version of the built-in map.
import { getNumberOfCores } from '../cores.js';
import type { AnyCallable, Callable } from '../process/callable.js';
import type { ExchangeOptions } from './options.js';
import { ParallelMap, type CallOptions } from './parallel-map.js';

/** Options of `pmap`: those of an exchange (`limit` defaulting to the number of cores) and of `Map.call()`. */
export type PmapOptions = Omit<ExchangeOptions, 'channels' | 'continuous'> & CallOptions;

/**
 * Calls `callable` (a plain function of one argument, made by `task()` or
 * `makeParallel()`) on each element of `sequence`, each call in a created
 * process, at most `limit` at a time (default: `getNumberOfCores()`). With
 * `reuse: true`, each process handles many elements in turn.
 *
 * Returns the `Map` of results: iterate it with `for await` or call `toArray()`.
 */
export function pmap<Item, Result>(
  callable: Callable<[Item], Result> | AnyCallable,
  sequence: Iterable<Item>,
  options: PmapOptions = {},
): ParallelMap<Result> {
  const { chunkSize, ...exchangeOptions } = options;
  const map = new ParallelMap<Result>({ limit: getNumberOfCores(), ...exchangeOptions });
  return map.call(callable, sequence, { chunkSize }) as ParallelMap<Result>;
}
