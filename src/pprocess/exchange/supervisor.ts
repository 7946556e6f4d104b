// What an exchange watches besides its channels: how long each task runs
// (`timeoutMs`) and whether the work was cancelled (`signal`).
import type { Channel } from '../channel/channel.js';
import { AbortError, TimeoutError, type ExchangeClosedError } from '../errors.js';

// How long a cancelled task, or one whose exchange was closed, has to clean
// up before its process is killed.
const GRACE_MS = 500;

export class Supervisor {
  /** Set once the work is cancelled, or stopped by the exchange's close(). */
  aborted: AbortError | ExchangeClosedError | undefined;
  readonly #timeoutMs: number | undefined;
  readonly #onAbort: () => void;
  // A running timer, or the token of one that waits for its task to start.
  #timers = new Map<Channel, NodeJS.Timeout | symbol>();
  #timedOut = new Map<Channel, TimeoutError>();
  #abortListeners = new Set<() => void>();

  constructor(timeoutMs: number | undefined, onAbort: () => void) {
    this.#timeoutMs = timeoutMs;
    this.#onAbort = onAbort;
  }

  /** Cancels the work when `signal` aborts (at once if it already has). */
  follow(signal: AbortSignal): void {
    if (signal.aborted) this.#abort(signal.reason);
    else signal.addEventListener('abort', () => this.#abort(signal.reason), { once: true });
  }

  /**
   * Times the task on `channel` from when it starts running in its process
   * (after the process has booted and loaded the task's module): past the
   * limit, its process is killed.
   */
  startTimer(channel: Channel): void {
    const timeoutMs = this.#timeoutMs;
    if (timeoutMs === undefined) return;
    this.stopTimer(channel);
    const token = Symbol('timer');
    this.#timers.set(channel, token);
    channel.reached('started').then(() => {
      if (this.#timers.get(channel) !== token) return; // Stopped meanwhile.
      const timer = setTimeout(() => {
        this.#timedOut.set(channel, new TimeoutError(channel.pid, timeoutMs));
        channel.kill('SIGKILL');
      }, timeoutMs);
      // A timer alone must not keep the creator alive: whoever waits on the channel does.
      timer.unref();
      this.#timers.set(channel, timer);
    }, () => {
      // The channel ended before its task started: the exchange reports how.
    });
  }

  stopTimer(channel: Channel): void {
    const timer = this.#timers.get(channel);
    if (typeof timer !== 'symbol') clearTimeout(timer);
    this.#timers.delete(channel);
  }

  /** The `TimeoutError` of a channel whose process was killed for running too long. */
  timedOut(channel: Channel): TimeoutError | undefined {
    const error = this.#timedOut.get(channel);
    this.#timedOut.delete(channel);
    return error;
  }

  /** Tells the task on `channel` it was cancelled, and kills its process after a grace period. */
  end(channel: Channel): void {
    this.stopTimer(channel);
    channel.abort(this.aborted?.cause ?? 'aborted');
    this.killLater(channel);
  }

  /** Kills the process of `channel` if it is still running after a grace period. */
  killLater(channel: Channel): void {
    setTimeout(() => channel.kill('SIGKILL'), GRACE_MS).unref();
  }

  /** Stops the work for good (its exchange was closed): waiting calls wake and reject with `error`. */
  stop(error: ExchangeClosedError): void {
    if (this.aborted) return;
    this.aborted = error;
    for (const listener of this.#abortListeners) listener();
  }

  /** Calls `listener` when the work is cancelled; returns a function that stops it. */
  onAbort(listener: () => void): () => void {
    this.#abortListeners.add(listener);
    return () => this.#abortListeners.delete(listener);
  }

  #abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = new AbortError(reason);
    this.#onAbort();
    for (const listener of this.#abortListeners) listener();
  }
}
