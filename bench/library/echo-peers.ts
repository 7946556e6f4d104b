// Three ways to reach a process that echoes each message: pprocess's
// Channel (a socket at fd 3, v8 serialization, every message
// acknowledged), Node's own IPC channel with advanced serialization, and
// the same socket framed by pprocess's codec without acknowledgements.
import type { Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';
import { start, task } from 'pprocess';
// Not public API, so from dist/ by path: pprocess's frame codec (for the bare-socket baseline) and
// the `bench` command's module paths.
import { encodeFrame, FrameDecoder } from '../../dist/pprocess/codec/frame-codec.js';
import { sibling } from '../../dist/render-bench/peers/module-files.js';
import { exited, forkIpcPeer, spawnFramedPeer } from './raw-peers.js';
import { echo } from './tasks.js';

/** A started process that sends back what it is sent. */
export interface EchoPeer {
  readonly name: string;
  /** Sends `message` and resolves with the echo. */
  roundTrip(message: unknown): Promise<unknown>;
  /** Ends the process and waits for its exit. */
  close(): Promise<void>;
}

/** The echo peers by kind: pprocess's Channel, Node's IPC channel, the framed socket at fd 3. */
export type EchoPeerKind = 'channel' | 'ipc' | 'framed';

const makers: Record<EchoPeerKind, () => EchoPeer> = { channel: channelPeer, ipc: ipcPeer, framed: framedPeer };

/** The echo peers of `kinds` (all three by default), in that order, each started and answering. */
export async function startEchoPeers(kinds: readonly EchoPeerKind[] = ['channel', 'ipc', 'framed']): Promise<EchoPeer[]> {
  const peers = kinds.map((kind) => makers[kind]());
  for (const peer of peers) await peer.roundTrip(0); // up and answering
  return peers;
}

function channelPeer(): EchoPeer {
  const channel = start(task(sibling(import.meta.url, './tasks').href, echo));
  return {
    name: 'pprocess Channel',
    async roundTrip(message) {
      await channel.send(message);
      return channel.receive();
    },
    async close() {
      await channel.send(null);
      await channel.wait();
      channel.close();
    },
  };
}

function ipcPeer(): EchoPeer {
  const child = forkIpcPeer();
  return {
    name: 'Node IPC (advanced)',
    roundTrip: (message) =>
      new Promise((resolve) => {
        child.once('message', resolve);
        child.send(message as never);
      }),
    close: () => exited(child, () => child.disconnect()),
  };
}

function framedPeer(): EchoPeer {
  const child = spawnFramedPeer();
  const socket = child.stdio[3] as Socket;
  const decoder = new FrameDecoder();
  let answer: ((value: unknown) => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) answer?.(deserialize(frame.body));
  });
  return {
    name: 'socket at fd 3 + codec',
    roundTrip: (message) =>
      new Promise((resolve) => {
        answer = resolve;
        const [header, body] = encodeFrame(1, serialize(message));
        socket.cork();
        socket.write(header);
        socket.write(body);
        socket.uncork();
      }),
    close: () => exited(child, () => socket.end()),
  };
}
