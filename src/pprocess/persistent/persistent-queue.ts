// PersistentQueue: a Queue of what background processes send, in arrival
// order; the processes are reached by their addresses. backgroundQueue():
// such a queue connected to one background process. Its methods are those
// of PersistentExchange, over the same functions: the original's mix-in
// cannot be a TypeScript mixin here, whose declarations cannot be emitted
// for a base class with protected members.
import { Queue } from '../exchange/queue.js';
import type { Channel } from '../channel/channel.js';
import type { Callable } from '../process/callable.js';
import type { BackgroundOptions } from './background.js';
import type { ConnectOptions } from './connect-options.js';
import {
  backgroundOptionsOf,
  connectTo,
  createAt,
  manageAt,
  startAt,
  type PersistentExchangeOptions,
} from './persistent-methods.js';

/**
 * A queue over background processes: `connect(address)` watches one started
 * earlier, by this program or another; `start(address, callable, ...args)`
 * starts one and watches it. `for await (const value of queue)` yields what
 * they send, in arrival order. `close()` disconnects without ending them.
 */
export class PersistentQueue<T = unknown> extends Queue<T> {
  readonly #background: BackgroundOptions;

  constructor(options: PersistentExchangeOptions = {}) {
    super(options);
    this.#background = backgroundOptionsOf(options, this.constructor.name);
  }

  /**
   * Connects to the background process at `address` and watches it, first
   * waiting while the exchange is busy. `options` bound the wait to be
   * served, as `connectPersistent()`'s do.
   */
  connect(address: string, options?: ConnectOptions): Promise<void> {
    return connectTo(this, address, options);
  }

  /**
   * Starts `callable` with `args` in a background process listening at
   * `address` (once the exchange has room), then connects to it and watches it.
   */
  override start<Args extends unknown[]>(address: string, callable: Callable<Args>, ...args: Args): Promise<void>;
  /** @deprecated A persistent exchange needs the address first: `start(address, callable, ...args)`. */
  override start(callable: never, ...args: never[]): Promise<never>;
  override start(address: string, callable: Callable, ...args: unknown[]): Promise<void> {
    return startAt(this, this.#background, address, callable, args);
  }

  /** Returns a function that starts `callable` at `address` with the arguments it is given (see `start()`). */
  override manage<Args extends unknown[]>(address: string, callable: Callable<Args>): (...args: Args) => Promise<void>;
  /** @deprecated A persistent exchange needs the address first: `manage(address, callable)`. */
  override manage(callable: never, ...rest: never[]): never;
  override manage(address: string, callable: Callable): (...args: unknown[]) => Promise<void> {
    return manageAt(this, this.#background, address, callable);
  }

  /**
   * Fork-style: creates a background process, listening at `address`, that
   * runs the rest of the program from this call (see `createAt`). Returns its
   * persistent channel there, and null here, where the exchange watches it.
   */
  override create(address: string): Promise<Channel | null>;
  /** @deprecated A persistent exchange needs the address: `create(address)`. */
  override create(): Promise<never>;
  override create(address?: string): Promise<Channel | null> {
    return createAt(this, this.#background, address as string);
  }
}

/**
 * Connects to the background process at `address` (started by
 * `backgroundCallable`) and returns a queue of what it sends:
 * `for await (const result of await backgroundQueue(address))`.
 */
export async function backgroundQueue<T = unknown>(address: string): Promise<PersistentQueue<T>> {
  const queue = new PersistentQueue<T>({ limit: 1 });
  await queue.connect(address);
  return queue;
}
