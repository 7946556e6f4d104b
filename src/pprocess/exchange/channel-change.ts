// Waiting for a change on an exchange's channels: what `ready()`, and so `store()`, block on.
import type { Channel } from '../channel/channel.js';
import type { Supervisor } from './supervisor.js';

/**
 * Whether any of `channels` has data or has ended, so that waiting for a
 * change would not wait.
 * @internal
 */
export function anyChanged(channels: Iterable<Channel>): boolean {
  for (const channel of channels) if (channel.readable || channel.ended) return true;
  return false;
}

/**
 * Resolves when one of `channels` has data or ends, when the work is
 * cancelled, or after `timeoutMs` (never, when omitted).
 * @internal
 */
export function changeOrTimeout(
  channels: Iterable<Channel>,
  supervisor: Pick<Supervisor, 'onAbort'>,
  timeoutMs: number | undefined,
): Promise<void> {
  return new Promise((resolve) => {
    const cleanups: Array<() => void> = [];
    const done = () => {
      for (const cleanup of cleanups) cleanup();
      resolve();
    };
    // Holding a channel keeps the event loop alive while this waits on it.
    for (const channel of channels) {
      cleanups.push(channel.watch(done), channel.hold());
    }
    // A cancellation must wake the waiter, whose next step rejects with it.
    cleanups.push(supervisor.onAbort(done));
    if (timeoutMs !== undefined) {
      const timer = setTimeout(done, timeoutMs);
      cleanups.push(() => clearTimeout(timer));
    }
  });
}
