// The options shared by Exchange, Queue, Map and pmap, and their validation
// at the public boundary.
import type { Channel } from '../channel/channel.js';
import { invalidType, outOfRange } from '../errors.js';

/** Options of an `Exchange` (and of `Queue`, `Map` and `pmap`). */
export interface ExchangeOptions {
  /** Channels to watch from the start. */
  channels?: Iterable<Channel>;
  /** The most processes running at once (a positive integer); no limit when omitted. */
  limit?: number;
  /** Keep processes alive and send them the next queued arguments; `null` ends them. */
  reuse?: boolean;
  /**
   * With `reuse`: processes that run out of work stay alive, waiting for the
   * next work started in this exchange, until `close()` — a pool, so that
   * later work skips process start-up and finds its code already loaded and
   * compiled. Waiting processes do not count as unfinished work.
   */
  keepAlive?: boolean;
  /**
   * With `reuse`: how many tasks a process is given at once (default 1). With
   * 2, its next arguments wait in its channel while it works, so it starts
   * the next task the moment it sends a result, instead of idling for a round
   * trip to the creator: worth it for many short tasks.
   */
  inFlight?: number;
  /** A process may send many values; queued work starts when a process ends. */
  continuous?: boolean;
  /** Close channels when they are removed (default `true`). */
  autoclose?: boolean;
  /**
   * The longest a task may run, in milliseconds, counted from when it starts
   * running in its process: time spent queued, and the process's own start-up
   * and loading of the task's module, do not count (with `continuous`, the
   * whole life of the task does). Past it, the process is killed and the task
   * fails with a `TimeoutError`.
   */
  timeoutMs?: number;
  /**
   * Cancels the work: queued work is dropped, running processes are told
   * (their channel's `signal` aborts) and then ended, and waiting calls
   * reject with an `AbortError`.
   */
  signal?: AbortSignal;
  /** How many times to re-run, on a fresh process, a task whose process died (default 0). */
  retries?: number;
}

/** Throws a `TypeError` or `RangeError` for an option of the wrong type or out of range. */
export function validateExchangeOptions(options: ExchangeOptions, api: string): void {
  if (typeof options !== 'object' || options === null) {
    throw invalidType(`${api}: options must be an object, got ${options === null ? 'null' : typeof options}`);
  }
  const { limit, timeoutMs, retries, signal } = options;
  if (limit !== undefined && !isInteger(limit, 1)) throw outOfRange(`${api}: limit must be a positive integer, got ${String(limit)}`);
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) {
    throw outOfRange(`${api}: timeoutMs must be a number of milliseconds > 0, got ${String(timeoutMs)}`);
  }
  if (retries !== undefined && !isInteger(retries, 0)) {
    throw outOfRange(`${api}: retries must be an integer ≥ 0, got ${String(retries)}`);
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidType(`${api}: signal must be an AbortSignal, got ${typeof signal}`);
  }
  for (const flag of ['reuse', 'keepAlive', 'continuous', 'autoclose'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
      throw invalidType(`${api}: ${flag} must be a boolean, got ${typeof options[flag]}`);
    }
  }
  if (options.inFlight !== undefined && !isInteger(options.inFlight, 1)) {
    throw outOfRange(`${api}: inFlight must be a positive integer, got ${String(options.inFlight)}`);
  }
  if ((options.inFlight ?? 1) > 1 && !options.reuse) {
    throw invalidType(`${api}: inFlight gives reused processes several tasks at once: it needs reuse: true`);
  }
  if (options.keepAlive && !options.reuse) {
    throw invalidType(`${api}: keepAlive keeps reused processes waiting for work: it needs reuse: true`);
  }
}

/** Throws a `RangeError` unless `timeoutMs` is a number ≥ 0. */
export function validateTimeout(timeoutMs: number, api: string): void {
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
    throw outOfRange(`${api}: timeoutMs must be a number ≥ 0, got ${String(timeoutMs)}`);
  }
}

function isInteger(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}
