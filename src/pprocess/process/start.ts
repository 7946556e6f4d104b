// Thread-style processing: start a process running a callable, and talk to
// it over the returned channel.
import type { Channel } from '../channel/channel.js';
import { Kind, type RunRequest } from '../channel/protocol.js';
import { assertCloneable } from '../channel/wire-value.js';
import { assertCallable, specOf, type Callable } from './callable.js';
import { runOnPool } from './pool.js';
import { endTaskHook } from './task-end.js';

/** How `startTask()` places a task. */
export interface StartOptions {
  /** The most tasks its process may run, this one included (1: a brand-new process). */
  maxTasksPerProcess?: number;
}

/**
 * Starts `callable` with `args` (after its channel) in a created process and
 * returns the creator's end of the channel. The process comes from this
 * process's pool: one already booted and idle, with the modules of its
 * earlier tasks still loaded, or a new one. It goes back to the pool when
 * the task ends.
 */
export function start<Args extends unknown[]>(callable: Callable<Args>, ...args: Args): Channel {
  return startTask(callable, args, {});
}

/** `start()`, with options. */
export function startTask(callable: Callable<unknown[]>, args: unknown[], options: StartOptions): Channel {
  assertCallable(callable, 'start()');
  assertCloneable(args, 'args');
  // The task takes on the creator's environment and directory as they are now.
  const request: RunRequest = { callable: specOf(callable), args, env: { ...process.env }, cwd: process.cwd() };
  return runOnPool(request, { module: callable.module, maxTasksPerProcess: options.maxTasksPerProcess });
}

/**
 * Ends a created process's work: waits for what it sent to be written and
 * closes the channel. A process made by `create()` or `start()` then goes
 * back to its creator's pool (the returned promise never settles, as if the
 * process had exited); any other ends with status 0.
 */
export async function exit(channel: Channel): Promise<never> {
  if (channel.pid !== 0) {
    throw new TypeError('exit(channel) ends a created process; in the creator, use channel.close()');
  }
  const endTask = endTaskHook();
  if (endTask) {
    endTask(channel);
    return new Promise<never>(() => {});
  }
  // An acknowledgement written to a process that has gone fails, and takes
  // the values still unread with it: leave only once the peer has them all.
  await channel.allAcknowledged();
  channel.sendControl(Kind.done);
  await channel.flush();
  channel.close();
  process.exit(0);
}
