// Compares the two ways a channel could carry messages between processes:
// Node's IPC channel with `serialization: 'advanced'`, and a socket pair on
// file descriptor 3 framed by our codec with v8 serialization (what pprocess
// uses), plus the full pprocess Channel (the same socket, with the
// acknowledgement of every message). Reports round trips per second for a
// 100-byte and a 1 MB message.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';
import { encodeFrame, FrameDecoder } from '../src/pprocess/codec/frame-codec.js';
import { start, task, type Channel } from '../src/pprocess/index.js';

const peer = new URL('./transport-peer.ts', import.meta.url);
const sizes = [100, 1024 * 1024];
const durationMs = Number(process.env.BENCH_MS ?? 2000);

async function roundTrips(label: string, once: () => Promise<void>): Promise<number> {
  for (let i = 0; i < 20; i++) await once(); // warm up
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    await once();
    count++;
  }
  const perSecond = count / ((performance.now() - started) / 1000);
  return perSecond;
}

function spawnPeer(args: string[], stdio: Array<'inherit' | 'pipe' | 'ipc'>): ChildProcess {
  return spawn(process.execPath, [...process.execArgv, new URL(peer).pathname, ...args], { stdio, serialization: 'advanced' });
}

async function viaIpc(message: Buffer): Promise<number> {
  const child = spawnPeer([], ['inherit', 'inherit', 'inherit', 'ipc']);
  const once = () => new Promise<void>((resolve) => {
    child.once('message', () => resolve());
    child.send(message);
  });
  const result = await roundTrips('ipc', once);
  child.kill();
  return result;
}

async function viaFramedSocket(message: Buffer): Promise<number> {
  const child = spawnPeer(['--fd3'], ['inherit', 'inherit', 'inherit', 'pipe']);
  const socket = child.stdio[3] as Socket;
  const decoder = new FrameDecoder();
  let waiting: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) {
      deserialize(frame.body);
      waiting?.();
    }
  });
  const once = () => new Promise<void>((resolve) => {
    waiting = resolve;
    const [header, body] = encodeFrame(1, serialize(message));
    socket.cork();
    socket.write(header);
    socket.write(body);
    socket.uncork();
  });
  const result = await roundTrips('fd3', once);
  child.kill();
  return result;
}

export async function echo(ch: Channel): Promise<void> {
  for (;;) await ch.send(await ch.receive());
}

async function viaChannel(message: Buffer): Promise<number> {
  const channel = start(task(import.meta.url, echo));
  const once = async () => {
    await channel.send(message);
    await channel.receive();
  };
  const result = await roundTrips('channel', once);
  channel.kill();
  return result;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  console.log('round trips per second (median of one run each; higher is better)');
  console.log('message   | IPC advanced | fd 3 + codec | pprocess Channel (acknowledged)');
  for (const size of sizes) {
    const message = Buffer.alloc(size, 7);
    const ipc = await viaIpc(message);
    const framed = await viaFramedSocket(message);
    const channel = await viaChannel(message);
    const label = size >= 1024 * 1024 ? `${size / 1024 / 1024} MB` : `${size} B`;
    console.log(`${label.padEnd(9)} | ${ipc.toFixed(0).padStart(12)} | ${framed.toFixed(0).padStart(12)} | ${channel.toFixed(0).padStart(10)}`);
  }
}
