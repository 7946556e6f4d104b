// How long a client may try to connect to a background process, and how it
// gives up: an `AbortSignal`, a time limit, or both.
import { AbortError, invalidType, outOfRange, SocketAddressError } from '../errors.js';

/** Options of `connectPersistent()`. */
export interface ConnectOptions {
  /**
   * Cancels the connection attempt: it rejects with an `AbortError`
   * (`ABORT_ERR`) and gives up its place, so the next client is served.
   * @default none: it waits until served or `timeoutMs`
   * @example
   * ```ts
   * const channel = await connectPersistent('/tmp/job.sock', { signal: controller.signal });
   * ```
   */
  signal?: AbortSignal;
  /**
   * Gives up after this many milliseconds without being served (while
   * another client holds the background process, for instance): rejects with
   * a `SocketAddressError` with code `ETIMEDOUT`, and gives up its place.
   * @default no limit
   * @example
   * ```ts
   * const channel = await connectPersistent('/tmp/job.sock', { timeoutMs: 5_000 });
   * ```
   */
  timeoutMs?: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** A promise that rejects when the connection attempt must give up, and a way to stop it. */
export interface GiveUp {
  readonly reached: Promise<never>;
  dispose(): void;
}

/**
 * Checks `options` (a `TypeError` or `RangeError` naming the option) and
 * returns when to give up connecting to `path`. Throws an `AbortError` if
 * the signal has already aborted: then nothing is to be tried.
 */
export function giveUpFor(options: ConnectOptions, path: string): GiveUp {
  const { signal, timeoutMs } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidType(`connectPersistent(): options.signal must be an AbortSignal, got ${typeof signal}`);
  }
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
    throw outOfRange(`connectPersistent(): options.timeoutMs must be a number of milliseconds > 0 and ≤ ${MAX_TIMER_MS}, got ${String(timeoutMs)}`);
  }
  if (signal?.aborted) throw new AbortError(signal.reason);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const reached = new Promise<never>((_, reject) => {
    onAbort = () => reject(new AbortError(signal!.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => reject(new SocketAddressError('ETIMEDOUT', path,
        `The background process at ${path} did not serve this connection within ${timeoutMs} ms ` +
          '(another client holds it, or it is busy); gave up')), timeoutMs);
    }
  });
  reached.catch(() => {}); // Only a race with the connection reads it.
  return {
    reached,
    dispose() {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    },
  };
}
