// Dispatcher: where an exchange's work goes (the queue, new or reused processes, re-runs).
import type { Channel } from '../channel/channel.js';
import { ProcessExitError, type PProcessError, type TimeoutError } from '../errors.js';
import type { AnyCallable } from '../process/callable.js';
import { startTask } from '../process/start.js';
import { ResultPace } from './result-pace.js';
import { WorkQueue } from './work-queue.js';
import type { Supervisor } from './supervisor.js';
import type { Work } from './work.js';

// By default a reused process running short tasks is given as many ahead
// as take about this long (at least two, so it never waits for a round
// trip; at most 32): tiny tasks then travel many to a write. Tasks slower
// than SLOW_TASK_MS go one at a time, so they stay spread out.
const PIPELINE_MS = 1;
const MIN_IN_FLIGHT = 2;
const MAX_IN_FLIGHT = 32;
const SLOW_TASK_MS = 20;

/**
 * What a dispatcher uses of its exchange: its settings, its limit, and its
 * watching of the channels of the processes the dispatcher starts.
 * @internal
 */
export interface DispatchHost {
  readonly keepAlive: boolean;
  readonly inFlight: number | undefined;
  readonly retries: number;
  readonly maxTasksPerProcess: number | undefined;
  busy(): boolean;
  add(channel: Channel): void;
  /** Work that could not be started (its arguments are too large to send, say). */
  failedToStart(work: Work, error: PProcessError): void;
}

/**
 * A task whose process died or timed out, and is not to be re-run.
 * @internal
 */
export interface Failure {
  work: Work;
  error: ProcessExitError | TimeoutError;
}

/**
 * Keeps an exchange's queued work and the work given to each channel, and
 * hands the queued work to processes: new ones while the exchange has room,
 * and, with `reuse`, those that have sent their result.
 * @internal
 */
export class Dispatcher {
  readonly #host: DispatchHost;
  readonly #supervisor: Supervisor;
  #waiting = new WorkQueue();
  // Reused processes waiting for work (keepAlive).
  #idle = new Set<Channel>();
  // The work given to each channel, oldest first: the first not delivered is
  // running, the others wait in its channel (inFlight); once all is
  // delivered, the last work stays, for a process that sends again.
  #given = new Map<Channel, Work[]>();
  // The callable each channel's process runs: a reused one takes only work of it.
  #callables = new Map<Channel, AnyCallable | undefined>();
  // How long tasks take, for how many a reused process is given ahead.
  #pace = new ResultPace();

  /** `host` is the exchange (its options and limit); `supervisor` times each task. */
  constructor(host: DispatchHost, supervisor: Supervisor) {
    this.#host = host;
    this.#supervisor = supervisor;
  }

  /** How much work waits for a process. */
  get queued(): number {
    return this.#waiting.length;
  }

  /** How many reused processes wait for work. */
  get idle(): number {
    return this.#idle.size;
  }

  /** Queues work, after the rest; `startQueued()` starts it. */
  enqueue(work: Work): void {
    this.#waiting.push(work);
  }

  /** Drops the queued work (on cancellation). */
  dropQueued(): void {
    this.#waiting.clear();
  }

  /** Drops the queued work and forgets the idle processes (on close). */
  clear(): void {
    this.#waiting.clear();
    this.#idle.clear();
  }

  /** Whether `channel` was given work (or added from outside). */
  has(channel: Channel): boolean {
    return this.#given.has(channel);
  }

  /** Records that `channel` runs `work`, its first. */
  assign(channel: Channel, work: Work): void {
    this.#given.set(channel, [work]);
    this.#callables.set(channel, work.callable);
  }

  /** The task index of the work `channel` is doing. */
  taskIndexOf(channel: Channel): number | undefined {
    return this.#given.get(channel)?.[0]?.index;
  }

  /** Starts queued work: on idle reused processes first, then on new ones while there is room. */
  startQueued(): void {
    for (const channel of this.#idle) {
      if (this.#waiting.length === 0) return;
      if (channel.closed) {
        this.#idle.delete(channel);
        continue;
      }
      this.#topUp(channel);
      if (this.#outstanding(channel) > 0) this.#idle.delete(channel);
    }
    // Every process the limit allows gets work before any gets work ahead.
    const launched: Channel[] = [];
    while (this.#waiting.length > 0 && !this.#host.busy()) {
      const channel = this.#launch(this.#waiting.shift()!);
      if (channel) launched.push(channel);
    }
    for (const channel of launched) this.#topUp(channel);
  }

  /**
   * After the result of `channel`'s task: the process is done with it, so
   * queued work can start, on the same process with reuse (which, with no
   * work left, waits for more with keepAlive, or is ended).
   */
  afterResult(channel: Channel): void {
    const given = this.#given.get(channel)!;
    given[0]!.delivered = true;
    if (given.length > 1) given.shift();
    this.#supervisor.stopTimer(channel);
    this.#pace.arrived(channel, 1);
    // A process that is not reused takes no more work: the next starts
    // when it ends (on it again, from the pool, if it is well).
    if (!given[0]!.reused) return;
    // The next task given ahead, if any, starts now.
    if (this.#outstanding(channel) > 0) this.#supervisor.startTimer(channel);
    this.#refill(channel);
  }

  // Gives a reused process more work; with none left, it waits (keepAlive) or is ended.
  #refill(channel: Channel): void {
    this.#topUp(channel);
    if (this.#outstanding(channel) > 0) return;
    if (this.#host.keepAlive) this.#idle.add(channel);
    else void this.#sendWork(channel, undefined);
  }

  /** Stops counting `channel` among the idle processes (it was removed). */
  dropIdle(channel: Channel): void {
    this.#idle.delete(channel);
  }

  /**
   * Forgets a channel that ended. Work given ahead goes back to the queue;
   * the task it was running is re-run if its process died and retries are
   * left, and otherwise returned as failed, if it did fail (`timedOut` is
   * how, if it ran too long).
   */
  ended(channel: Channel, timedOut: TimeoutError | undefined): Failure | undefined {
    const [running, ...ahead] = this.#given.get(channel)!.filter((work) => !work.delivered);
    this.#given.delete(channel);
    this.#callables.delete(channel);
    // Work given ahead had not begun: it goes to another process, as if never given.
    for (const work of ahead.reverse()) this.#giveBack(work);
    if (!running) return undefined;
    if (timedOut) return { work: running, error: timedOut };
    const error = channel.endError;
    if (!(error instanceof ProcessExitError)) return undefined;
    if (running.callable && running.attempts <= this.#host.retries) {
      this.#waiting.unshift(running); // Re-run it first, on a fresh process.
      return undefined;
    }
    return { work: running, error };
  }

  // Starts a process for `work`; returns its channel if it is reused, to be given work ahead.
  #launch(work: Work): Channel | undefined {
    work.attempts++;
    let channel: Channel;
    try {
      channel = work.launch
        ? work.launch(work)
        : startTask(work.callable!, work.args, { maxTasksPerProcess: this.#host.maxTasksPerProcess });
    } catch (error) {
      // Arguments too large to send: the work fails at its own place; anything else is a fault here.
      if ((error as PProcessError).code !== 'ERR_FRAME_TOO_LARGE') throw error;
      this.#host.failedToStart(work, error as PProcessError);
      return undefined;
    }
    this.assign(channel, work);
    this.#host.add(channel);
    this.#supervisor.startTimer(channel);
    return work.reused ? channel : undefined;
  }

  // Gives a reused process queued work of its callable, up to `inFlight` tasks at once.
  #topUp(channel: Channel): void {
    const given = this.#given.get(channel)!;
    const callable = this.#callables.get(channel);
    const depth = this.#host.inFlight ?? this.#depth();
    // A process runs at most its bound of tasks (maxTasksPerProcess), those of this visit included.
    while (this.#outstanding(channel) < depth && channel.tasksLeft > 0) {
      const work = this.#waiting.take((queued) => sameCallable(queued.callable, callable));
      if (!work) return;
      channel.noteTask();
      work.attempts++;
      const wasIdle = this.#outstanding(channel) === 0;
      if (given.length === 1 && given[0]!.delivered) given.shift();
      given.push(work);
      if (wasIdle) this.#supervisor.startTimer(channel);
      // Not awaited: the process takes its work while other channels are served.
      void this.#sendWork(channel, work);
    }
  }

  // How many tasks a reused process holds by default: one until tasks are
  // timed, one for slow tasks (so that they stay spread out), and for short
  // ones as many as take about PIPELINE_MS.
  #depth(): number {
    const ms = this.#pace.msPerItem;
    if (ms === undefined || ms >= SLOW_TASK_MS) return 1;
    return this.#pace.fit(PIPELINE_MS, MIN_IN_FLIGHT, MAX_IN_FLIGHT);
  }

  // Tasks given to a channel whose results have not arrived.
  #outstanding(channel: Channel): number {
    return this.#given.get(channel)?.filter((work) => !work.delivered).length ?? 0;
  }

  // Sends a reused process its next arguments, or null to end it.
  async #sendWork(channel: Channel, next: Work | undefined): Promise<void> {
    try {
      await channel.send(next ? next.args : null);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_FRAME_TOO_LARGE' && next) {
        // Never sent: the work fails at its own place, and the process takes the next.
        const given = this.#given.get(channel)!;
        given.splice(given.indexOf(next), 1);
        this.#host.failedToStart(next, error as PProcessError);
        if (!channel.closed) this.#refill(channel);
        return;
      }
      // Arguments were checked when submitted: otherwise only the channel's end can fail the send.
      if (code !== 'ERR_CHANNEL_CLOSED' && code !== 'ERR_PROCESS_EXIT') throw error;
      // The process ended without taking its next work: give the work to another.
      const given = this.#given.get(channel);
      if (next && given?.includes(next)) {
        given.splice(given.indexOf(next), 1);
        this.#giveBack(next);
      }
    }
  }

  // Queues work first again, as if it had never been given to a process.
  #giveBack(work: Work): void {
    work.attempts--;
    this.#waiting.unshift(work);
  }
}

// Whether work of `a` can go to a process reused for `b`: the same export, called the same way.
function sameCallable(a: AnyCallable | undefined, b: AnyCallable | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.module === b.module && a.exportName === b.exportName &&
    a.style === b.style && a.chunked === b.chunked && a.leading === b.leading);
}
