// The options of a channel over an existing socket.
import type { ChildProcess } from 'node:child_process';
import type { ProcessHandle } from './process-watch.js';

/** Options for a channel over an existing socket. */
export interface ChannelOptions {
  /**
   * The created process's pid (in the creator), or 0 (in the created process).
   * @default none: required
   * @example
   * ```ts
   * const channel = new Channel(socket, { pid: 0 });
   * ```
   */
  pid: number;
  /**
   * The created process, in the creator: its exit status explains a channel
   * that closed early. A handle stands for a task's time on a pooled process.
   * @default none: no exit status explains an early close
   * @example
   * ```ts
   * const channel = new Channel(child.stdio[3] as Socket, { pid: child.pid!, process: child });
   * ```
   */
  process?: ChildProcess | ProcessHandle;
  /**
   * Largest frame accepted from the peer.
   * @default 1 GiB (`PPROCESS_MAX_FRAME_BYTES` sets the default)
   * @example
   * ```ts
   * const channel = new Channel(socket, { pid: 0, maxFrameBytes: 16 * 1024 * 1024 });
   * ```
   */
  maxFrameBytes?: number;
  /**
   * @internal A connection to the background process listening at this
   * address: its greeting gives `pid`, and it closing without saying it
   * finished is a `BackgroundExitError`.
   */
  address?: string;
  /**
   * @internal The channel outlives its peer: when the connection drops it
   * waits for `attach()` to give it the next one, sending again what the
   * last peer did not acknowledge. It starts with no peer.
   */
  reconnectable?: boolean;
}
