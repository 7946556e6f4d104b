// The wire protocol between a creating and a created process, in one place.
import type { SerializedError } from '../errors.js';

/** The file descriptor of a created process's channel (and of a background process's handover). */
export const CHANNEL_FD = 3;

/** Frame kinds. The numbers are the wire format: never reuse one. */
export const Kind = {
  /** A value sent with `send()`; the receiver acknowledges it when `receive()` takes it. */
  data: 1,
  /** The receiver has taken the oldest unacknowledged message. No body. */
  ack: 2,
  /** The callable threw: the body is a `SerializedError`, re-thrown by `receive()`. */
  error: 3,
  /** Creator to created: run this callable with these arguments. */
  run: 4,
  /**
   * Created to creator: the task finished and nothing more will be sent for
   * it. A body of one byte 1 says the process ends now rather than take
   * another task.
   */
  done: 5,
  /** Creator to created: the work was cancelled; the body is the reason. */
  abort: 6,
  /** A background process to each client that connects: the body is `{ pid }`, its pid. */
  hello: 7,
  /** Created to creator: the process is up and waits for its run request. No body. */
  ready: 8,
  /** Created to creator: the task's module is loaded and the task starts now. No body. */
  started: 9,
} as const;

export type KindName = keyof typeof Kind;

/** What the creator asks a created process to do. */
export interface RunRequest {
  /** The callable to run; absent for a replay. */
  callable?: CallableSpec;
  args: unknown[];
  /** Instead of a callable: replay the program to one of its create() calls. */
  replay?: ReplayRequest;
  /**
   * The creator's environment and working directory as they were when it
   * started the task: the process takes them on before the task runs.
   */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** What a process made by create() replays. */
export interface ReplayRequest {
  /** The program's entry module, as a `file:` URL, and its arguments. */
  entry: string;
  argv: string[];
  plan: ReplayPlan;
}

/** A message waiting in a channel's inbox for `receive()`. */
export type InboxMessage =
  | { kind: 'data'; value: unknown; bytes: number }
  | { kind: 'error'; error: SerializedError; bytes: number };

/**
 * How the created process invokes the export:
 * - `channel`: `fn(channel, ...args)`, a parallel-aware function that sends its own results;
 * - `parallel`: `fn(...args)`, its return value sent back (`makeParallel`);
 * - `reusable`: like `parallel`, then waits for further argument lists until it receives `null` (`makeReusable`).
 */
export type CallStyle = 'channel' | 'parallel' | 'reusable';

/** The serializable description of a callable, as sent to the created process. */
export interface CallableSpec {
  /** The module's URL (`file:` URL). */
  module: string;
  /** The name of the export to call. */
  exportName: string;
  style: CallStyle;
  /**
   * With `parallel` and `reusable`: the single argument is a chunk (an array)
   * of elements; the function is called on each, and the results come back
   * together as a `ChunkResult`.
   */
  chunked?: boolean;
  /** Arguments given before the call's own in every call (see `partial`): sent once per process. */
  leading?: unknown[];
}

/** What a chunked callable sends back: one value per element, and the elements that threw. */
export interface ChunkResult {
  values: unknown[];
  failures: Array<[position: number, error: SerializedError]>;
}

/** What a replay is told by its creator. */
export interface ReplayPlan {
  /** Which create() call (counting from 1) returns this process's channel. */
  target: number;
  /** Where in the program the creator made that call (`file:line:column`). */
  site: string;
  /** The pids the creator's earlier top-level create() calls returned, by call number. */
  pids: Record<number, number>;
  /** The creator's Math.random seed, and how many numbers it had drawn at its create() call. */
  seed: number;
  draws: number;
  /** Where the creator made its create() calls so far, each place once (a loop makes them all in one). */
  siteNames: string[];
  /** Which of `siteNames` each earlier create() call was made at, by call number less one: the replay must pass the same way. */
  siteOf: number[];
}
