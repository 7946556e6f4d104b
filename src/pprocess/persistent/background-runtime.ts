// The entry point of a background process: it takes what to run from file
// descriptor 3, listens at its address, tells its creator it listens (or why
// it cannot), then runs the callable with the persistent channel, waiting for
// clients to take what it sends. When done, it removes its socket and exits.
import { Kind } from '../channel/protocol.js';
import { decodeValue } from '../channel/wire-value.js';
import { serializeError } from '../errors.js';
import { invoke } from '../process/invoke.js';
import type { BackgroundRequest } from './background.js';
import { handoverChannel, listenAndReport } from './handover.js';

async function main(): Promise<void> {
  const handover = handoverChannel();
  const request = decodeValue((await handover.receiveControl()).body) as BackgroundRequest;
  const endpoint = await listenAndReport(handover, request.address);

  const { channel } = endpoint;
  let code = 0;
  try {
    await invoke(request.callable, channel, request.args, true);
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

await main();
