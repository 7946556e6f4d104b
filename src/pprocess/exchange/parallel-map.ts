// Map: an exchange whose results are kept in the order the work was started,
// like the built-in map. Exported as `Map` and as `ParallelMap`.
import type { Channel } from '../channel/channel.js';
import { PProcessError, RemoteError, type ProcessExitError, type TimeoutError } from '../errors.js';
import { makeParallel, type AnyCallable, type Callable } from '../process/callable.js';
import { Exchange, type ExchangeOptions, type Work } from './exchange.js';

type Slot<T> = { state: 'pending' } | { state: 'done'; value: T } | { state: 'failed'; error: Error };

const PENDING = Object.freeze({ state: 'pending' as const });

/**
 * An exchange that keeps each result at the position of the work that
 * produced it. Read results with `get(i)`, `slice(a, b)`, `toArray()` or
 * `for await (const r of map)`, which yields each result as soon as it and
 * all before it are ready.
 */
export class ParallelMap<T = unknown> extends Exchange implements AsyncIterable<T> {
  #slots: Slot<T>[] = [];

  constructor(options: ExchangeOptions = {}) {
    super(options);
  }

  /** The number of results expected (tasks started or queued). */
  get length(): number {
    return this.#slots.length;
  }

  /**
   * Calls `callable` on each element of `sequence` in its own process (a
   * function taking one argument, wrapped with `makeParallel` unless already
   * wrapped) and returns this map, from which the results are read.
   */
  call<Item, Result = T>(callable: Callable<[Item], Result> | AnyCallable, sequence: Iterable<Item>): ParallelMap<Result> {
    const wrapped = callable.style === 'channel' ? makeParallel(callable) : callable;
    for (const item of sequence) this.submit(wrapped, [item]);
    return this as unknown as ParallelMap<Result>;
  }

  override add(channel: Channel): void {
    super.add(channel);
    this.#ensureSlot(this.taskIndexOf(channel)!);
  }

  protected override submit(callable: AnyCallable, args: unknown[]): number {
    const index = super.submit(callable, args);
    this.#ensureSlot(index);
    return index;
  }

  override async storeData(channel: Channel): Promise<void> {
    const index = this.taskIndexOf(channel)!;
    try {
      this.#slots[index] = { state: 'done', value: await channel.receive<T>() };
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      error.taskIndex = index;
      this.#slots[index] = { state: 'failed', error };
    }
  }

  protected override processFailed(_channel: Channel, error: ProcessExitError | TimeoutError, work: Work): void {
    if (this.#slots[work.index]?.state === 'pending') this.#slots[work.index] = { state: 'failed', error };
  }

  /** Resolves with result `i` (negative counts from the end) once it is ready. */
  async get(i: number): Promise<T> {
    const index = i < 0 ? this.#slots.length + i : i;
    if (!Number.isInteger(index) || index < 0 || index >= this.#slots.length) {
      throw Object.assign(new RangeError(`Map.get(${i}): there are ${this.#slots.length} results`), {
        code: 'ERR_OUT_OF_RANGE',
      });
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

  #ensureSlot(index: number): void {
    while (this.#slots.length <= index) this.#slots.push(PENDING);
  }
}
