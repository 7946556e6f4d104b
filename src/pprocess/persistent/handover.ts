// The first moments of a background process: it listens at its address and
// tells its creator so (or why it cannot) over file descriptor 3, which it
// then closes, to depend on nobody.
import { CHANNEL_FD } from '../channel/protocol.js';
import { Socket } from 'node:net';
import { constants } from 'node:os';
import { Channel } from '../channel/channel.js';
import { serializeError } from '../errors.js';
import { listenPersistent, type PersistentEndpoint } from './persistent-channel.js';

const HANDOVER_FD = CHANNEL_FD;

/** The channel to the creator, on file descriptor 3, until the process listens. */
export function handoverChannel(): Channel {
  return new Channel(new Socket({ fd: HANDOVER_FD, readable: true, writable: true }), { pid: 0 });
}

/** Listens at `address`, tells the creator, and closes the handover; exits if it cannot listen. */
export async function listenAndReport(handover: Channel, address: string): Promise<PersistentEndpoint> {
  let endpoint: PersistentEndpoint;
  try {
    endpoint = await listenPersistent(address, endUnreachable);
  } catch (error) {
    await handover.sendError(serializeError(error));
    handover.close();
    process.exit(1);
  }
  endOnSignals();
  if (endpoint.replacedStale) console.error(`pprocess: replaced the stale socket file ${address}`);
  await handover.send('listening');
  handover.close();
  return endpoint;
}

// With its socket file deleted or replaced, no client can reach the process:
// it says so in its log and ends, rather than wait for a client forever. (It
// does not listen again: the address may be another process's now, and a
// file deleted on purpose should not come back.)
function endUnreachable(what: string): void {
  console.error(`pprocess: ${what}; no client can reach background process ${process.pid} any more, so it ends`);
  process.exit(1);
}

// Ended by a signal, the process still removes its socket file: exiting runs
// the 'exit' handler that does it.
function endOnSignals(): void {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]));
  }
}
