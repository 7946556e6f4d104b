// The Exchange: watches many channels at once, hands each message to
// `storeData`, and keeps at most `limit` processes running, queueing the
// rest and starting them as running ones finish (or, with `reuse`, sending
// them to processes that have finished).
import type { Channel } from '../channel/channel.js';
import { assertCloneable } from '../channel/wire-value.js';
import { ChannelClosedError, type ProcessExitError } from '../errors.js';
import { assertCallable, type AnyCallable, type Callable } from '../process/callable.js';
import { start as startProcess } from '../process/start.js';
import { validateExchangeOptions, type ExchangeOptions } from './options.js';

export type { ExchangeOptions } from './options.js';

/** Work for a process: what to call, with what, and its position among the tasks started. */
export interface Work {
  callable: AnyCallable | undefined;
  args: unknown[];
  index: number;
}

/**
 * Watches channels for incoming data. Use it directly with `ready()`, or
 * subclass it and override `storeData()` to use `start()`, `manage()`,
 * `wait()` and `finish()`.
 */
export class Exchange {
  /** The most channels (processes) active at once; `undefined` for no limit. */
  readonly limit: number | undefined;
  /** Whether finished processes are sent the next queued arguments instead of exiting. */
  readonly reuse: boolean;
  /** Whether a process may send many values (a message does not mean it has finished). */
  readonly continuous: boolean;
  /** Whether channels are closed when removed. */
  readonly autoclose: boolean;
  /** The channels removed by the last call to `ready()`. */
  removed: Channel[] = [];

  #active = new Set<Channel>();
  #waiting: Work[] = [];
  #work = new Map<Channel, Work>();
  #failures: Error[] = [];
  #nextIndex = 0;
  #storing: Promise<void> | undefined;

  constructor(options: ExchangeOptions = {}) {
    validateExchangeOptions(options, 'Exchange');
    this.limit = options.limit;
    this.reuse = options.reuse ?? false;
    this.continuous = options.continuous ?? false;
    this.autoclose = options.autoclose ?? true;
    for (const channel of options.channels ?? []) this.add(channel);
  }

  /** Adds a channel to watch. */
  add(channel: Channel): void {
    this.#active.add(channel);
    if (!this.#work.has(channel)) {
      this.#work.set(channel, { callable: undefined, args: [], index: this.#nextIndex++ });
    }
  }

  /** The channels being watched. */
  active(): Channel[] {
    return [...this.#active];
  }

  /**
   * Waits until at least one channel has data, or `timeoutMs` has passed
   * (0 polls; omitted waits as long as it takes), and returns the channels
   * with data. Channels that have ended are removed and listed in `removed`.
   */
  async ready(timeoutMs?: number): Promise<Channel[]> {
    if (timeoutMs !== undefined) validateTimeout(timeoutMs, 'Exchange.ready()');
    this.removed = [];
    if (this.#active.size === 0) return [];
    if (!this.#anyChanged() && timeoutMs !== 0) await this.#changeOrTimeout(timeoutMs);
    const readable: Channel[] = [];
    for (const channel of this.#active) {
      if (channel.readable) readable.push(channel);
      else if (channel.ended) this.#removeEnded(channel);
    }
    return readable;
  }

  /** Stops watching a channel, closing it if `autoclose` is set. */
  remove(channel: Channel): void {
    this.#active.delete(channel);
    if (this.autoclose) channel.close();
  }

  /** Whether work is queued or channels are still active. */
  unfinished(): boolean {
    return this.#active.size > 0 || this.#waiting.length > 0;
  }

  /** Whether as many channels are active as the limit allows. */
  busy(): boolean {
    return this.limit !== undefined && this.#active.size >= this.limit;
  }

  /** Adds a channel, first waiting (and storing data) while the exchange is busy. */
  async addWait(channel: Channel): Promise<void> {
    await this.wait();
    this.add(channel);
  }

  /** Stores incoming data until fewer channels than the limit are active. */
  async wait(): Promise<void> {
    while (this.busy()) await this.store();
  }

  /** Stores incoming data until every queued and running process has finished. */
  async finish(): Promise<void> {
    while (this.unfinished()) await this.store();
  }

  /**
   * Waits for ready channels (see `ready()`) and calls `storeData` for each,
   * then starts queued work. Rejects if a created process died.
   */
  store(timeoutMs?: number): Promise<void> {
    // One caller drives the channels at a time; others wait for its round.
    this.#storing ??= this.#storeRound(timeoutMs).finally(() => {
      this.#storing = undefined;
    });
    return this.#storing;
  }

  /**
   * Takes incoming data from `channel` (with `channel.receive()`) and keeps
   * it. Override it in a subclass; `Queue` and `Map` do.
   */
  storeData(channel: Channel): Promise<void> | void {
    void channel;
    throw new TypeError('Exchange.storeData(channel) is not implemented: subclass Exchange and override it, or use Queue or Map');
  }

  /**
   * Starts a process running `callable` with `args` and watches its channel.
   * When the exchange is busy, the work is queued and started as processes finish.
   */
  async start<Args extends unknown[]>(callable: Callable<Args>, ...args: Args): Promise<void> {
    this.submit(callable, args);
  }

  /** Returns a function that starts `callable` in this exchange with the arguments it is given. */
  manage<Args extends unknown[]>(callable: Callable<Args>): (...args: Args) => Promise<void> {
    assertCallable(callable, 'Exchange.manage()');
    return (...args: Args) => this.start(callable, ...args);
  }

  /** Queues work (starting it at once if there is room) and returns its task index. */
  protected submit(callable: AnyCallable, args: unknown[]): number {
    assertCallable(callable, `${this.constructor.name}.start()`);
    assertCloneable(args, 'args');
    const work: Work = { callable, args, index: this.#nextIndex++ };
    this.#waiting.push(work);
    this.#startQueued();
    return work.index;
  }

  /** The task index of the work a channel is doing. */
  protected taskIndexOf(channel: Channel): number | undefined {
    return this.#work.get(channel)?.index;
  }

  /**
   * Called when a channel ends without its process finishing normally.
   * By default the next `store()` rejects with the error.
   */
  protected processFailed(channel: Channel, error: ProcessExitError, work: Work): void {
    void channel;
    void work;
    this.#failures.push(error);
  }

  async #storeRound(timeoutMs: number | undefined): Promise<void> {
    for (const channel of await this.ready(timeoutMs)) {
      await this.storeData(channel);
      await this.#afterData(channel);
    }
    this.#startQueued();
    const failure = this.#failures.shift();
    if (failure) throw failure;
  }

  // After a message: unless processes send many values, the process is done
  // with its work, so queued work can start (on the same process, with reuse).
  async #afterData(channel: Channel): Promise<void> {
    if (this.continuous || !this.#active.has(channel)) return;
    const next = this.#waiting.shift();
    if (!this.reuse) {
      if (next) this.#launch(next);
      return;
    }
    if (next) this.#work.set(channel, next);
    try {
      await channel.send(next ? next.args : null);
    } catch (error) {
      // The process ended before taking its next work: put the work back.
      if (!(error instanceof ChannelClosedError || (error as ProcessExitError).code === 'ERR_PROCESS_EXIT')) throw error;
      if (next) this.#waiting.unshift(next);
    }
  }

  #startQueued(): void {
    while (this.#waiting.length > 0 && !this.busy()) this.#launch(this.#waiting.shift()!);
  }

  #launch(work: Work): void {
    const channel = startProcess(work.callable!, ...work.args);
    this.#work.set(channel, work);
    this.add(channel);
  }

  #removeEnded(channel: Channel): void {
    this.remove(channel);
    this.removed.push(channel);
    const work = this.#work.get(channel)!;
    this.#work.delete(channel);
    const error = channel.endError;
    if (error && (error as ProcessExitError).code === 'ERR_PROCESS_EXIT' && !channel.finished) {
      this.processFailed(channel, (error as ProcessExitError).forTask(work.index), work);
    }
  }

  #anyChanged(): boolean {
    for (const channel of this.#active) if (channel.readable || channel.ended) return true;
    return false;
  }

  #changeOrTimeout(timeoutMs: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const cleanups: Array<() => void> = [];
      const done = () => {
        for (const cleanup of cleanups) cleanup();
        resolve();
      };
      for (const channel of this.#active) {
        cleanups.push(channel.watch(done), channel.hold());
      }
      if (timeoutMs !== undefined) {
        const timer = setTimeout(done, timeoutMs);
        cleanups.push(() => clearTimeout(timer));
      }
    });
  }
}

function validateTimeout(timeoutMs: number, api: string): void {
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
    throw Object.assign(new RangeError(`${api}: timeoutMs must be a number ≥ 0, got ${String(timeoutMs)}`), {
      code: 'ERR_OUT_OF_RANGE',
    });
  }
}
