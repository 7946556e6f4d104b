// Connecting to a background process: a channel over its UNIX-domain socket.
import { lstatSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { Channel } from '../channel/channel.js';
import { BackgroundExitError, SocketAddressError } from '../errors.js';
import { addressError, resolveAddress } from './address.js';
import { giveUpFor, type ConnectOptions } from './connect-options.js';
import { assertTrustedSocket } from './trusted-address.js';

export type { ConnectOptions } from './connect-options.js';

/**
 * Connects to the background process listening at `address` and resolves
 * with a channel to it: `receive()` takes what it sends (first anything an
 * earlier client left unreceived), `send()` reaches it, and `pid` is its pid.
 * A background process serves one client at a time: while another is
 * connected, this waits for it to leave, for as long as `options` allow.
 *
 * Rejects with a `SocketAddressError`: `ERR_SOCKET_UNTRUSTED` if the socket
 * file is not this user's or sits in a directory other users can write to
 * (nothing is sent or received then; see `assertTrustedSocket`), `ENOENT` if
 * no socket file is there (the process finished, or none was started),
 * `ECONNREFUSED` if the file is stale (its process died), `ENOTSOCK` if the
 * path is not a socket, `ETIMEDOUT` after `options.timeoutMs`; with an
 * `AbortError` when `options.signal` aborts. A connection given up leaves
 * the process's line at once: it never holds the process from the next client.
 */
export async function connectPersistent(address: string, options: ConnectOptions = {}): Promise<Channel> {
  const path = resolveAddress(address, 'connectPersistent()');
  const giveUp = giveUpFor(options, path);
  try {
    assertTrustedSocket(path);
    const connecting = openChannel(path);
    try {
      return await Promise.race([connecting, giveUp.reached]);
    } catch (error) {
      // Given up: whenever the connection comes, close it, freeing its place.
      connecting.then((channel) => channel.close(), () => {});
      throw error;
    }
  } finally {
    giveUp.dispose();
  }
}

// Connects and waits to be served: the process greets its current client.
async function openChannel(path: string): Promise<Channel> {
  const channel = new Channel(await open(path), { pid: 0, address: path });
  try {
    await channel.greeting();
  } catch (error) {
    channel.close();
    if (!(error instanceof BackgroundExitError)) throw error;
    throw new SocketAddressError('ECONNRESET', path,
      `The background process at ${path} ended before serving this connection ` +
        '(its results went to an earlier client, or it died)', { cause: error });
  }
  return channel;
}

function open(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ path });
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ECONNREFUSED' && !isSocket(path)
        ? new SocketAddressError('ENOTSOCK', path, `${path} is not a socket: no background process can listen there`)
        : addressError(error, path));
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

// A path removed since the connection was refused was a socket, now gone.
function isSocket(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isSocket() ?? true;
}
