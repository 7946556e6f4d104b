// The options shared by Exchange, Queue, Map and pmap, and their validation
// at the public boundary.
import type { Channel } from '../channel/channel.js';
import { getNumberOfCores } from '../cores.js';
import { invalidType, outOfRange } from '../errors.js';

/** The most processes an exchange may run at once: a bound against accidental process storms. */
export const MAX_LIMIT = 1024;
// A limit above this (or 16 per core) is warned of.
const WARN_LIMIT = 64;
/** The most re-runs of a task. */
export const MAX_RETRIES = 100;

/** Options of an `Exchange` (and of `Queue`, `Map` and `pmap`). */
export interface ExchangeOptions {
  /**
   * Channels to watch from the start.
   * @default none: add them later with `add(channel)`
   * @example
   * ```ts
   * const calc = task(import.meta.url, calculate);
   * const exchange = new Exchange({ channels: [start(calc, 1), start(calc, 2)] });
   * ```
   */
  channels?: Iterable<Channel>;
  /**
   * The most processes running at once (a positive integer, at most 1,024);
   * no limit when omitted. Above 64 (or 16 times the number of cores), a
   * warning says that processes will mostly wait for a core.
   * @default no limit (for `pmap`, `getNumberOfCores()`)
   * @example
   * ```ts
   * const results = new Map({ limit: 4 });
   * ```
   */
  limit?: number;
  /**
   * Whether a process that has sent its result is sent the next queued
   * arguments of the same callable, instead of ending its task: `true` for
   * every callable (a parallel-aware one then receives them over its
   * channel, as in the original), `false` for none (each task its own
   * process visit).
   * @default reuse for plain functions (`makeParallel`, `makeReusable`, `Map.call`, `pmap`), not for `task()`s
   * @example
   * ```ts
   * const squares = pmap(makeParallel(import.meta.url, square), [1, 2, 3], { reuse: false });
   * ```
   */
  reuse?: boolean;
  /**
   * With reuse: processes that run out of work stay with this exchange,
   * waiting for its next work, until `close()`. Rarely needed: processes go
   * back to the creator's pool after their work anyway, modules loaded.
   * Waiting processes do not count as unfinished work.
   * @default false
   * @example
   * ```ts
   * const results = new Map({ limit: 2, keepAlive: true });
   * ```
   */
  keepAlive?: boolean;
  /**
   * With reuse: how many tasks a process is given at once. The next ones
   * wait in its channel while it works, so it starts the next task the
   * moment it sends a result, instead of idling for a round trip.
   * @default adaptive: 1 for tasks of 20 ms or more, else as many as take about 1 ms, as measured (2 to 32)
   * @example
   * ```ts
   * // Very many tiny tasks: each process holds 8 at a time.
   * const doubled = pmap(makeParallel(import.meta.url, double), items, { inFlight: 8 });
   * ```
   */
  inFlight?: number;
  /**
   * The most tasks a process runs before a new one takes its place, as
   * Python's `maxtasksperchild`; `1` gives every task a brand-new process.
   * Module-level state lives as long as a process.
   * @default unlimited (`PPROCESS_MAX_TASKS_PER_PROCESS` sets the default)
   * @example
   * ```ts
   * const results = new Map({ maxTasksPerProcess: 1 });
   * ```
   */
  maxTasksPerProcess?: number;
  /**
   * A process may send many values; queued work starts when a process ends.
   * @default false
   * @example
   * ```ts
   * const exchange = new Exchange({ continuous: true });
   * ```
   */
  continuous?: boolean;
  /**
   * Close channels when they are removed (default `true`).
   * @default true
   * @example
   * ```ts
   * const exchange = new Exchange({ autoclose: false });
   * ```
   */
  autoclose?: boolean;
  /**
   * The longest a task may run, in milliseconds, counted from when it starts
   * running in its process: time spent queued, and the process's own start-up
   * and loading of the task's module, do not count (with `continuous`, the
   * whole life of the task does). Past it, the process is killed and the task
   * fails with a `TimeoutError`.
   * @default no limit
   * @example
   * ```ts
   * const results = new Map({ timeoutMs: 10_000 });
   * ```
   */
  timeoutMs?: number;
  /**
   * Cancels the work: queued work is dropped, running processes are told
   * (their channel's `signal` aborts) and then ended, and waiting calls
   * reject with an `AbortError`.
   * @default none: the work runs to its end
   * @example
   * ```ts
   * const results = new Map({ signal: AbortSignal.timeout(60_000) });
   * ```
   */
  signal?: AbortSignal;
  /**
   * How many times to re-run, on a fresh process, a task whose process died
   * (at most 100).
   * @default 0
   * @example
   * ```ts
   * const results = new Map({ retries: 2 });
   * ```
   */
  retries?: number;
}

/** Throws a `TypeError` or `RangeError` for an option of the wrong type or out of range. */
export function validateExchangeOptions(options: ExchangeOptions, api: string): void {
  if (typeof options !== 'object' || options === null) {
    throw invalidType(`${api}: options must be an object, got ${options === null ? 'null' : typeof options}`);
  }
  const { limit, timeoutMs, retries, signal } = options;
  if (limit !== undefined && !isInteger(limit, 1, MAX_LIMIT)) {
    throw outOfRange(`${api}: limit must be an integer from 1 to ${MAX_LIMIT}, got ${String(limit)}`);
  }
  if (limit !== undefined) warnIfOversubscribed(limit, api);
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) {
    throw outOfRange(`${api}: timeoutMs must be a number of milliseconds > 0, got ${String(timeoutMs)}`);
  }
  if (retries !== undefined && !isInteger(retries, 0, MAX_RETRIES)) {
    throw outOfRange(`${api}: retries must be an integer from 0 to ${MAX_RETRIES}, got ${String(retries)}`);
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidType(`${api}: signal must be an AbortSignal, got ${typeof signal}`);
  }
  for (const flag of ['reuse', 'keepAlive', 'continuous', 'autoclose'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
      throw invalidType(`${api}: ${flag} must be a boolean, got ${typeof options[flag]}`);
    }
  }
  if (options.inFlight !== undefined && !isInteger(options.inFlight, 1, MAX_LIMIT)) {
    throw outOfRange(`${api}: inFlight must be an integer from 1 to ${MAX_LIMIT}, got ${String(options.inFlight)}`);
  }
  const { maxTasksPerProcess } = options;
  if (maxTasksPerProcess !== undefined && !isInteger(maxTasksPerProcess, 1, Number.MAX_SAFE_INTEGER)) {
    throw outOfRange(`${api}: maxTasksPerProcess must be a positive integer, got ${String(maxTasksPerProcess)}`);
  }
  if (options.inFlight !== undefined && options.inFlight > 1 && options.reuse === false) {
    throw invalidType(`${api}: inFlight gives reused processes several tasks at once: it cannot go with reuse: false`);
  }
  if (options.keepAlive && options.reuse === false) {
    throw invalidType(`${api}: keepAlive keeps reused processes waiting for work: it cannot go with reuse: false`);
  }
}

/** Throws a `RangeError` unless `timeoutMs` is a number ≥ 0. */
export function validateTimeout(timeoutMs: number, api: string): void {
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
    throw outOfRange(`${api}: timeoutMs must be a number ≥ 0, got ${String(timeoutMs)}`);
  }
}

function isInteger(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

let warned = false;

// Many more processes than cores only wait for a core each, in memory.
function warnIfOversubscribed(limit: number, api: string): void {
  const cores = getNumberOfCores();
  if (warned || limit <= Math.max(WARN_LIMIT, 16 * cores)) return;
  warned = true;
  process.emitWarning(`${api}: limit ${limit} runs up to ${limit} processes on ${cores} cores; ` +
    'CPU-bound work gains nothing past the number of cores', { code: 'PPROCESS_LIMIT_ABOVE_CORES' });
}
