// The Exchange: watches many channels at once, hands each message to
// `storeData`, and keeps at most `limit` processes running, queueing the
// rest and starting them as running ones finish (or, with `reuse`, sending
// them to processes that have finished).
import type { Channel } from '../channel/channel.js';
import { assertCloneable } from '../channel/wire-value.js';
import { ExchangeClosedError, type PProcessError, type ProcessExitError, type TimeoutError } from '../errors.js';
import { assertCallable, makeParallel, makeReusable, type AnyCallable, type Callable } from '../process/callable.js';
import { channelFor } from '../process/create.js';
import { nextCreateStep } from '../process/replay.js';
import { anyChanged, changeOrTimeout } from './channel-change.js';
import { Dispatcher } from './dispatcher.js';
import { validateExchangeOptions, validateTimeout, type ExchangeOptions } from './options.js';
import { Supervisor } from './supervisor.js';
import type { Work } from './work.js';

export type { ExchangeOptions } from './options.js';

export type { Work } from './work.js';

/**
 * Watches channels for incoming data. Use it directly with `ready()`, or
 * subclass it and override `storeData()` to use `start()`, `manage()`,
 * `wait()` and `finish()`.
 */
export class Exchange {
  /** The most channels (processes) active at once; `undefined` for no limit. */
  readonly limit: number | undefined;
  /**
   * Whether a process that has sent its result is sent the exchange's next
   * queued arguments: `true` for every callable, `false` for none; by
   * default, for plain functions (`makeParallel`, `makeReusable`), whose
   * processes take one argument list after another.
   */
  readonly reuse: boolean | undefined;
  /** Whether reused processes that run out of work wait for more, until `close()`. */
  readonly keepAlive: boolean;
  /** Whether a process may send many values (a message does not mean it has finished). */
  readonly continuous: boolean;
  /** Whether channels are closed when removed. */
  readonly autoclose: boolean;
  /** How many times a task whose process died is re-run. */
  readonly retries: number;
  /** With reuse: how many tasks a process is given at once (the next ones wait in its channel); adaptive when undefined. */
  readonly inFlight: number | undefined;
  /** The most tasks a process runs before it is replaced by a new one (1: a brand-new process for each). */
  readonly maxTasksPerProcess: number | undefined;
  /** The longest a task may run, in milliseconds (see `ExchangeOptions.timeoutMs`). */
  readonly timeoutMs: number | undefined;
  /** The channels removed by the last call to `ready()`. */
  removed: Channel[] = [];

  #active = new Set<Channel>();
  #failures: Error[] = [];
  #nextIndex = 0;
  #storing: Promise<void> | undefined;
  #supervisor: Supervisor;
  #dispatcher: Dispatcher;
  #closed = false;

  constructor(options: ExchangeOptions = {}) {
    validateExchangeOptions(options, this.constructor.name);
    this.limit = options.limit;
    this.reuse = options.reuse;
    this.keepAlive = options.keepAlive ?? false;
    this.continuous = options.continuous ?? false;
    this.autoclose = options.autoclose ?? true;
    this.retries = options.retries ?? 0;
    this.inFlight = options.inFlight;
    this.maxTasksPerProcess = options.maxTasksPerProcess;
    this.timeoutMs = options.timeoutMs;
    this.#supervisor = new Supervisor(options.timeoutMs, () => this.#onAbort());
    this.#dispatcher = new Dispatcher(this, this.#supervisor);
    if (options.signal) this.#supervisor.follow(options.signal);
    for (const channel of options.channels ?? []) this.add(channel);
  }

  /** Adds a channel to watch. */
  add(channel: Channel): void {
    this.#active.add(channel);
    if (!this.#dispatcher.has(channel)) {
      const work: Work = { callable: undefined, args: [], index: this.#nextIndex++, attempts: 1, delivered: false };
      this.#dispatcher.assign(channel, work);
      this.workAdded(work);
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
    if (timeoutMs !== undefined) validateTimeout(timeoutMs, `${this.constructor.name}.ready()`);
    this.removed = [];
    if (this.#active.size === 0) return [];
    if (!anyChanged(this.#active) && timeoutMs !== 0) await changeOrTimeout(this.#active, this.#supervisor, timeoutMs);
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
    this.#dispatcher.dropIdle(channel);
    this.#supervisor.stopTimer(channel);
    if (this.autoclose) channel.close();
  }

  /** Whether work is queued or channels are still active. */
  unfinished(): boolean {
    return this.#active.size > this.#dispatcher.idle || this.#dispatcher.queued > 0;
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
    this.throwIfAborted();
    while (this.busy()) await this.store();
  }

  /** Stores incoming data until every queued and running process has finished. */
  async finish(): Promise<void> {
    this.throwIfAborted();
    while (this.unfinished()) await this.store();
  }

  /**
   * Waits for ready channels (see `ready()`) and calls `storeData` for each,
   * then starts queued work. Rejects if a created process died, a task timed
   * out or the work was aborted.
   */
  store(timeoutMs?: number): Promise<void> {
    // One caller drives the channels at a time; others wait for its round.
    this.#storing ??= this.#storeRound(timeoutMs).finally(() => {
      this.#storing = undefined;
    });
    return this.#storing;
  }

  /**
   * Ends the exchange: drops queued work, closes every channel (so their
   * processes exit) and kills, after a grace period, a process still running.
   * Resolves when they have all exited. Starting work afterwards is an error.
   */
  async close(): Promise<void> {
    // Work cut short is cancelled work: whoever waits for it is told so.
    if (this.unfinished()) this.#supervisor.stop(new ExchangeClosedError(this.constructor.name));
    this.#closed = true;
    this.#dispatcher.clear();
    const channels = [...this.#active];
    for (const channel of channels) {
      this.#active.delete(channel);
      this.#supervisor.stopTimer(channel);
      channel.close();
      this.#supervisor.killLater(channel);
    }
    await Promise.all(channels.map((channel) => channel.wait()));
  }

  /** Closes the exchange (for `await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
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

  /**
   * Fork-style: creates a process that runs the rest of the program from
   * here (see `create()`). Returns its channel in the created process, and
   * `null` in the creator, where the exchange watches the channel (first
   * waiting while it is busy).
   */
  async create(): Promise<Channel | null> {
    const step = nextCreateStep();
    if (step.kind === 'replayed') return null;
    if (step.kind === 'own') return channelFor(step);
    await this.wait();
    this.add(channelFor(step));
    return null;
  }

  /** Returns a function that starts `callable` in this exchange with the arguments it is given. */
  manage<Args extends unknown[]>(callable: Callable<Args>): (...args: Args) => Promise<void> {
    assertCallable(callable, `${this.constructor.name}.manage()`);
    return (...args: Args) => this.start(callable, ...args);
  }

  /**
   * Queues work (starting it at once if there is room) and returns its task
   * index. `launch` starts its process, if not with `start()`.
   */
  protected submit(callable: AnyCallable, args: unknown[], launch?: (work: Work) => Channel): number {
    assertCallable(callable, `${this.constructor.name}.start()`);
    assertCloneable(args, 'args');
    if (this.#closed) throw new ExchangeClosedError(this.constructor.name);
    // A reused process waits for more work after each result: a plain function's does so made reusable.
    if (callable.style !== 'channel') callable = this.reuse === false ? makeParallel(callable) : makeReusable(callable);
    const reused = callable.style === 'reusable' || this.reuse === true;
    const work: Work = { callable, args, index: this.#nextIndex++, attempts: 0, delivered: false, reused, launch };
    this.workAdded(work);
    if (!this.#supervisor.aborted) {
      this.#dispatcher.enqueue(work);
      this.#dispatcher.startQueued();
    }
    return work.index;
  }

  /** Called when work is submitted, or a channel added from outside: subclasses keep room for its results. */
  protected workAdded(work: Work): void {
    void work;
  }

  /** The task index of the work a channel is doing. */
  protected taskIndexOf(channel: Channel): number | undefined {
    return this.#dispatcher.taskIndexOf(channel);
  }

  /** Whether the work was cancelled, or cut short by `close()`. */
  protected get aborted(): boolean {
    return this.#supervisor.aborted !== undefined;
  }

  /** Throws the `AbortError` if the work was cancelled, or the `ExchangeClosedError` if the exchange was closed. */
  protected throwIfAborted(): void {
    if (this.#supervisor.aborted) throw this.#supervisor.aborted;
  }

  /** @internal Work that could not be started: it fails at its own place. */
  failedToStart(work: Work, error: PProcessError): void {
    this.workFailed(work, error);
  }

  /** Called when a task fails without a result (see `processFailed`); by default the next `store()` rejects with the error. */
  protected workFailed(work: Work, error: Error): void {
    (error as Error & { taskIndex?: number }).taskIndex ??= work.index;
    this.#failures.push(error);
  }

  /**
   * Called when a task fails because its process died or timed out (and is
   * not to be re-run). By default the next `store()` rejects with the error.
   */
  protected processFailed(channel: Channel, error: ProcessExitError | TimeoutError, work: Work): void {
    void channel;
    this.workFailed(work, error.forTask(work.index));
  }

  async #storeRound(timeoutMs: number | undefined): Promise<void> {
    this.throwIfAborted();
    for (const channel of await this.ready(timeoutMs)) {
      this.throwIfAborted();
      try {
        await this.storeData(channel);
      } catch (error) {
        // Once cancelled, a process ended by the cancellation is not the error to report.
        this.throwIfAborted();
        throw error;
      }
      // Unless processes send many values, the message means the process is
      // done with its work.
      if (!this.continuous && this.#active.has(channel)) this.#dispatcher.afterResult(channel);
    }
    this.throwIfAborted();
    this.#dispatcher.startQueued();
    const failure = this.#failures.shift();
    if (failure) throw failure;
  }

  #removeEnded(channel: Channel): void {
    const timedOut = this.#supervisor.timedOut(channel);
    this.remove(channel);
    this.removed.push(channel);
    const failure = this.#dispatcher.ended(channel, timedOut);
    if (failure) this.processFailed(channel, failure.error, failure.work);
  }

  // Cancellation: drop what is queued and end what runs (after telling it).
  #onAbort(): void {
    this.#dispatcher.dropQueued();
    for (const channel of this.#active) this.#supervisor.end(channel);
  }
}
