// The registry of strategies: one renderer, many executors.
import { UnknownChoiceError } from '../../errors.js';
import { exchange } from './exchange.js';
import type { Executor } from './executor.js';
import { map } from './map.js';
import { pmap } from './pmap.js';
import { queue } from './queue.js';
import { reuse } from './reuse.js';
import { serial } from './serial.js';
import { staticSplit } from './static.js';

export type { Executor, RowSink, RunOptions } from './executor.js';

/** Every strategy, by name. */
export const EXECUTORS = {
  map,
  serial,
  pmap,
  queue,
  exchange,
  reuse,
  static: staticSplit,
} as const satisfies Record<string, Executor>;

/** The name of a strategy. */
export type StrategyName = keyof typeof EXECUTORS;

/** The names of every strategy, the default first: for `--strategy`, tests and benchmarks. */
export const STRATEGIES = Object.keys(EXECUTORS) as StrategyName[];

/** The strategy used when none is named. */
export const DEFAULT_STRATEGY: StrategyName = 'map';

/** The executor of strategy `name`; an `UnknownChoiceError` (`ERR_UNKNOWN_STRATEGY`) for any other name. */
export function getExecutor(name: string): Executor {
  if (!Object.hasOwn(EXECUTORS, name)) throw new UnknownChoiceError('ERR_UNKNOWN_STRATEGY', name, STRATEGIES, 'strategy');
  return EXECUTORS[name as StrategyName];
}
