// Map: an exchange whose results are kept in the order the work was started,
// like the built-in map. Exported as `Map` and as `ParallelMap`.
import type { Channel } from '../channel/channel.js';
import { outOfRange, PProcessError, RemoteError, type ProcessExitError, type TimeoutError } from '../errors.js';
import { assertCallable, makeParallel, type AnyCallable, type Callable, type ChunkResult } from '../process/callable.js';
import { ChunkFeed } from './chunk-feed.js';
import { Exchange, type ExchangeOptions, type Work } from './exchange.js';

type Slot<T> = { state: 'pending' } | { state: 'done'; value: T } | { state: 'failed'; error: Error };

const PENDING = Object.freeze({ state: 'pending' as const });

// Where the results of one piece of work go: one slot, or a chunk's run of slots.
interface Placement {
  first: number;
  count: number;
  chunked: boolean;
  // The slot that counts as index 0 for its errors: its call's first.
  base: number;
  // The call whose items it carries, when they are handed out in adaptive chunks.
  feed?: ChunkFeed;
}

// How many chunks of a call are handed out ahead, per process.
const CHUNKS_AHEAD = 3;

/** Options of `Map.call()`. */
export interface CallOptions {
  /**
   * How many elements each process call handles. Chunks make tiny tasks
   * cheap: one message carries many elements and their results. `'auto'`
   * picks about four chunks per process, as Python's `Pool.map` does.
   *
   * By default chunks adapt: the first elements go one at a time, and then
   * each chunk holds as many as take about 2 ms, as measured (at most a
   * quarter of a process's share of what is left). Slow elements so still go
   * one at a time and stream as each is ready. With `timeoutMs`, which
   * bounds each element's own time, the default is 1.
   * @default adaptive (1 with `timeoutMs`)
   * @example
   * ```ts
   * const doubled = pmap(makeParallel(import.meta.url, double), items, { chunkSize: 100 });
   * ```
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
  // The slot of this map's result 0: the first of its latest call().
  #base = 0;
  // Where the next work's results go, when they were placed ahead (adaptive chunks).
  #nextPlacement: Placement | undefined;
  #feeds = new Set<ChunkFeed>();
  #chunked: AnyCallable | undefined;

  constructor(options: ExchangeOptions = {}) {
    // Channels given here are added once this map's own fields exist.
    super({ ...options, channels: undefined });
    for (const channel of options.channels ?? []) this.add(channel);
  }

  /** The number of results expected (tasks started or queued since the latest `call()`). */
  get length(): number {
    return this.#slots.length - this.#base;
  }

  /**
   * Calls `callable` on each element of `sequence` in a created process (a
   * function taking one argument, wrapped with `makeParallel` unless already
   * wrapped) and returns this map, from which the results are read. As in
   * the original, the map's results are then this call's, in order: those of
   * earlier calls and starts are let go.
   */
  call<Item, Result = T>(
    callable: Callable<[Item], Result> | AnyCallable,
    sequence: Iterable<Item>,
    options: CallOptions = {},
  ): ParallelMap<Result> {
    assertCallable(callable, `${this.constructor.name}.call()`);
    const wrapped = callable.style === 'channel' ? makeParallel(callable) : callable;
    const items = [...sequence];
    const size = chunkSize(options.chunkSize, items.length, this.limit, this.timeoutMs);
    this.#forgetResults();
    if (size === 1) {
      for (const item of items) this.submit(wrapped, [item]);
    } else if (size === 'adaptive') {
      this.#chunked = { ...wrapped, chunked: true };
      const feed = new ChunkFeed(items, this.#slots.length, this.limit ?? 1);
      for (let k = 0; k < items.length; k++) this.#slots.push(PENDING);
      this.#feeds.add(feed);
      this.#feed();
    } else {
      const chunked = { ...wrapped, chunked: true };
      for (let first = 0; first < items.length; first += size) this.submit(chunked, [items.slice(first, first + size)]);
    }
    return this as unknown as ParallelMap<Result>;
  }

  override unfinished(): boolean {
    if (super.unfinished()) return true;
    for (const feed of this.#feeds) if (!feed.done) return !this.aborted;
    return false;
  }

  protected override workAdded(work: Work): void {
    const placed = this.#nextPlacement;
    this.#nextPlacement = undefined;
    if (placed) {
      this.#placements.set(work.index, placed);
      return;
    }
    const chunked = work.callable?.chunked === true;
    const count = chunked ? (work.args[0] as unknown[]).length : 1;
    this.#placements.set(work.index, { first: this.#slots.length, count, chunked, base: this.#base });
    for (let k = 0; k < count; k++) this.#slots.push(PENDING);
  }

  override async storeData(channel: Channel): Promise<void> {
    const placement = this.#placements.get(this.taskIndexOf(channel)!)!;
    let value: unknown;
    try {
      value = await channel.receive();
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      placement.feed?.failed();
      this.#fail(placement, error);
      this.#feed();
      return;
    }
    if (!placement.chunked) {
      this.#slots[placement.first] = { state: 'done', value: value as T };
      return;
    }
    const { values, failures } = value as ChunkResult;
    values.forEach((element, k) => (this.#slots[placement.first + k] = { state: 'done', value: element as T }));
    for (const [k, remote] of failures) {
      const slot = placement.first + k;
      this.#slots[slot] = { state: 'failed', error: new RemoteError(remote, channel.pid, slot - placement.base) };
    }
    placement.feed?.resultArrived(channel, values.length);
    this.#feed();
  }

  protected override processFailed(_channel: Channel, error: ProcessExitError | TimeoutError, work: Work): void {
    const placement = this.#placements.get(work.index)!;
    placement.feed?.failed();
    this.#fail(placement, error.forTask(placement.first - placement.base));
    this.#feed();
  }

  protected override workFailed(work: Work, error: Error): void {
    const placement = this.#placements.get(work.index)!;
    placement.feed?.failed();
    (error as Error & { taskIndex?: number }).taskIndex ??= placement.first - placement.base;
    this.#fail(placement, error);
    this.#feed();
  }

  /** Resolves with result `i` (negative counts from the end) once it is ready. */
  async get(i: number): Promise<T> {
    const length = this.length;
    const index = i < 0 ? length + i : i;
    if (!Number.isInteger(index) || index < 0 || index >= length) {
      throw outOfRange(`Map.get(${i}): there are ${length} results`);
    }
    const slot = this.#base + index;
    while (this.#slots[slot]!.state === 'pending' && this.unfinished()) await this.store();
    const found = this.#slots[slot]!;
    if (found.state === 'done') return found.value;
    if (found.state === 'failed') throw found.error;
    this.throwIfAborted();
    throw new PProcessError('ERR_NO_RESULT', `The process running task ${index} finished without sending a result`);
  }

  /** Resolves with results `start` to `end` (exclusive), as `Array.prototype.slice` counts them. */
  async slice(start = 0, end = this.length): Promise<T[]> {
    const indexes = [...Array(this.length).keys()].slice(start, end);
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
    for (let index = 0; index < this.length; index++) yield await this.get(index);
  }

  // Hands the exchange the next chunks of each call, a few per process ahead.
  #feed(): void {
    if (this.aborted) return;
    const ahead = (this.limit ?? 1) * CHUNKS_AHEAD;
    for (const feed of this.#feeds) {
      while (!feed.done && feed.outstanding < ahead) {
        const { first, items } = feed.take();
        this.#nextPlacement = { first, count: items.length, chunked: true, base: feed.firstSlot, feed };
        this.submit(this.#chunked!, [items]);
      }
      if (feed.done) this.#feeds.delete(feed);
    }
  }

  // A new call's results replace the earlier ones: let those go.
  #forgetResults(): void {
    for (let slot = this.#base; slot < this.#slots.length; slot++) this.#slots[slot] = PENDING;
    this.#base = this.#slots.length;
    for (const feed of this.#feeds) feed.stop();
    this.#feeds.clear();
  }

  // Fails the slots of a piece of work that are still pending.
  #fail({ first, count }: Placement, error: Error): void {
    if (error instanceof RemoteError) error.taskIndex ??= first;
    for (let k = first; k < first + count; k++) {
      if (this.#slots[k]!.state === 'pending') this.#slots[k] = { state: 'failed', error };
    }
  }
}

function chunkSize(size: CallOptions['chunkSize'], length: number, limit: number | undefined, timeoutMs: number | undefined): number | 'adaptive' {
  if (size === undefined) return timeoutMs === undefined ? 'adaptive' : 1;
  if (size === 'auto') return Math.max(1, Math.ceil(length / ((limit ?? 1) * 4)));
  if (!Number.isInteger(size) || size < 1) {
    throw outOfRange(`Map.call(): chunkSize must be a positive integer or 'auto', got ${String(size)}`);
  }
  return size;
}
