// The wire protocol between a creating and a created process, in one place.
import type { SerializedError } from '../errors.js';
import type { CallableSpec } from '../process/callable.js';
import type { ReplayPlan } from '../process/replay.js';

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
