// Thread-style processing: start a process running a callable, and talk to
// it over the returned channel.
import type { Channel } from '../channel/channel.js';
import { Kind, type RunRequest } from '../channel/protocol.js';
import { assertCloneable, encodeValue } from '../channel/wire-value.js';
import { assertCallable, specOf, type Callable } from './callable.js';
import { launch } from './launch.js';
import { takeSpare } from './spares.js';

/**
 * Starts a new process running `callable` with `args` (after its channel) and
 * returns the creator's end of the channel.
 */
export function start<Args extends unknown[]>(callable: Callable<Args>, ...args: Args): Channel {
  assertCallable(callable, 'start()');
  assertCloneable(args, 'args');
  const request: RunRequest = { callable: specOf(callable), args };
  let channel = takeSpare(callable.module);
  if (channel) {
    request.env = { ...process.env };
    request.cwd = process.cwd();
  } else {
    channel = launch({ module: callable.module });
  }
  channel.sendControl(Kind.run, encodeValue(request));
  return channel;
}

/**
 * Ends a created process: waits until the creator has received every value
 * it sent (awaited or not), closes the channel and exits with status 0.
 * Only meaningful in a created process.
 */
export async function exit(channel: Channel): Promise<never> {
  if (channel.pid !== 0) {
    throw new TypeError('exit(channel) ends a created process; in the creator, use channel.close()');
  }
  await channel.allAcknowledged();
  channel.sendControl(Kind.done);
  await channel.flush();
  channel.close();
  process.exit(0);
}
