// Why a channel ended when its connection closed: the error that its pending
// and later operations reject with.
import { BackgroundExitError, ChannelClosedError, type ProcessExitError } from '../errors.js';
import type { Peer } from './peer.js';
import type { ProcessHandle } from './process-watch.js';

/**
 * The error a channel ends with, from what its peer said and, in the
 * creator, its created process. A created process that closed the channel
 * without saying it finished is explained by how it ended, which is known a
 * moment later: that error comes as a promise.
 */
export function closeReason(peer: Peer, process: ProcessHandle | undefined): Error | Promise<ProcessExitError> {
  const { pid, address, finished } = peer;
  if (address !== undefined) {
    return finished
      ? new ChannelClosedError(`The background process ${pid} at ${address} finished; nothing more can be sent or received`)
      : new BackgroundExitError(pid, address);
  }
  if (finished || !process) {
    const who = process ? `Process ${pid} finished` : 'The creating process closed the channel';
    return new ChannelClosedError(`${who}; nothing more can be sent or received`);
  }
  return process.closedEarly(pid);
}
