// The pooled process's way to end a task early: `exit(channel)` called in a
// task hands the process back instead of exiting it. A global, since the
// task's modules may load their own copy of this library.
import type { Channel } from '../channel/channel.js';

const END_TASK = Symbol.for('pprocess.endTask');

type HookedGlobal = typeof globalThis & { [END_TASK]?: (channel: Channel) => void };

/** The pooled process's handler for `exit(channel)`, while it runs a task. */
export function endTaskHook(): ((channel: Channel) => void) | undefined {
  return (globalThis as HookedGlobal)[END_TASK];
}

/** Sets (or clears) the handler for `exit(channel)`. */
export function setEndTaskHook(hook: ((channel: Channel) => void) | undefined): void {
  (globalThis as HookedGlobal)[END_TASK] = hook;
}
