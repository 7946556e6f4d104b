// The listening end of a persistent channel: a reconnectable Channel served
// at a UNIX-domain socket that only its owner can use. One client is served
// at a time (the original listened with a backlog of one); the next waits
// until it leaves, then continues the conversation where it stopped.
import { chmodSync, statSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { Channel } from '../channel/channel.js';
import { addressError, prepareToListen } from './address.js';
import { watchSocketFile } from './socket-file-watch.js';

/** A persistent channel listening at an address. */
export interface PersistentEndpoint {
  /** The channel given to the task: it outlives each client, and `send()` waits for one. */
  readonly channel: Channel;
  /** The socket file's absolute path. */
  readonly address: string;
  /** Whether a stale socket file (left by a process that died) was replaced. */
  readonly replacedStale: boolean;
  /** Stops listening, drops waiting clients, closes the channel and removes the socket file. */
  close(): void;
}

/**
 * Listens at `address` (an absolute path, already validated) with a
 * reconnectable channel. A stale socket file there is replaced; a live one
 * is an `EADDRINUSE` `SocketAddressError`. The socket file is created with
 * mode 0600 and removed when the endpoint closes or this process exits.
 * If the file is deleted or replaced meanwhile, `onUnreachable` is told
 * what happened (see socket-file-watch.ts).
 */
export async function listenPersistent(
  address: string,
  onUnreachable: (what: string) => void = () => {},
): Promise<PersistentEndpoint> {
  const { replacedStale } = await prepareToListen(address);
  const channel = new Channel(undefined, { pid: 0, reconnectable: true });
  const waiting: Socket[] = [];

  // Gives the channel the longest-waiting client once it has none.
  const serveNext = () => {
    while (!channel.connected && !channel.closed && waiting.length > 0) {
      const socket = waiting.shift()!;
      if (socket.destroyed) continue;
      channel.attach(socket);
      socket.resume();
    }
  };
  // Clients arrive paused (pauseOnConnect): one waiting its turn reads nothing.
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    socket.on('error', () => { /* a client that fails is one that left: see 'close' */ });
    socket.once('close', () => {
      const index = waiting.indexOf(socket);
      if (index >= 0) waiting.splice(index, 1);
    });
    waiting.push(socket);
    serveNext();
  });
  channel.watch(serveNext);

  await listenPrivately(server, address);
  const ours = statSync(address).ino;
  const removeSocketFile = socketFileRemover(address, ours);
  process.once('exit', removeSocketFile);
  const stopWatching = watchSocketFile(address, ours, onUnreachable);

  return {
    channel,
    address,
    replacedStale,
    close() {
      stopWatching();
      server.close();
      for (const socket of waiting.splice(0)) socket.destroy();
      channel.close();
      removeSocketFile();
      process.removeListener('exit', removeSocketFile);
    },
  };
}

// Binds with a umask that leaves the socket file readable and writable by
// its owner only (bind is synchronous, so the umask covers it and nothing
// else), and sets the mode again in case the platform ignored the umask.
function listenPrivately(server: Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(addressError(error, address)));
    const previous = process.umask(0o177);
    try {
      server.listen({ path: address, backlog: 1 }, () => {
        chmodSync(address, 0o600);
        resolve();
      });
    } finally {
      process.umask(previous);
    }
  });
}

// Removes the socket file, if it is still the one this process made (not a
// newer one another process made at the same path after ours was removed).
function socketFileRemover(address: string, ours: number): () => void {
  return () => {
    try {
      if (statSync(address).ino === ours) unlinkSync(address);
    } catch (error) {
      // Already gone (the server removes it when it closes): nothing to remove.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  };
}
