// The entry point of a background process: it takes what to run from file
// descriptor 3, listens at its address, tells its creator it listens (or why
// it cannot), then runs the callable with the persistent channel, waiting for
// clients to take what it sends. When done, it removes its socket and exits.
import { Socket } from 'node:net';
import { constants } from 'node:os';
import { Channel } from '../channel/channel.js';
import { Kind } from '../channel/protocol.js';
import { decodeValue } from '../channel/wire-value.js';
import { serializeError } from '../errors.js';
import { invoke } from '../process/invoke.js';
import type { BackgroundRequest } from './background.js';
import { listenPersistent, type PersistentEndpoint } from './persistent-channel.js';

const HANDOVER_FD = 3;

async function main(): Promise<void> {
  const handover = new Channel(new Socket({ fd: HANDOVER_FD, readable: true, writable: true }), { pid: 0 });
  const request = decodeValue((await handover.receiveControl()).body) as BackgroundRequest;
  let endpoint: PersistentEndpoint;
  try {
    endpoint = await listenPersistent(request.address);
  } catch (error) {
    await handover.sendError(serializeError(error));
    handover.close();
    process.exit(1);
  }
  endOnSignals();
  if (endpoint.replacedStale) console.error(`pprocess: replaced the stale socket file ${request.address}`);
  await handover.send('listening');
  // From here on the process depends on nobody: it keeps no descriptor of its creator's.
  handover.close();

  const { channel } = endpoint;
  let code = 0;
  try {
    await invoke(request.callable, channel, request.args);
  } catch (error) {
    code = 1;
    // The error waits for a client, as a result would.
    await channel.sendError(serializeError(error));
  }
  // Everything sent has been taken: tell the client (if one is still there)
  // that nothing more will come, and go.
  if (channel.connected) {
    channel.sendControl(Kind.done);
    await channel.flush();
  }
  endpoint.close();
  process.exit(code);
}

// Ended by a signal, the process still removes its socket file: exiting runs
// the 'exit' handler that does it.
function endOnSignals(): void {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]));
  }
}

await main();
