// The Exchange: watches many channels at once, hands each message to
// `storeData`, and keeps at most `limit` processes running, queueing the
// rest and starting them as running ones finish (or, with `reuse`, sending
// them to processes that have finished).
import type { Channel } from '../channel/channel.js';
import { assertCloneable } from '../channel/wire-value.js';
import { PProcessError, type ProcessExitError, type TimeoutError } from '../errors.js';
import { assertCallable, makeReusable, type AnyCallable, type Callable } from '../process/callable.js';
import { channelFor } from '../process/create.js';
import { nextCreateStep } from '../process/replay.js';
import { start as startProcess } from '../process/start.js';
import { validateExchangeOptions, validateTimeout, type ExchangeOptions } from './options.js';
import { Supervisor } from './supervisor.js';

export type { ExchangeOptions } from './options.js';

/** Work for a process: what to call, with what, and its position among the tasks started. */
export interface Work {
  callable: AnyCallable | undefined;
  args: unknown[];
  index: number;
  /** How many times it has been started. */
  attempts: number;
  /** Whether its result has arrived. */
  delivered: boolean;
  /** Starts a process for the work; by default `start(callable, ...args)`. */
  launch?: (work: Work) => Channel;
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
  /** Whether reused processes that run out of work wait for more, until `close()`. */
  readonly keepAlive: boolean;
  /** Whether a process may send many values (a message does not mean it has finished). */
  readonly continuous: boolean;
  /** Whether channels are closed when removed. */
  readonly autoclose: boolean;
  /** How many times a task whose process died is re-run. */
  readonly retries: number;
  /** With reuse: how many tasks a process is given at once (the next ones wait in its channel). */
  readonly inFlight: number;
  /** The channels removed by the last call to `ready()`. */
  removed: Channel[] = [];

  #active = new Set<Channel>();
  // Reused processes waiting for work (keepAlive).
  #idle = new Set<Channel>();
  #waiting: Work[] = [];
  // The work given to each channel, oldest first: the first not delivered is
  // running, the others wait in its channel (inFlight); once all is
  // delivered, the last work stays, for a process that sends again.
  #work = new Map<Channel, Work[]>();
  #failures: Error[] = [];
  #nextIndex = 0;
  #storing: Promise<void> | undefined;
  #supervisor: Supervisor;
  #closed = false;

  constructor(options: ExchangeOptions = {}) {
    validateExchangeOptions(options, this.constructor.name);
    this.limit = options.limit;
    this.reuse = options.reuse ?? false;
    this.keepAlive = options.keepAlive ?? false;
    this.continuous = options.continuous ?? false;
    this.autoclose = options.autoclose ?? true;
    this.retries = options.retries ?? 0;
    this.inFlight = options.inFlight ?? 1;
    this.#supervisor = new Supervisor(options.timeoutMs, () => this.#onAbort());
    if (options.signal) this.#supervisor.follow(options.signal);
    for (const channel of options.channels ?? []) this.add(channel);
  }

  /** Adds a channel to watch. */
  add(channel: Channel): void {
    this.#active.add(channel);
    if (!this.#work.has(channel)) {
      const work: Work = { callable: undefined, args: [], index: this.#nextIndex++, attempts: 1, delivered: false };
      this.#work.set(channel, [work]);
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
    this.#idle.delete(channel);
    this.#supervisor.stopTimer(channel);
    if (this.autoclose) channel.close();
  }

  /** Whether work is queued or channels are still active. */
  unfinished(): boolean {
    return this.#active.size > this.#idle.size || this.#waiting.length > 0;
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
    this.#closed = true;
    this.#waiting = [];
    this.#idle.clear();
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
    if (this.#closed) throw new PProcessError('ERR_EXCHANGE_CLOSED', `${this.constructor.name} was closed: no work can be started`);
    // Processes are reused only if they wait for more work: make a plain function's do so.
    if (this.reuse && callable.style === 'parallel') callable = makeReusable(callable);
    const work: Work = { callable, args, index: this.#nextIndex++, attempts: 0, delivered: false, launch };
    this.workAdded(work);
    if (!this.#supervisor.aborted) {
      this.#waiting.push(work);
      this.#startQueued();
    }
    return work.index;
  }

  /** Called when work is submitted, or a channel added from outside: subclasses keep room for its results. */
  protected workAdded(work: Work): void {
    void work;
  }

  /** The task index of the work a channel is doing. */
  protected taskIndexOf(channel: Channel): number | undefined {
    return this.#work.get(channel)?.[0]?.index;
  }

  /** Throws the `AbortError` if the work was cancelled. */
  protected throwIfAborted(): void {
    if (this.#supervisor.aborted) throw this.#supervisor.aborted;
  }

  /**
   * Called when a task fails because its process died or timed out (and is
   * not to be re-run). By default the next `store()` rejects with the error.
   */
  protected processFailed(channel: Channel, error: ProcessExitError | TimeoutError, work: Work): void {
    void channel;
    this.#failures.push(error.forTask(work.index));
  }

  async #storeRound(timeoutMs: number | undefined): Promise<void> {
    this.throwIfAborted();
    for (const channel of await this.ready(timeoutMs)) {
      this.throwIfAborted();
      // The acknowledgement of the data and the process's next work leave
      // together, when storeData does not wait; when it does (for an answer
      // to what it sent), what it wrote leaves after this turn.
      setImmediate(channel.batch());
      try {
        await this.storeData(channel);
      } catch (error) {
        // Once cancelled, a process ended by the cancellation is not the error to report.
        this.throwIfAborted();
        throw error;
      }
      this.#afterData(channel);
    }
    this.throwIfAborted();
    this.#startQueued();
    const failure = this.#failures.shift();
    if (failure) throw failure;
  }

  // After a message: unless processes send many values, the process is done
  // with its work, so queued work can start (on the same process, with reuse).
  #afterData(channel: Channel): void {
    if (this.continuous || !this.#active.has(channel)) return;
    const given = this.#work.get(channel)!;
    given[0]!.delivered = true;
    if (given.length > 1) given.shift();
    this.#supervisor.stopTimer(channel);
    if (!this.reuse) {
      const next = this.#waiting.shift();
      if (next) this.#launch(next);
      return;
    }
    // The next task given ahead, if any, starts now.
    if (this.#outstanding(channel) > 0) this.#supervisor.startTimer(channel);
    this.#topUp(channel);
    if (this.#outstanding(channel) > 0) return;
    if (this.keepAlive) this.#idle.add(channel);
    else void this.#sendWork(channel, undefined);
  }

  // Gives a reused process queued work, up to `inFlight` tasks at once.
  #topUp(channel: Channel): void {
    const given = this.#work.get(channel)!;
    while (this.#outstanding(channel) < this.inFlight && this.#waiting.length > 0) {
      const work = this.#waiting.shift()!;
      work.attempts++;
      const wasIdle = this.#outstanding(channel) === 0;
      if (given.length === 1 && given[0]!.delivered) given.shift();
      given.push(work);
      if (wasIdle) this.#supervisor.startTimer(channel);
      // Not awaited: the process takes its work while other channels are served.
      void this.#sendWork(channel, work);
    }
  }

  // Tasks given to a channel whose results have not arrived.
  #outstanding(channel: Channel): number {
    return this.#work.get(channel)?.filter((work) => !work.delivered).length ?? 0;
  }

  // Sends a reused process its next arguments, or null to end it.
  async #sendWork(channel: Channel, next: Work | undefined): Promise<void> {
    try {
      await channel.send(next ? next.args : null);
    } catch (error) {
      // Arguments were checked when submitted: only the channel's end can fail the send.
      const code = (error as { code?: string }).code;
      if (code !== 'ERR_CHANNEL_CLOSED' && code !== 'ERR_PROCESS_EXIT') throw error;
      // The process ended without taking its next work: give the work to another.
      const given = this.#work.get(channel);
      if (next && given?.includes(next)) {
        given.splice(given.indexOf(next), 1);
        next.attempts--;
        this.#waiting.unshift(next);
      }
    }
  }

  #startQueued(): void {
    for (const channel of this.#idle) {
      if (this.#waiting.length === 0) return;
      this.#idle.delete(channel);
      if (!channel.closed) this.#topUp(channel);
    }
    while (this.#waiting.length > 0 && !this.busy()) this.#launch(this.#waiting.shift()!);
  }

  #launch(work: Work): void {
    work.attempts++;
    const channel = work.launch ? work.launch(work) : startProcess(work.callable!, ...work.args);
    this.#work.set(channel, [work]);
    this.add(channel);
    this.#supervisor.startTimer(channel);
    if (this.reuse) this.#topUp(channel);
  }

  #removeEnded(channel: Channel): void {
    const timedOut = this.#supervisor.timedOut(channel);
    this.remove(channel);
    this.removed.push(channel);
    const [running, ...ahead] = this.#work.get(channel)!.filter((work) => !work.delivered);
    this.#work.delete(channel);
    // Work given ahead had not begun: it goes to another process, as if never given.
    for (const work of ahead.reverse()) {
      work.attempts--;
      this.#waiting.unshift(work);
    }
    if (!running) return;
    if (timedOut) {
      this.processFailed(channel, timedOut, running);
      return;
    }
    const error = channel.endError as ProcessExitError | undefined;
    if (error?.code !== 'ERR_PROCESS_EXIT') return;
    if (running.callable && running.attempts <= this.retries) {
      this.#waiting.unshift(running); // Re-run it first, on a fresh process.
      return;
    }
    this.processFailed(channel, error, running);
  }

  // Cancellation: drop what is queued and end what runs (after telling it).
  #onAbort(): void {
    this.#waiting = [];
    for (const channel of this.#active) this.#supervisor.end(channel);
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
      cleanups.push(this.#supervisor.onAbort(done));
      if (timeoutMs !== undefined) {
        const timer = setTimeout(done, timeoutMs);
        cleanups.push(() => clearTimeout(timer));
      }
    });
  }
}

