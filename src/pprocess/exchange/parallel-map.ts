// Map: an exchange whose results are kept in the order the work was started,
// like the built-in map. Exported as `Map` and as `ParallelMap`.
import type { Channel } from '../channel/channel.js';
import { outOfRange, PProcessError, RemoteError, type ProcessExitError, type TimeoutError } from '../errors.js';
import { makeParallel, type AnyCallable, type Callable, type ChunkResult } from '../process/callable.js';
import { Exchange, type ExchangeOptions, type Work } from './exchange.js';

type Slot<T> = { state: 'pending' } | { state: 'done'; value: T } | { state: 'failed'; error: Error };

const PENDING = Object.freeze({ state: 'pending' as const });

// Where the results of one piece of work go: one slot, or a chunk's run of slots.
interface Placement {
  first: number;
  count: number;
  chunked: boolean;
}

/** Options of `Map.call()`. */
export interface CallOptions {
  /**
   * How many elements each process call handles (default 1). Chunks make
   * tiny tasks cheap: one message carries many elements and their results.
   * `'auto'` picks about four chunks per process, as Python's `Pool.map` does.
   */
  chunkSize?: number | 'auto';
}

/**
 * An exchange that keeps each result at the position of the work that
 * produced it. Read results with `get(i)`, `slice(a, b)`, `toArray()` or
 * `for await (const r of map)`, which yields each result as soon as it and
 * all before it are ready.
 */
export class ParallelMap<T = unknown> extends Exchange implements AsyncIterable<T> {
  #slots: Slot<T>[] = [];
  #placements = new Map<number, Placement>();

  constructor(options: ExchangeOptions = {}) {
    // Channels given here are added once this map's own fields exist.
    super({ ...options, channels: undefined });
    for (const channel of options.channels ?? []) this.add(channel);
  }

  /** The number of results expected (tasks started or queued). */
  get length(): number {
    return this.#slots.length;
  }

  /**
   * Calls `callable` on each element of `sequence` in a created process (a
   * function taking one argument, wrapped with `makeParallel` unless already
   * wrapped) and returns this map, from which the results are read.
   */
  call<Item, Result = T>(
    callable: Callable<[Item], Result> | AnyCallable,
    sequence: Iterable<Item>,
    options: CallOptions = {},
  ): ParallelMap<Result> {
    const wrapped = callable.style === 'channel' ? makeParallel(callable) : callable;
    const items = [...sequence];
    const size = chunkSize(options.chunkSize, items.length, this.limit);
    if (size === 1) {
      for (const item of items) this.submit(wrapped, [item]);
    } else {
      const chunked = { ...wrapped, chunked: true };
      for (let first = 0; first < items.length; first += size) this.submit(chunked, [items.slice(first, first + size)]);
    }
    return this as unknown as ParallelMap<Result>;
  }

  protected override workAdded(work: Work): void {
    const chunked = work.callable?.chunked === true;
    const count = chunked ? (work.args[0] as unknown[]).length : 1;
    this.#placements.set(work.index, { first: this.#slots.length, count, chunked });
    for (let k = 0; k < count; k++) this.#slots.push(PENDING);
  }

  override async storeData(channel: Channel): Promise<void> {
    const placement = this.#placements.get(this.taskIndexOf(channel)!)!;
    let value: unknown;
    try {
      value = await channel.receive();
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      this.#fail(placement, error);
      return;
    }
    if (!placement.chunked) {
      this.#slots[placement.first] = { state: 'done', value: value as T };
      return;
    }
    const { values, failures } = value as ChunkResult;
    values.forEach((element, k) => (this.#slots[placement.first + k] = { state: 'done', value: element as T }));
    for (const [k, remote] of failures) {
      this.#slots[placement.first + k] = { state: 'failed', error: new RemoteError(remote, channel.pid, placement.first + k) };
    }
  }

  protected override processFailed(_channel: Channel, error: ProcessExitError | TimeoutError, work: Work): void {
    const placement = this.#placements.get(work.index)!;
    this.#fail(placement, error.forTask(placement.first));
  }

  protected override workFailed(work: Work, error: Error): void {
    const placement = this.#placements.get(work.index)!;
    (error as Error & { taskIndex?: number }).taskIndex ??= placement.first;
    this.#fail(placement, error);
  }

  /** Resolves with result `i` (negative counts from the end) once it is ready. */
  async get(i: number): Promise<T> {
    const index = i < 0 ? this.#slots.length + i : i;
    if (!Number.isInteger(index) || index < 0 || index >= this.#slots.length) {
      throw outOfRange(`Map.get(${i}): there are ${this.#slots.length} results`);
    }
    while (this.#slots[index]!.state === 'pending' && this.unfinished()) await this.store();
    const slot = this.#slots[index]!;
    if (slot.state === 'done') return slot.value;
    if (slot.state === 'failed') throw slot.error;
    this.throwIfAborted();
    throw new PProcessError('ERR_NO_RESULT', `The process running task ${index} finished without sending a result`);
  }

  /** Resolves with results `start` to `end` (exclusive), as `Array.prototype.slice` counts them. */
  async slice(start = 0, end = this.#slots.length): Promise<T[]> {
    const indexes = [...this.#slots.keys()].slice(start, end);
    const values: T[] = [];
    for (const index of indexes) values.push(await this.get(index));
    return values;
  }

  /** Waits for every result and returns them in order. */
  async toArray(): Promise<T[]> {
    await this.finish();
    return this.slice();
  }

  /** Yields the results in order, each as soon as it and all before it are ready. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (let index = 0; index < this.#slots.length; index++) yield await this.get(index);
  }

  // Fails the slots of a piece of work that are still pending.
  #fail({ first, count }: Placement, error: Error): void {
    if (error instanceof RemoteError) error.taskIndex ??= first;
    for (let k = first; k < first + count; k++) {
      if (this.#slots[k]!.state === 'pending') this.#slots[k] = { state: 'failed', error };
    }
  }
}

function chunkSize(size: CallOptions['chunkSize'], length: number, limit: number | undefined): number {
  if (size === undefined) return 1;
  if (size === 'auto') return Math.max(1, Math.ceil(length / ((limit ?? 1) * 4)));
  if (!Number.isInteger(size) || size < 1) {
    throw outOfRange(`Map.call(): chunkSize must be a positive integer or 'auto', got ${String(size)}`);
  }
  return size;
}
