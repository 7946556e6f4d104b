// The registry of strategies: one renderer, many executors. Each executor's
// code (and the parts of pprocess it uses) is loaded only when it runs, so
// that naming, describing and checking strategies, and rendering serially,
// load none of the process machinery.
import { UnknownChoiceError } from '../../errors.js';
import type { Executor } from './executor.js';

export type { Executor, RowSink, RunOptions } from './executor.js';

interface Entry {
  /** One line on how it spreads the work, for `--help`. */
  readonly description: string;
  readonly load: () => Promise<Executor>;
}

// The default first: the order of --help and of the choices in messages.
const CATALOGUE = {
  map: {
    description: 'Map of reusable processes: the scene sent once, then row numbers',
    load: async () => (await import('./map.js')).map,
  },
  serial: {
    description: 'every row in this process, no processes created',
    load: async () => (await import('./serial.js')).serial,
  },
  pmap: {
    description: 'pmap over row numbers, in chunks, with reusable processes',
    load: async () => (await import('./pmap.js')).pmap,
  },
  queue: {
    description: 'Queue of reusable processes: rows placed as they arrive',
    load: async () => (await import('./queue.js')).queue,
  },
  exchange: {
    description: 'Exchange subclass whose channel tasks get rows on demand',
    load: async () => (await import('./exchange.js')).exchange,
  },
  reuse: {
    description: 'Exchange subclass with reuse and makeReusable',
    load: async () => (await import('./reuse.js')).reuse,
  },
  static: {
    description: 'one band of rows per process, split up front',
    load: async () => (await import('./static.js')).staticSplit,
  },
} as const satisfies Record<string, Entry>;

/** The name of a strategy. */
export type StrategyName = keyof typeof CATALOGUE;

/** The names of every strategy, the default first: for `--strategy`, tests and benchmarks. */
export const STRATEGIES = Object.keys(CATALOGUE) as StrategyName[];

/** The strategy used when none is named. */
export const DEFAULT_STRATEGY: StrategyName = 'map';

/** One line on how strategy `name` spreads the work. */
export function describeStrategy(name: StrategyName): string {
  return CATALOGUE[name].description;
}

/**
 * Loads the executor of strategy `name`; rejects with an `UnknownChoiceError`
 * (`ERR_UNKNOWN_STRATEGY`) for any other name.
 */
export async function loadExecutor(name: string): Promise<Executor> {
  if (!Object.hasOwn(CATALOGUE, name)) throw new UnknownChoiceError('ERR_UNKNOWN_STRATEGY', name, STRATEGIES, 'strategy');
  return CATALOGUE[name as StrategyName].load();
}
